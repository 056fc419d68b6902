//! A paper's metadata as arXiv (Atom) and doi.org (CSL JSON) give it, checked and tidied (pure).

use serde::Deserialize;

/// What `add` takes from a fetched record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub title: String,
    pub authors: Vec<String>,
    pub year: Option<i32>,
    /// Shown to the learner, never stored: the summary is theirs to write.
    pub abstract_text: Option<String>,
}

/// Why an answer was not usable metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetadataError {
    /// The service knows no such id; its own words, when it gave any.
    Unknown(Option<String>),
    /// Not the format expected: why.
    Malformed(String),
    /// The title holds markup (`<b>`, `<script>`), or control, bidi or invisible characters.
    UnsafeTitle(&'static str),
    /// No title at all.
    NoTitle,
}

/// How many authors are kept; a longer list ends with `others`, as the catalog format says.
pub const AUTHORS_KEPT: usize = 10;

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// arXiv's Atom answer for one id.
pub fn from_arxiv(body: &[u8]) -> Result<Metadata, MetadataError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| MetadataError::Malformed(crate::i18n::text("add.malformed_not_utf8")))?;
    let doc = roxmltree::Document::parse(text).map_err(|err| {
        MetadataError::Malformed(crate::text::sanitize::visible(&err.to_string()).into_owned())
    })?;
    let feed = doc.root_element();
    if !feed.has_tag_name((ATOM, "feed")) {
        return Err(MetadataError::Malformed(crate::i18n::text(
            "add.malformed_not_atom",
        )));
    }
    let Some(entry) = feed.children().find(|n| n.has_tag_name((ATOM, "entry"))) else {
        return Err(MetadataError::Unknown(None));
    };
    let child_text = |name: &str| {
        entry
            .children()
            .find(|n| n.has_tag_name((ATOM, name)))
            .map(|n| n.text().unwrap_or_default().to_string())
    };
    // arXiv answers a bad id with an entry whose id is an error page and whose summary says why.
    if child_text("id").is_some_and(|id| id.contains("/api/errors")) {
        return Err(MetadataError::Unknown(
            child_text("summary")
                .map(|s| clean(&s))
                .filter(|s| !s.is_empty()),
        ));
    }
    let authors = entry
        .children()
        .filter(|n| n.has_tag_name((ATOM, "author")))
        .filter_map(|a| a.children().find(|n| n.has_tag_name((ATOM, "name"))))
        .map(|n| clean(n.text().unwrap_or_default()))
        .filter(|name| !name.is_empty())
        .collect();
    // `2017-06-12T17:57:34Z`: the year is what comes before the first `-`, of whatever length,
    // so `99999-…` is no year rather than 9999.
    let year = child_text("published").and_then(|p| p.trim().split('-').next()?.parse().ok());
    finish(
        child_text("title").unwrap_or_default(),
        authors,
        year,
        child_text("summary"),
    )
}

#[derive(Deserialize)]
struct Csl {
    #[serde(default)]
    title: Option<TitleField>,
    #[serde(default)]
    author: Vec<CslName>,
    #[serde(default)]
    issued: Option<CslDate>,
    #[serde(default, rename = "abstract")]
    abstract_text: Option<String>,
}

/// CSL says a string; some registrars send a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum TitleField {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct CslName {
    #[serde(default)]
    given: Option<String>,
    #[serde(default)]
    family: Option<String>,
    #[serde(default)]
    literal: Option<String>,
}

#[derive(Deserialize)]
struct CslDate {
    #[serde(default, rename = "date-parts")]
    date_parts: Vec<Vec<serde_json::Value>>,
}

