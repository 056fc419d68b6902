//! A compact binary encoding (varints and length-prefixed strings) and a fast content hash, for caches.

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    /// LEB128: seven bits a byte, so the small numbers a catalog is full of take one byte.
    pub fn u64(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub fn usize(&mut self, value: usize) {
        self.u64(value as u64);
    }

    pub fn bool(&mut self, value: bool) {
        self.bytes.push(u8::from(value));
    }

    pub fn bytes(&mut self, value: &[u8]) {
        self.usize(value.len());
        self.raw(value);
    }

    pub fn str(&mut self, value: &str) {
        self.bytes(value.as_bytes());
    }

    pub fn opt_str(&mut self, value: Option<&str>) {
        self.bool(value.is_some());
        if let Some(value) = value {
            self.str(value);
        }
    }

    pub fn strings(&mut self, values: &[String]) {
        self.usize(values.len());
        for value in values {
            self.str(value);
        }
    }

    pub fn indices(&mut self, values: &[usize]) {
        self.usize(values.len());
        for &value in values {
            self.usize(value);
        }
    }
}

/// Reads values back from bytes, borrowing strings rather than copying them. Every read is
/// checked: running out of bytes, a number that does not fit, or text that is not UTF-8 gives
/// `None`, never a panic, so a truncated or foreign file is just not understood. A length is
/// never trusted past the bytes that are left.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    #[cfg(test)]
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// A reader of the same bytes, from `at` on.
    pub fn at(bytes: &'a [u8], at: usize) -> Reader<'a> {
        Reader { bytes, at }
    }

    /// How far into the bytes the next read starts.
    pub fn position(&self) -> usize {
        self.at
    }

    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    pub fn is_at_end(&self) -> bool {
        self.left() == 0
    }

    pub fn raw(&mut self, len: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(len)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }

    fn byte(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    pub fn u64(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            if shift == 63 && byte > 1 {
                return None; // more than 64 bits
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    }

    pub fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    /// A count of items that each take at least one byte: a corrupt count cannot ask for more
    /// memory than the bytes that are left could fill.
    pub fn count(&mut self) -> Option<usize> {
        self.usize().filter(|&n| n <= self.left())
    }

    pub fn bool(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = self.usize()?;
        self.raw(len)
    }

    pub fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    pub fn string(&mut self) -> Option<String> {
        self.str().map(str::to_owned)
    }

    pub fn opt_str(&mut self) -> Option<Option<&'a str>> {
        if self.bool()? {
            self.str().map(Some)
        } else {
            Some(None)
        }
    }

    pub fn opt_string(&mut self) -> Option<Option<String>> {
        Some(self.opt_str()?.map(str::to_owned))
    }

    #[cfg(test)]
    pub fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.string()).collect()
    }

    pub fn indices(&mut self) -> Option<Vec<usize>> {
        let n = self.count()?;
        (0..n).map(|_| self.usize()).collect()
    }
}

/// A 64-bit content hash, to tell whether a file changed: XXH3, a well-studied hash kept by
/// others. Not cryptographic: it guards against edits, not attackers (who could as well edit the
/// cache). Fed in pieces of any size, it gives the same hash as the whole at once.
pub type Hasher = xxhash_rust::xxh3::Xxh3;

/// The [`Hasher`] hash of `bytes`.
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(bytes: &[u8]) -> Reader<'_> {
        Reader::new(bytes)
    }

    #[test]
    fn values_read_back_as_written() {
        let mut w = Writer::new();
        w.u64(0);
        w.u64(127);
        w.u64(128);
        w.u64(u64::MAX);
        w.str("中文 and ascii");
        w.opt_str(None);
        w.opt_str(Some(""));
        w.strings(&["a".into(), "bc".into()]);
        w.indices(&[3, 1_000_000]);
        w.bool(true);
        let bytes = w.into_bytes();
        let mut r = reader(&bytes);
        assert_eq!(r.u64(), Some(0));
        assert_eq!(r.u64(), Some(127));
        assert_eq!(r.u64(), Some(128));
        assert_eq!(r.u64(), Some(u64::MAX));
        assert_eq!(r.str(), Some("中文 and ascii"));
        assert_eq!(r.opt_str(), Some(None));
        assert_eq!(r.opt_string(), Some(Some(String::new())));
        assert_eq!(r.strings(), Some(vec!["a".to_string(), "bc".to_string()]));
        assert_eq!(r.indices(), Some(vec![3, 1_000_000]));
        assert_eq!(r.bool(), Some(true));
        assert!(r.is_at_end());
    }

    #[test]
    fn every_truncation_reads_as_none_not_a_panic() {
        let mut w = Writer::new();
        w.strings(&["hello".into(), "world".into()]);
        w.u64(u64::MAX);
        let bytes = w.into_bytes();
        for len in 0..bytes.len() {
            let mut r = reader(&bytes[..len]);
            assert!(
                r.strings().is_none() || r.u64().is_none(),
                "{len} bytes read as whole"
            );
        }
    }

    #[test]
    fn foreign_bytes_read_as_none_not_a_panic() {
        // A varint that never ends, a length past the end, a count no bytes could fill, bad UTF-8.
        let cases: [&[u8]; 5] = [
            &[0xff; 11],
            &[0x05, b'a'],
            &[0xff, 0xff, 0x03],
            &[0x02, 0xc3, 0x28],
            &[2],
        ];
        for bytes in cases {
            assert!(reader(bytes).strings().is_none(), "{bytes:?}");
        }
        assert_eq!(reader(&[0xff; 11]).u64(), None);
        assert_eq!(reader(&[2]).bool(), None);
    }

    #[test]
    fn hash_sees_every_byte_and_the_length() {
        let text = b"format = 1\n[[entry]]\nid = \"paper-1\"\n".repeat(5);
        let base = hash(&text);
        for at in 0..text.len() {
            let mut changed = text.clone();
            changed[at] ^= 1;
            assert_ne!(hash(&changed), base, "byte {at}");
        }
        assert_ne!(hash(&[0]), hash(&[0, 0]));
        for split in [0, 1, 15, 16, 17, 63, 64, 65, 100, text.len()] {
            let mut pieces = Hasher::new();
            let (a, b) = text.split_at(split);
            pieces.update(a);
            pieces.update(&[]);
            pieces.update(b);
            assert_eq!(pieces.digest(), base, "split at {split}");
        }
        assert_ne!(hash(b""), hash(&[0]));
        assert_eq!(hash(&text), base);
    }
}
