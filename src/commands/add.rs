//! `lpath add`: a new entry in catalog.d/local.toml, checked with the whole path before it is written;
//! with `--arxiv` or `--doi` and no `--title`, its title, authors and year fetched first.

use std::fmt::Write;

use crate::catalog::entry::{Entry, Kind};
use crate::catalog::links;
use crate::catalog::local::{self, NewTrack};
use crate::catalog::sources::Selection;
use crate::cli::args::AddArgs;
use crate::commands::entry_fields;
use crate::error::{Error, Result};
use crate::fs::paths::Paths;
use crate::lookup::fetch::{self, FetchError};
use crate::lookup::metadata::{self, Metadata, MetadataError};
use crate::text::sanitize;

/// `width`: the terminal's, for what was fetched to fit it.
pub fn run(
    paths: &Paths,
    selection: &Selection,
    args: &AddArgs,
    width: Option<u16>,
) -> Result<String> {
    let columns = width.map(usize::from);
    let arxiv = args
        .fields
        .arxiv
        .as_deref()
        .map(entry_fields::arxiv_id)
        .transpose()?;
    let doi = args.doi.as_deref().map(doi).transpose()?;
    if args.fields.url.is_none() && arxiv.is_none() && doi.is_none() {
        return Err(Error::usage(t!("add.no_link")).with_hint(t!("add.no_link_hint")));
    }
    let kind = kind(args, arxiv.is_some() || doi.is_some())?;
    // Fetched before the lock is taken: a slow network never holds up another lpath.
    let fetched = match (&args.title, &arxiv, &doi) {
        (Some(_), _, _) => None,
        (None, Some(id), _) => Some(fetch_arxiv(id, args)?),
        (None, None, Some(doi)) => Some(fetch_doi(doi, args)?),
        (None, None, None) => {
            return Err(Error::usage(t!("add.no_title")).with_hint(t!("add.no_title_hint")));
        }
    };
    let fallback = match (&arxiv, &doi) {
        (Some(id), _) => format!("arxiv-{}", id.replace(['.', '/'], "-")),
        (None, Some(doi)) => format!("doi-{}", kebab(doi)),
        (None, None) => "entry".to_string(),
    };
    let (catalog, (entry, created_track)) = local::update(paths, selection, |current| {
        let entry = new_entry(
            args,
            kind,
            arxiv.clone(),
            doi.as_deref(),
            fetched.as_ref(),
            |title, year| {
                metadata::id_from_title(title, year, &fallback, |id| {
                    current.catalog.get(id).is_some()
                })
            },
        )?;
        if let Some(existing) = current.catalog.get(&entry.id) {
            return Err(Error::usage(t!(
                "add.taken",
                id = entry.id,
                by = current.catalog.entries[existing].id,
                file = current.file_of(existing)
            ))
            .with_hint(t!("add.taken_hint")));
        }
        if !args.force
            && let Some((existing, same)) = links::find(current.catalog.entries.iter(), &entry)
        {
            return Err(Error::usage(t!(
                "add.duplicate",
                id = current.catalog.entries[existing].id,
                source = sanitize::visible(&same.shown(&current.catalog.entries[existing].url)),
                file = current.file_of(existing)
            ))
            .with_hint(t!(
                "add.duplicate_hint",
                id = current.catalog.entries[existing].id
            )));
        }
        let new_track =
            entry_fields::new_track(&args.fields, current.catalog, Some(NewTrack::local()))?;
        let text = local::append(current.text, &entry, new_track.as_ref()).map_err(|why| {
            Error::failure(t!("add.cannot_edit", reason = why))
                .with_hint(t!("add.cannot_edit_hint"))
        })?;
        Ok((text, (entry, new_track.is_some())))
    })?;
    let mut out = String::new();
    if let Some(fetched) = &fetched {
        out.push_str(&shown(&entry, fetched, columns));
    }
    let key = match created_track {
        true => "add.added_new_track",
        false => "add.added",
    };
    let mut added = t!(key, id = entry.id, track = entry.track).into_owned();
    if let Some(index) = catalog.get(&entry.id) {
        added.push_str(&t!("add.row", row = catalog.row_of(index)));
    }
    for text in [added, t!("add.next_steps", id = entry.id).into_owned()] {
        for line in crate::text::width::wrap(&text, "", "", columns) {
            let _ = writeln!(out, "{line}");
        }
    }
    Ok(out)
}

