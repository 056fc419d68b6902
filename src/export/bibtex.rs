//! The papers as a BibTeX bibliography: unique, stable citation keys and safely escaped values.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use crate::catalog::entry::{Entry, Kind};
use crate::catalog::model::Catalog;
use crate::output::render::escape_chars;
use crate::progress::model::Progress;
use crate::text::sanitize;

/// Words a citation key skips to find the title's first significant one.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "by", "from", "at", "via",
    "is", "are", "how", "what", "why", "towards", "toward",
];

/// Citation keys for every paper in the catalog, `vaswani2017attention` style, made unique with
/// `a`, `b`, ... suffixes. Computed over the whole catalog, so a filter never changes a key.
pub fn keys(catalog: &Catalog) -> HashMap<usize, String> {
    let papers: Vec<usize> = catalog
        .path()
        .iter()
        .copied()
        .filter(|&i| catalog.entries[i].kind == Kind::Paper)
        .collect();
    let bases: Vec<String> = papers
        .iter()
        .map(|&i| base_key(&catalog.entries[i]))
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for base in &bases {
        *count.entry(base).or_default() += 1;
    }
    // Sets and a next suffix per base, so that 100,000 papers sharing a base take linear time:
    // each suffix is tried once per base, not again from `a` for every paper.
    let all_bases: HashSet<&str> = bases.iter().map(String::as_str).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut next: HashMap<&str, usize> = HashMap::new();
    let mut keys = HashMap::new();
    for (&index, base) in papers.iter().zip(&bases) {
        let key = if count.get(base.as_str()).copied().unwrap_or(0) > 1 {
            let n = next.entry(base.as_str()).or_default();
            loop {
                let key = format!("{base}{}", suffix(*n));
                *n += 1;
                if !taken.contains(&key) && !all_bases.contains(key.as_str()) {
                    break key;
                }
            }
        } else {
            base.clone()
        };
        taken.insert(key.clone());
        keys.insert(index, key);
    }
    keys
}

/// `a`..`z`, then `aa`, `ab`, ...
fn suffix(n: usize) -> String {
    let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
    if n < 26 {
        letter(n).to_string()
    } else {
        format!("{}{}", suffix(n / 26 - 1), letter(n))
    }
}

/// First author's surname, year and first significant title word, folded to lowercase ASCII.
pub fn base_key(entry: &Entry) -> String {
    let surname = entry
        .authors
        .iter()
        .find(|a| a.as_str() != "others")
        .and_then(|a| a.split_whitespace().last())
        .map(|surname| fold_ascii(surname).replace(' ', ""))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "anon".into());
    let year = entry.year.map(|y| y.to_string()).unwrap_or_default();
    let title = fold_ascii(&entry.title);
    let word = title
        .split_whitespace()
        .find(|w| !STOPWORDS.contains(w))
        .unwrap_or("");
    format!("{surname}{year}{word}")
}

/// Words of lowercase ASCII letters and digits, one space apart: accents removed
/// (`Łukasz` → `lukasz`), anything else a word break.
pub fn fold_ascii(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            continue;
        }
        let folded = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            _ => " ",
        };
        out.push_str(folded);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A value for inside `{...}`: LaTeX's special characters escaped, and braces spelled as commands
/// so that BibTeX, which counts every brace, always sees them balanced. UTF-8 stays as it is:
/// biber and bibtexparser read it.
pub fn escape(text: &str) -> String {
    escape_chars(text, |c| match c {
        '\\' => Some("\\textbackslash{}"),
        '{' => Some("\\textbraceleft{}"),
        '}' => Some("\\textbraceright{}"),
        '~' => Some("\\textasciitilde{}"),
        '^' => Some("\\textasciicircum{}"),
        '&' => Some("\\&"),
        '%' => Some("\\%"),
        '$' => Some("\\$"),
        '#' => Some("\\#"),
        '_' => Some("\\_"),
        _ => None,
    })
}

/// A URL as a `url` field takes it: verbatim, except what would unbalance BibTeX's braces.
fn escape_url(url: &str) -> String {
    url.replace('{', "%7B")
        .replace('}', "%7D")
        .replace('\\', "%5C")
}

/// `A and B and others`: a name that holds a comma or the word "and" is braced, so BibTeX keeps
/// it whole; a final "others" in the catalog marks the list as incomplete.
pub fn authors(authors: &[String]) -> Option<String> {
    let names: Vec<String> = authors
        .iter()
        .map(|name| {
            if name == "others" {
                "others".to_string()
            } else if name.contains(',')
                || name
                    .split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("and"))
            {
                format!("{{{}}}", escape(name))
            } else {
                escape(name)
            }
        })
        .collect();
    if names.iter().all(|n| n == "others") {
        return None;
    }
    Some(names.join(" and "))
}

/// The DOI an entry links to, `10.1162/neco.1992.4.1.131` from `https://doi.org/10.1162/...`
/// (as `add --doi` writes it), percent-escapes decoded; the catalog has no DOI field of its own.
pub fn doi(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
    ]
    .iter()
    .find(|prefix| lower.starts_with(*prefix))
    .map(|prefix| &url[prefix.len()..])?;
    let doi = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?
        .into_owned();
    let valid = doi.starts_with("10.")
        && doi
            .split_once('/')
            .is_some_and(|(_, suffix)| !suffix.is_empty())
        && !doi.chars().any(|c| c.is_control() || c.is_whitespace());
    valid.then_some(doi)
}