/// doi.org's CSL JSON answer.
pub fn from_csl(body: &[u8]) -> Result<Metadata, MetadataError> {
    let csl: Csl = serde_json::from_slice(body).map_err(|err| {
        MetadataError::Malformed(
            crate::text::sanitize::visible(&t!("add.malformed_not_csl", reason = err.to_string()))
                .into_owned(),
        )
    })?;
    let title = match csl.title {
        Some(TitleField::One(title)) => title,
        Some(TitleField::Many(titles)) => titles.into_iter().next().unwrap_or_default(),
        None => String::new(),
    };
    let authors = csl
        .author
        .iter()
        .map(|name| match (&name.literal, &name.given, &name.family) {
            (Some(literal), _, _) => clean(literal),
            (None, given, family) => clean(&format!(
                "{} {}",
                given.as_deref().unwrap_or_default(),
                family.as_deref().unwrap_or_default()
            )),
        })
        .filter(|name| !name.is_empty())
        .collect();
    let year = csl
        .issued
        .and_then(|d| d.date_parts.into_iter().next())
        .and_then(|parts| parts.into_iter().next())
        .and_then(|y| match y {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
        .and_then(|y| i32::try_from(y).ok());
    // Crossref abstracts come as JATS XML: the words only.
    let abstract_text = csl.abstract_text.map(|a| strip_tags(&a));
    finish(title, authors, year, abstract_text)
}

fn finish(
    title: String,
    mut authors: Vec<String>,
    year: Option<i32>,
    abstract_text: Option<String>,
) -> Result<Metadata, MetadataError> {
    // Control characters first: a new line is whitespace to tidy, an escape is refused.
    if title
        .chars()
        .any(|c| crate::text::sanitize::is_hidden(c) && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(MetadataError::UnsafeTitle("control characters"));
    }
    let title = clean(&title);
    if title.is_empty() {
        return Err(MetadataError::NoTitle);
    }
    if has_markup(&title) {
        return Err(MetadataError::UnsafeTitle("markup"));
    }
    if authors.len() > AUTHORS_KEPT {
        authors.truncate(AUTHORS_KEPT);
        authors.push("others".into());
    }
    Ok(Metadata {
        title,
        authors,
        year: year.filter(|y| (1000..=9999).contains(y)),
        abstract_text: abstract_text.map(|a| clean(&a)).filter(|a| !a.is_empty()),
    })
}

/// Runs of whitespace (arXiv wraps long titles over lines) made one space, ends trimmed, and any
/// control, bidi or invisible character that is left (see `sanitize::is_hidden`) dropped.
pub fn clean(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|&c| !crate::text::sanitize::is_hidden(c))
        .collect()
}

/// A tag such as `<b>`, `</i>`, `<script ...>` or `<!--`: a `<` followed by a letter, `/`, `!` or `?`.
fn has_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

/// Text with every `<...>` tag taken out.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A short kebab-case id from a title: the words before any colon, without little words, at
/// most four of them (`Llama 2: Open Foundation ...` is `llama-2`); `fallback` when the title
/// has no ASCII words. `taken` says whether an id is in use: then the year, then a number, is added.
pub fn id_from_title(
    title: &str,
    year: Option<i32>,
    fallback: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    const LITTLE: [&str; 16] = [
        "a", "an", "the", "of", "and", "for", "to", "in", "on", "with", "is", "are", "your", "via",
        "by", "from",
    ];
    let head = title.split(':').next().unwrap_or(title);
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .filter(|w| !LITTLE.contains(&w.as_str()))
            .take(4)
            .collect()
    };
    let mut picked = words(head);
    if picked.is_empty() {
        picked = words(title);
    }
    let mut base = picked.join("-");
    if base.len() > 40 {
        base.truncate(40);
        base = base.trim_end_matches('-').to_string();
    }
    if base.is_empty() {
        base = fallback.to_string();
    }
    if !taken(&base) {
        return base;
    }
    if let Some(year) = year {
        let with_year = format!("{base}-{year}");
        if !taken(&with_year) {
            return with_year;
        }
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(date: &str) -> Option<i32> {
        let feed = format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>A Title</title>\
             <published>{date}</published><author><name>A B</name></author></entry></feed>"
        );
        from_arxiv(feed.as_bytes()).unwrap().year
    }

    #[test]
    fn the_year_is_all_of_it_or_none() {
        assert_eq!(published("2017-06-12T17:57:34Z"), Some(2017));
        assert_eq!(published("99999-06-12T17:57:34Z"), None);
        assert_eq!(published("soon"), None);
    }

    #[test]
    fn titles_are_cut_to_a_few_words_before_the_colon() {
        let free = |_: &str| false;
        assert_eq!(
            id_from_title(
                "Llama 2: Open Foundation and Fine-Tuned Chat Models",
                None,
                "x",
                free
            ),
            "llama-2"
        );
        assert_eq!(
            id_from_title("Attention Is All You Need", None, "x", free),
            "attention-all-you-need"
        );
        assert_eq!(
            id_from_title(
                "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
                None,
                "x",
                free
            ),
            "direct-preference-optimization"
        );
        assert_eq!(
            id_from_title("大模型综述", None, "arxiv-2303-18223", free),
            "arxiv-2303-18223"
        );
    }

    #[test]
    fn a_taken_id_gets_the_year_then_a_number() {
        let taken = |id: &str| ["bert", "bert-2018"].contains(&id);
        assert_eq!(id_from_title("BERT", Some(2019), "x", taken), "bert-2019");
        assert_eq!(id_from_title("BERT", Some(2018), "x", taken), "bert-2");
    }

    #[test]
    fn markup_and_escapes_in_a_title_are_refused_but_line_breaks_are_tidied() {
        let ok = finish("A\n   wrapped\ttitle ".into(), vec![], None, None).unwrap();
        assert_eq!(ok.title, "A wrapped title");
        assert_eq!(
            finish("<b>Bold</b> claim".into(), vec![], None, None),
            Err(MetadataError::UnsafeTitle("markup"))
        );
        assert_eq!(
            finish("Red \u{1b}[31m".into(), vec![], None, None),
            Err(MetadataError::UnsafeTitle("control characters"))
        );
        assert!(finish("x < y and a<b".into(), vec![], None, None).is_err());
        assert!(finish("x < 3 is fine".into(), vec![], None, None).is_ok());
    }

    #[test]
    fn long_author_lists_end_with_others() {
        let many: Vec<String> = (0..15).map(|i| format!("Author {i}")).collect();
        let m = finish("T".into(), many, None, None).unwrap();
        assert_eq!(m.authors.len(), AUTHORS_KEPT + 1);
        assert_eq!(m.authors.last().unwrap(), "others");
    }

    #[test]
    fn csl_names_dates_and_jats_abstracts() {
        let m = from_csl(br#"{"title":"Simple  statistical\n gradient","author":[{"given":"Ronald J.","family":"Williams"},{"literal":"A Consortium"}],"issued":{"date-parts":[[1992,5]]},"abstract":"<jats:p>Words <jats:italic>here</jats:italic>.</jats:p>"}"#).unwrap();
        assert_eq!(m.title, "Simple statistical gradient");
        assert_eq!(m.authors, ["Ronald J. Williams", "A Consortium"]);
        assert_eq!(m.year, Some(1992));
        assert_eq!(m.abstract_text.as_deref(), Some("Words here ."));
    }
}
