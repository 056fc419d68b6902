//! The options `add` and `edit` share, turned into catalog values: an arXiv id, the keys to change, a new track.

use toml_edit::Value;

use crate::catalog::entry::Question;
use crate::catalog::local::NewTrack;
use crate::catalog::model::{Catalog, is_arxiv_id};
use crate::cli::args::EntryFields;
use crate::error::{Error, Result};

/// An arXiv id as typed: `2307.09288` or `arXiv:2307.09288`.
pub fn arxiv_id(given: &str) -> Result<String> {
    let trimmed = given.trim();
    // People paste `arXiv:2307.09288` as often as the bare id.
    let id = trimmed
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("arxiv:"))
        .and_then(|_| trimmed.get(6..))
        .unwrap_or(trimmed);
    if !is_arxiv_id(id) {
        return Err(Error::usage(t!(
            "add.not_arxiv_id",
            id = crate::text::sanitize::visible(given)
        ))
        .with_hint(t!("hints.arxiv_form")));
    }
    Ok(id.to_string())
}

/// The track a change must create: the one `--track ID --track-title T` names, which must not
/// exist yet; `--track` alone must name a track that does. `default` is the track used without
/// `--track` (`add`'s `local`, created on first use), `None` when no track is being set.
pub fn new_track(
    fields: &EntryFields,
    catalog: &Catalog,
    default: Option<NewTrack>,
) -> Result<Option<NewTrack>> {
    let Some(id) = fields.track.as_deref() else {
        return Ok(default.filter(|track| catalog.track(&track.id).is_none()));
    };
    let exists = catalog.track(id).is_some();
    match (&fields.track_title, exists) {
        (Some(_), true) => Err(Error::usage(t!("entry_fields.track_exists", track = id))
            .with_hint(t!("entry_fields.track_exists_hint", track = id))),
        (Some(title), false) => Ok(Some(NewTrack {
            id: id.to_string(),
            title: title.clone(),
            title_zh: None,
        })),
        (None, true) => Ok(None),
        (None, false) if id == crate::catalog::local::TRACK => Ok(Some(NewTrack::local())),
        (None, false) => {
            let known: Vec<&str> = catalog.tracks.iter().map(|t| t.id.as_str()).collect();
            Err(Error::usage(t!(
                "entry_fields.unknown_track",
                track = crate::text::sanitize::visible(id),
                known = known.join(&crate::i18n::text("common.list_separator"))
            ))
            .with_hint(t!(
                "entry_fields.unknown_track_hint",
                track = crate::text::sanitize::visible(id)
            )))
        }
    }
}

/// The keys `edit` sets, in the catalog format's order: each option given, with an empty text
/// (`--summary ''`, `--requires ''`) taking an optional key out.
pub fn changes(fields: &EntryFields) -> Result<Vec<(&'static str, Option<Value>)>> {
    let mut out: Vec<(&'static str, Option<Value>)> = Vec::new();
    let text = |v: &str| (!v.trim().is_empty()).then(|| Value::from(v));
    let list = |items: &[String]| {
        let items: Vec<&str> = items
            .iter()
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
            .collect();
        (!items.is_empty()).then(|| Value::Array(items.into_iter().collect()))
    };
    if !fields.authors.is_empty() {
        out.push(("authors", list(&fields.authors)));
    }
    if let Some(year) = fields.year {
        out.push(("year", Some(Value::from(i64::from(year)))));
    }
    if let Some(track) = &fields.track {
        out.push(("track", Some(Value::from(track.as_str()))));
    }
    if let Some(url) = &fields.url {
        out.push(("url", Some(Value::from(url.as_str()))));
    }
    if let Some(arxiv) = &fields.arxiv {
        let id = if arxiv.trim().is_empty() {
            None
        } else {
            Some(Value::from(arxiv_id(arxiv)?))
        };
        out.push(("arxiv", id));
    }
    if let Some(minutes) = fields.minutes {
        out.push(("minutes", Some(Value::from(i64::from(minutes)))));
    }
    if !fields.requires.is_empty() {
        out.push(("requires", list(&fields.requires)));
    }
    if let Some(companion_of) = &fields.companion_of {
        out.push(("companion_of", text(companion_of)));
    }
    if let Some(label) = &fields.label {
        out.push(("label", text(label)));
    }
    if let Some(lang) = &fields.resource_lang {
        out.push(("lang", text(lang)));
    }
    if let Some(summary) = &fields.summary {
        out.push(("summary", text(summary)));
    }
    if !fields.aliases.is_empty() {
        out.push(("aliases", list(&fields.aliases)));
    }
    Ok(out)
}

/// The review questions `--question Q --answer A` give, paired in order.
pub fn questions(fields: &EntryFields) -> Result<Vec<Question>> {
    if fields.questions.len() != fields.answers.len() {
        return Err(Error::usage(t!(
            "review.fields.unpaired",
            questions = fields.questions.len(),
            answers = fields.answers.len()
        ))
        .with_hint(t!("review.fields.unpaired_hint")));
    }
    Ok(fields
        .questions
        .iter()
        .zip(&fields.answers)
        .map(|(q, a)| Question {
            q: q.trim().to_string(),
            a: a.trim().to_string(),
            q_zh: None,
            a_zh: None,
            source: None,
        })
        .collect())
}