/// The papers among `entries`, in the order given. Every one is a `@misc`: BibTeX and biblatex
/// both require a journal for `@article` and a booktitle for `@inproceedings`, and the catalog
/// records neither, so `@misc` (the type both document for what fits no other) is the one that
/// does not claim more than is known. What is known goes in: `doi` for a paper linked through
/// doi.org, `eprint` and `archivePrefix` for an arXiv paper. With `notes`, the learner's notes
/// go in `annote` (biblatex's alias of `annotation`; annotated BibTeX styles print it).
pub fn bibliography(catalog: &Catalog, entries: &[usize], notes: Option<&Progress>) -> String {
    let keys = keys(catalog);
    let mut out = String::new();
    for &index in entries {
        let Some(key) = keys.get(&index) else {
            continue;
        };
        let entry = &catalog.entries[index];
        let mut fields: Vec<(&str, String)> = Vec::new();
        if let Some(authors) = authors(&entry.authors) {
            fields.push(("author", authors));
        }
        // Double braces keep the title's capitals (BERT, LoRA) as written.
        fields.push(("title", format!("{{{}}}", escape(&entry.title))));
        if let Some(year) = entry.year {
            fields.push(("year", year.to_string()));
        }
        if let Some(doi) = doi(&entry.url) {
            fields.push(("doi", escape_url(&doi)));
        }
        if let Some(arxiv) = &entry.arxiv {
            fields.push(("eprint", escape(arxiv)));
            fields.push(("archivePrefix", "arXiv".into()));
        }
        fields.push(("url", escape_url(&entry.url)));
        if let Some(progress) = notes {
            let texts: Vec<String> = progress
                .record(entry)
                .map_or(&[][..], |r| &r.notes[..])
                .iter()
                // One line: BibTeX reads a line break as a space anyway.
                .map(|note| {
                    let text = sanitize::visible_lines(&note.text);
                    escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
                })
                .filter(|text| !text.is_empty())
                .collect();
            if !texts.is_empty() {
                fields.push(("annote", texts.join("; ")));
            }
        }
        let _ = writeln!(out, "@misc{{{key},");
        let last = fields.len().saturating_sub(1);
        for (i, (name, value)) in fields.iter().enumerate() {
            let comma = if i == last { "" } else { "," };
            let _ = writeln!(out, "  {name:<13} = {{{value}}}{comma}");
        }
        let _ = writeln!(out, "}}\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_to_ascii_for_keys() {
        assert_eq!(fold_ascii("Łukasz"), "lukasz");
        assert_eq!(fold_ascii("Schmidhuber"), "schmidhuber");
        assert_eq!(fold_ascii("Jürgen"), "jurgen");
        assert_eq!(fold_ascii("Ré"), "re");
        assert_eq!(fold_ascii("Puigdomènech"), "puigdomenech");
        assert_eq!(fold_ascii("张"), "");
        assert_eq!(fold_ascii("BERT: Pre-training"), "bert pre training");
    }

    #[test]
    fn every_special_character_is_escaped_and_braces_stay_balanced() {
        let escaped = escape(r"a & b % c $ d # e _ f { g } h ~ i ^ j \ k");
        assert_eq!(
            escaped,
            r"a \& b \% c \$ d \# e \_ f \textbraceleft{} g \textbraceright{} h \textasciitilde{} i \textasciicircum{} j \textbackslash{} k"
        );
        assert_eq!(
            escape("}{").matches('{').count(),
            escape("}{").matches('}').count()
        );
    }

    #[test]
    fn an_incomplete_author_list_ends_with_and_others() {
        let list =
            |names: &[&str]| authors(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            list(&["Jack W. Rae", "others"]).as_deref(),
            Some("Jack W. Rae and others")
        );
        assert_eq!(
            list(&["Barnes and Noble", "Doe, Jr"]).as_deref(),
            Some("{Barnes and Noble} and {Doe, Jr}")
        );
        assert_eq!(list(&["others"]), None);
        assert_eq!(list(&[]), None);
    }

    #[test]
    fn clashing_keys_get_letters_in_path_order_and_others_keep_theirs() {
        let paper = |id: &str, title: &str| {
            format!(
                "[[entry]]\nid = \"{id}\"\nkind = \"paper\"\ntitle = \"{title}\"\nauthors = [\"Ann Smith\"]\nyear = 2020\ntrack = \"t\"\nurl = \"https://example.org/{id}\"\n"
            )
        };
        let text = format!(
            "format = 1\n[[track]]\nid = \"t\"\ntitle = \"T\"\n{}{}{}{}",
            paper("one", "Learning Things"),
            paper("two", "Learning More Things"),
            paper("three", "The Other Paper"),
            paper("four", "Learning, Again"),
        );
        let catalog = crate::catalog::model::from_toml(&text);
        let keys = keys(&catalog);
        let key = |id: &str| keys[&catalog.get(id).unwrap()].as_str();
        assert_eq!(
            [key("one"), key("two"), key("three"), key("four")],
            [
                "smith2020learninga",
                "smith2020learningb",
                "smith2020other",
                "smith2020learningc"
            ]
        );
    }

    #[test]
    fn a_doi_is_read_from_a_doi_org_link_only() {
        assert_eq!(
            doi("https://doi.org/10.1162/neco.1992.4.1.131").as_deref(),
            Some("10.1162/neco.1992.4.1.131")
        );
        assert_eq!(doi("https://doi.org/10.1000/a%20b"), None);
        assert_eq!(
            doi("https://doi.org/10.1000/%7Bx%7D").as_deref(),
            Some("10.1000/{x}")
        );
        assert_eq!(doi("https://arxiv.org/abs/1706.03762"), None);
        assert_eq!(doi("https://doi.org/not-a-doi"), None);
    }

    #[test]
    fn suffixes_run_a_to_z_then_double() {
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
    }
}