/// What was fetched, as the entry now has it (options given win), and the abstract, which is
/// shown but not kept: the summary is the learner's own words.
fn shown(entry: &Entry, fetched: &Fetched, columns: Option<usize>) -> String {
    let mut out = format!("{}\n", t!("add.fetched", source = fetched.source));
    let mut paragraph = |text: &str| {
        for line in crate::text::width::wrap(text, "  ", "  ", columns) {
            let _ = writeln!(out, "{line}");
        }
    };
    paragraph(&sanitize::visible(&entry.title));
    let mut facts: Vec<String> = Vec::new();
    if !entry.authors.is_empty() {
        facts.push(sanitize::visible(&entry.authors.join(", ")).into_owned());
    }
    if let Some(year) = entry.year {
        facts.push(year.to_string());
    }
    if !facts.is_empty() {
        paragraph(&facts.join(" · "));
    }
    if let Some(text) = &fetched.metadata.abstract_text {
        paragraph(&sanitize::visible(text));
    }
    out
}

/// A record fetched from arXiv or doi.org, and where from.
struct Fetched {
    /// `arXiv 2305.18290`, `DOI 10.1162/...`: what messages call it.
    source: String,
    metadata: Metadata,
}

/// The entry the options describe, with what was fetched filling what they leave out.
fn new_entry(
    args: &AddArgs,
    kind: Kind,
    arxiv: Option<String>,
    doi: Option<&str>,
    fetched: Option<&Fetched>,
    derive_id: impl Fn(&str, Option<i32>) -> String,
) -> Result<Entry> {
    let fields = &args.fields;
    let fetched = fetched.map(|f| &f.metadata);
    let title = args
        .title
        .clone()
        .or_else(|| fetched.map(|m| m.title.clone()))
        .unwrap_or_default();
    let year = fields.year.or_else(|| fetched.and_then(|m| m.year));
    let authors = if fields.authors.is_empty() {
        fetched.map(|m| m.authors.clone()).unwrap_or_default()
    } else {
        fields.authors.clone()
    };
    let url = match (&fields.url, &arxiv, doi) {
        (Some(url), _, _) => url.clone(),
        (None, Some(id), _) => format!("https://arxiv.org/abs/{id}"),
        (None, None, Some(doi)) => format!("https://doi.org/{}", encode_doi(doi)),
        (None, None, None) => {
            return Err(Error::usage(t!("add.no_link")).with_hint(t!("add.no_link_hint")));
        }
    };
    let id = match &args.id {
        Some(id) => id.clone(),
        None => derive_id(&title, year),
    };
    let track = fields.track.as_deref().unwrap_or(local::TRACK);
    Ok(Entry {
        authors,
        year,
        arxiv,
        minutes: fields.minutes,
        requires: fields.requires.clone(),
        companion_of: fields.companion_of.clone(),
        summary: fields.summary.clone(),
        label: fields.label.clone(),
        lang: fields.resource_lang.clone(),
        aliases: fields.aliases.clone(),
        questions: crate::commands::entry_fields::questions(fields)?,
        ..Entry::new(&id, kind, &title, track, &url)
    })
}

/// The kind `--kind` gives, else the one the source says: an arXiv id or DOI is a paper, and some
/// addresses say what they are (`links::kind_of_url`). Anything else must be told.
fn kind(args: &AddArgs, paper_id: bool) -> Result<Kind> {
    if let Some(given) = &args.kind {
        return Ok(Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == given)
            .unwrap_or(Kind::Paper));
    }
    let url = args.fields.url.as_deref().unwrap_or("");
    match links::kind_of_url(url) {
        _ if paper_id => Ok(Kind::Paper),
        // Not an address at all: the entry's validation says what is wrong with it.
        None if !crate::catalog::model::is_web_url(url) => Ok(Kind::Paper),
        Some(kind) => Ok(kind),
        None => Err(
            Error::usage(t!("add.kind_unknown", url = sanitize::visible(url))).with_hint(t!(
                "add.kind_unknown_hint",
                kinds = Kind::ALL.map(Kind::as_str).join(", ")
            )),
        ),
    }
}

/// A DOI as typed: `10.1162/neco.1992.4.1.131`, `doi:10...` or `https://doi.org/10...`.
fn doi(given: &str) -> Result<String> {
    let trimmed = given.trim();
    let lower = trimmed.to_ascii_lowercase();
    let bare = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "doi:",
    ]
    .iter()
    .find(|prefix| lower.starts_with(*prefix))
    .map_or(trimmed, |prefix| &trimmed[prefix.len()..]);
    let valid = bare.starts_with("10.")
        && bare
            .split_once('/')
            .is_some_and(|(_, suffix)| !suffix.is_empty())
        && !bare.chars().any(|c| c.is_control() || c.is_whitespace())
        // A `.` or `..` segment would step out of the resolver's path; no DOI has one.
        && !bare.split('/').any(|segment| segment == "." || segment == "..");
    if !valid {
        return Err(Error::usage(t!(
            "add.bad_doi",
            doi = crate::text::sanitize::visible(given)
        ))
        .with_hint(t!("add.bad_doi_hint")));
    }
    Ok(bare.to_string())
}

