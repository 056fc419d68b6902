//! Progress bars drawn by hand: eighth blocks in a UTF-8 locale, `#` and `-` elsewhere.

/// Partial blocks, by how many eighths of a cell they fill.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// A bar exactly `width` cells wide, filled to `fraction` (clamped to 0..=1), rounded down so that
/// only a finished path shows a full bar.
pub fn bar(fraction: f64, width: usize, unicode: bool) -> String {
    let fraction = if fraction.is_nan() {
        0.0
    } else {
        fraction.clamp(0.0, 1.0)
    };
    let cells = if unicode { 8 } else { 1 };
    // Truncation is the rounding down wanted here; the product is never negative.
    let filled = ((fraction * (width * cells) as f64) as usize).min(width * cells);
    let (full, part) = (filled / cells, filled % cells);
    let mut out = String::with_capacity(width * 3);
    if unicode {
        out.extend(std::iter::repeat_n('█', full));
        if part > 0 {
            out.push(EIGHTHS.get(part).copied().unwrap_or(' '));
        }
        let used = full + usize::from(part > 0);
        out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    } else {
        out.extend(std::iter::repeat_n('#', full));
        out.extend(std::iter::repeat_n('-', width.saturating_sub(full)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_bars_fill_whole_cells_rounding_down() {
        assert_eq!(bar(0.0, 10, false), "----------");
        assert_eq!(bar(0.5, 10, false), "#####-----");
        assert_eq!(bar(0.99, 10, false), "#########-");
        assert_eq!(bar(1.0, 10, false), "##########");
    }

    #[test]
    fn unicode_bars_use_eighth_blocks() {
        assert_eq!(bar(0.5, 4, true), "██  ");
        assert_eq!(bar(1.0 / 32.0, 4, true), "▏   ");
        assert_eq!(bar(0.5 + 3.0 / 32.0, 4, true), "██▍ ");
        assert_eq!(bar(7.0 / 8.0 / 4.0, 4, true), "▉   ");
        assert_eq!(bar(1.0, 4, true), "████");
    }

    #[test]
    fn bars_are_always_the_width_asked_for() {
        for unicode in [false, true] {
            for fraction in [-1.0, 0.0, 0.123, 0.5, 0.999, 1.0, 7.0, f64::NAN] {
                assert_eq!(bar(fraction, 20, unicode).chars().count(), 20, "{fraction}");
            }
        }
    }
}