/// A DOI as it goes into a URL path: its slashes kept, anything unusual percent-encoded.
fn encode_doi(doi: &str) -> String {
    let mut out = String::with_capacity(doi.len());
    for byte in doi.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:;()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn kebab(text: &str) -> String {
    text.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn fetch_arxiv(id: &str, args: &AddArgs) -> Result<Fetched> {
    let source = format!("arXiv {id}");
    offline_check(args, &source)?;
    let url = format!(
        "{}?id_list={id}",
        fetch::endpoint(fetch::ARXIV_VAR, fetch::ARXIV_DEFAULT)
    );
    let body = fetch::get(&url, "application/atom+xml").map_err(|f| failed(&source, &url, &f))?;
    let metadata = metadata::from_arxiv(&body).map_err(|bad| unusable(&source, &bad))?;
    Ok(Fetched { source, metadata })
}

fn fetch_doi(doi: &str, args: &AddArgs) -> Result<Fetched> {
    let source = format!("DOI {doi}");
    offline_check(args, &source)?;
    let url = format!(
        "{}/{}",
        fetch::endpoint(fetch::DOI_VAR, fetch::DOI_DEFAULT),
        encode_doi(doi)
    );
    let body = fetch::get(&url, "application/vnd.citationstyles.csl+json")
        .map_err(|f| failed(&source, &url, &f))?;
    let metadata = metadata::from_csl(&body).map_err(|bad| unusable(&source, &bad))?;
    Ok(Fetched { source, metadata })
}

fn offline_check(args: &AddArgs, source: &str) -> Result<()> {
    if args.offline {
        return Err(Error::usage(t!("add.offline", source = source)).with_hint(by_hand()));
    }
    Ok(())
}

/// The hint every failed fetch ends with: how to add the entry without the network.
fn by_hand() -> String {
    t!("add.by_hand").into_owned()
}

fn failed(source: &str, url: &str, failure: &FetchError) -> Error {
    let url = crate::text::sanitize::visible(url);
    let message = match failure {
        FetchError::Timeout(after) => t!(
            "add.timeout",
            source = source,
            url = url,
            seconds = format!("{:.1}", after.as_secs_f64()).trim_end_matches(".0")
        ),
        FetchError::Status(404) => t!("add.not_found", source = source, url = url),
        FetchError::Status(code) => t!("add.status", source = source, url = url, code = code),
        FetchError::TooLarge => t!(
            "add.too_large",
            source = source,
            url = url,
            limit = format!("{} MiB", fetch::BODY_LIMIT / (1024 * 1024))
        ),
        FetchError::Unreachable(cause, detail) => t!(
            "add.unreachable",
            source = source,
            url = url,
            cause = t!(cause.key()),
            detail = detail
        ),
        FetchError::BadTimeout(value) => {
            return Error::usage(t!(
                "add.bad_timeout",
                var = fetch::TIMEOUT_VAR,
                value = crate::text::sanitize::visible(value)
            ))
            .with_hint(t!("add.bad_timeout_hint", var = fetch::TIMEOUT_VAR));
        }
    };
    let hint = match failure {
        FetchError::Timeout(_) => t!("add.timeout_hint", var = fetch::TIMEOUT_VAR).into_owned(),
        _ => by_hand(),
    };
    Error::failure(message).with_hint(hint)
}

fn unusable(source: &str, bad: &MetadataError) -> Error {
    let message = match bad {
        MetadataError::Unknown(Some(why)) => t!(
            "add.unknown_said",
            source = source,
            why = crate::text::sanitize::visible(why)
        ),
        MetadataError::Unknown(None) => t!("add.unknown", source = source),
        MetadataError::Malformed(why) => t!("add.malformed", source = source, why = why),
        MetadataError::UnsafeTitle(what) => {
            let key = format!("add.unsafe.{}", what.replace(' ', "_"));
            let what = t!(&key);
            t!("add.unsafe_title", source = source, what = what)
        }
        MetadataError::NoTitle => t!("add.no_fetched_title", source = source),
    };
    Error::failure(message).with_hint(by_hand())
}
