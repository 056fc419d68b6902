//! What to read next: pure functions of a catalog and a progress, no I/O.

use crate::catalog::model::Catalog;
use crate::progress::model::{Progress, Status};

/// One suggestion of `next`: an entry to read, and its unread companions as the gentler way in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub entry: usize,
    pub companions: Vec<usize>,
    /// What it requires that is not covered: only an entry being read has any.
    pub unread: Vec<usize>,
}

/// How many suggestions `next` makes unless asked for more; the roadmap page's "up next" shows as
/// many, so the page and the command agree.
pub const NEXT_COUNT: usize = 3;

/// Where an entry stands on the path: its status, with an entry not yet started told apart by
/// whether everything it requires is covered (ready) or not (waiting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Ready,
    Waiting,
    Reading,
    Done,
    Skipped,
}

impl State {
    /// In the order a legend lists them: what to read, what waits, then what is behind.
    pub const ALL: [State; 5] = [
        State::Ready,
        State::Waiting,
        State::Reading,
        State::Done,
        State::Skipped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Ready => "ready",
            State::Waiting => "waiting",
            State::Reading => "reading",
            State::Done => "done",
            State::Skipped => "skipped",
        }
    }

    /// The status the state refines.
    pub fn status(self) -> Status {
        match self {
            State::Ready | State::Waiting => Status::Todo,
            State::Reading => Status::Reading,
            State::Done => Status::Done,
            State::Skipped => Status::Skipped,
        }
    }
}

/// Every entry's [`State`], by entry index, from its [`statuses`].
pub fn states(catalog: &Catalog, statuses: &[Status]) -> Vec<State> {
    (0..catalog.len())
        .map(|i| match statuses[i] {
            Status::Todo if is_ready(catalog, statuses, i) => State::Ready,
            Status::Todo => State::Waiting,
            Status::Reading => State::Reading,
            Status::Done => State::Done,
            Status::Skipped => State::Skipped,
        })
        .collect()
}

pub fn status(catalog: &Catalog, progress: &Progress, entry: usize) -> Status {
    progress.status(&catalog.entries[entry])
}

/// Every entry's status, by entry index: the same answers as [`status`], found once for the whole
/// path in one walk over the records and the ids side by side (both sorted), rather than with a
/// string-keyed tree walk per entry and per requirement.
pub fn statuses(catalog: &Catalog, progress: &Progress) -> Vec<Status> {
    let mut statuses = vec![Status::Todo; catalog.len()];
    let mut under_alias = Vec::new();
    let mut ids = catalog.by_id().iter().copied().peekable();
    for (key, record) in &progress.entries {
        while let Some(&i) = ids.peek()
            && catalog.id(i) < key.as_str()
        {
            ids.next();
        }
        match ids.peek() {
            Some(&i) if catalog.id(i) == key => statuses[i] = record.status,
            _ => under_alias.extend(catalog.get(key)),
        }
    }
    // A record kept under an old id counts only when there is none under the current one, and
    // the first alias wins: the progress knows that rule, so ask it for these few.
    for i in under_alias {
        statuses[i] = status(catalog, progress, i);
    }
    statuses
}

/// Not yet covered, and everything it requires is covered (done or skipped), by the [`statuses`].
pub fn is_ready(catalog: &Catalog, statuses: &[Status], entry: usize) -> bool {
    !statuses[entry].is_covered()
        && catalog
            .requires(entry)
            .iter()
            .all(|&r| statuses[r].is_covered())
}

/// Every entry that is ready, except companions (they come with the entry they explain), in path
/// order, with entries being read first.
fn ready(catalog: &Catalog, statuses: &[Status]) -> Vec<usize> {
    let candidates = catalog
        .path()
        .iter()
        .copied()
        .filter(|&i| !catalog.is_companion(i) && is_ready(catalog, statuses, i));
    let (reading, todo): (Vec<usize>, Vec<usize>) =
        candidates.partition(|&i| statuses[i] == Status::Reading);
    reading.into_iter().chain(todo).collect()
}

/// What `next` suggests, in order, from the [`statuses`]: every entry being read (a companion too,
/// unless its entry is suggested itself, with it), whatever it requires; then the ready entries.
/// `tracks`, when not empty, keeps only the entries in those tracks.
pub fn candidates(catalog: &Catalog, statuses: &[Status], tracks: &[String]) -> Vec<usize> {
    let in_tracks = |i: usize| tracks.is_empty() || tracks.contains(&catalog.entries[i].track);
    let suggested = |i: usize| {
        !catalog.is_companion(i)
            && (statuses[i] == Status::Reading || is_ready(catalog, statuses, i))
    };
    let reading = catalog.path().iter().copied().filter(|&i| {
        statuses[i] == Status::Reading
            && (!catalog.is_companion(i) || !paper_of(catalog, i).is_some_and(suggested))
    });
    let ready = catalog
        .path()
        .iter()
        .copied()
        .filter(|&i| statuses[i] == Status::Todo && suggested(i));
    reading.chain(ready).filter(|&i| in_tracks(i)).collect()
}

/// The entry a companion explains.
fn paper_of(catalog: &Catalog, companion: usize) -> Option<usize> {
    catalog.get(catalog.entries[companion].companion_of.as_deref()?)
}

/// Puts the companions in `language` first, the others after them, each group in catalog order:
/// the learner's `prefer` (config.toml or `next --prefer`). A companion without a `lang` is in
/// English.
pub fn language_first(catalog: &Catalog, companions: &mut [usize], language: &str) {
    companions.sort_by_key(|&c| catalog.entries[c].lang.as_deref().unwrap_or("en") != language);
}

/// The first `limit` of the [`candidates`], each with its companions not yet covered and the
/// entries it requires that are not.
pub fn next(catalog: &Catalog, progress: &Progress, limit: usize, tracks: &[String]) -> Vec<Step> {
    next_in(catalog, &statuses(catalog, progress), limit, tracks)
}

/// [`next`], from the [`statuses`] a caller has already found (the roadmap page has them).
pub fn next_in(
    catalog: &Catalog,
    statuses: &[Status],
    limit: usize,
    tracks: &[String],
) -> Vec<Step> {
    candidates(catalog, statuses, tracks)
        .into_iter()
        .take(limit)
        .map(|entry| Step {
            entry,
            companions: catalog
                .companions(entry)
                .iter()
                .copied()
                .filter(|&c| !statuses[c].is_covered())
                .collect(),
            unread: unread(catalog, statuses, entry),
        })
        .collect()
}

/// The entries `entry` requires that are not covered yet, in the order it names them.
pub fn unread(catalog: &Catalog, statuses: &[Status], entry: usize) -> Vec<usize> {
    catalog
        .requires(entry)
        .iter()
        .copied()
        .filter(|&r| !statuses[r].is_covered())
        .collect()
}

/// Entries that are ready in `after` but were not in `before` (both [`statuses`]): what a change
/// unlocked. Entries the change itself set (a `reset` makes its entry ready again) and entries
/// already being read are no news.
pub fn unlocked(catalog: &Catalog, before: &[Status], after: &[Status]) -> Vec<usize> {
    let mut was_ready = vec![false; catalog.len()];
    for i in ready(catalog, before) {
        was_ready[i] = true;
    }
    ready(catalog, after)
        .into_iter()
        .filter(|&i| !was_ready[i])
        .filter(|&i| after[i] != Status::Reading && after[i] == before[i])
        .collect()
}

/// Whether every entry that is not a companion is covered: the path is finished.
pub fn finished(catalog: &Catalog, progress: &Progress) -> bool {
    let statuses = statuses(catalog, progress);
    catalog
        .path()
        .iter()
        .all(|&i| catalog.is_companion(i) || statuses[i].is_covered())
}

/// How far along the path a learner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub total: usize,
    pub todo: usize,
    pub reading: usize,
    pub done: usize,
    pub skipped: usize,
}

impl Tally {
    pub fn of(
        catalog: &Catalog,
        progress: &Progress,
        entries: impl IntoIterator<Item = usize>,
    ) -> Tally {
        Tally::of_statuses(&statuses(catalog, progress), entries)
    }

    /// [`Tally::of`], with every entry's status already found by [`statuses`].
    pub fn of_statuses(statuses: &[Status], entries: impl IntoIterator<Item = usize>) -> Tally {
        let mut tally = Tally::default();
        for entry in entries {
            tally.total += 1;
            match statuses[entry] {
                Status::Todo => tally.todo += 1,
                Status::Reading => tally.reading += 1,
                Status::Done => tally.done += 1,
                Status::Skipped => tally.skipped += 1,
            }
        }
        tally
    }

    /// Whole percent of entries covered (done or skipped), rounded down.
    pub fn percent_covered(&self) -> usize {
        ((self.done + self.skipped) * 100)
            .checked_div(self.total)
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::Catalog;

    /// A small path: a -> b -> d, c on its own, and a blog that explains b.
    fn catalog() -> Catalog {
        let text = r#"format = 1
[[track]]
id = "t"
title = "T"
[[entry]]
id = "a"
kind = "paper"
title = "A"
track = "t"
url = "https://example.org/a"
[[entry]]
id = "b"
kind = "paper"
title = "B"
track = "t"
url = "https://example.org/b"
requires = ["a"]
[[entry]]
id = "b-blog"
kind = "blog"
title = "B explained"
track = "t"
url = "https://example.org/b-blog"
companion_of = "b"
[[entry]]
id = "c"
kind = "paper"
title = "C"
track = "t"
url = "https://example.org/c"
[[entry]]
id = "d"
kind = "paper"
title = "D"
track = "t"
url = "https://example.org/d"
requires = ["b", "c"]
"#;
        crate::catalog::model::from_toml(text)
    }

    fn with(catalog: &Catalog, marks: &[(&str, Status)]) -> Progress {
        let mut progress = Progress::default();
        let now = jiff::Timestamp::UNIX_EPOCH;
        for (id, status) in marks {
            progress.mark(&catalog.entries[catalog.get(id).unwrap()], *status, now);
        }
        progress
    }

    fn unlocked_from(catalog: &Catalog, before: &Progress, after: &Progress) -> Vec<usize> {
        unlocked(
            catalog,
            &statuses(catalog, before),
            &statuses(catalog, after),
        )
    }

    fn ids(catalog: &Catalog, indices: &[usize]) -> Vec<String> {
        indices
            .iter()
            .map(|&i| catalog.entries[i].id.clone())
            .collect()
    }

    #[test]
    fn ready_follows_requires_and_path_order() {
        use Status::*;
        let c = catalog();
        type Marks<'a> = &'a [(&'a str, Status)];
        let table: &[(Marks, &[&str])] = &[
            (&[], &["a", "c"]),
            (&[("a", Done)], &["b", "c"]),
            (&[("a", Done), ("b", Done)], &["c"]),
            (&[("a", Done), ("b", Done), ("c", Done)], &["d"]),
            (&[("a", Skipped)], &["b", "c"]),
            (&[("c", Reading)], &["c", "a"]),
            (&[("a", Done), ("b", Done), ("c", Done), ("d", Done)], &[]),
        ];
        for (marks, expected) in table {
            let progress = with(&c, marks);
            assert_eq!(
                ids(&c, &ready(&c, &statuses(&c, &progress))),
                *expected,
                "with {marks:?}"
            );
        }
    }

    #[test]
    fn next_limits_and_attaches_unread_companions() {
        let c = catalog();
        let progress = with(&c, &[("a", Status::Done)]);
        let steps = next(&c, &progress, 1, &[]);
        assert_eq!(steps.len(), 1);
        assert_eq!(ids(&c, &[steps[0].entry]), ["b"]);
        assert_eq!(ids(&c, &steps[0].companions), ["b-blog"]);
        let progress = with(&c, &[("a", Status::Done), ("b-blog", Status::Done)]);
        assert!(next(&c, &progress, 1, &[])[0].companions.is_empty());
    }

    #[test]
    fn next_puts_entries_being_read_first_whatever_they_require() {
        use Status::*;
        let c = catalog();
        let steps = |marks: &[(&str, Status)]| {
            let progress = with(&c, marks);
            next(&c, &progress, 10, &[])
                .iter()
                .map(|s| (c.entries[s.entry].id.clone(), ids(&c, &s.unread)))
                .collect::<Vec<_>>()
        };
        let unread = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            steps(&[("d", Reading)]),
            [
                ("d".to_string(), unread(&["b", "c"])),
                ("a".to_string(), unread(&[])),
                ("c".to_string(), unread(&[])),
            ]
        );
        // A companion being read whose entry is not suggested is a step of its own.
        assert_eq!(
            steps(&[("b-blog", Reading)]),
            [
                ("b-blog".to_string(), unread(&[])),
                ("a".to_string(), unread(&[])),
                ("c".to_string(), unread(&[])),
            ]
        );
        let both = steps(&[("a", Done), ("b", Done), ("b-blog", Reading)]);
        assert_eq!(both[0].0, "b-blog");
        // When its entry is suggested, it comes with it.
        let progress = with(&c, &[("a", Done), ("b-blog", Reading)]);
        let shown = next(&c, &progress, 10, &[]);
        assert_eq!(ids(&c, &[shown[0].entry]), ["b"]);
        assert_eq!(ids(&c, &shown[0].companions), ["b-blog"]);
    }

    #[test]
    fn unlocked_names_what_a_change_made_ready() {
        let c = catalog();
        let before = with(&c, &[("a", Status::Done), ("b", Status::Done)]);
        let after = with(
            &c,
            &[
                ("a", Status::Done),
                ("b", Status::Done),
                ("c", Status::Done),
            ],
        );
        assert_eq!(ids(&c, &unlocked_from(&c, &before, &after)), ["d"]);
    }

    #[test]
    fn unlocked_leaves_out_entries_being_read_and_those_the_change_set() {
        use Status::*;
        let c = catalog();
        // `b` is being read before `a` is done; finishing `a` makes it ready, but that is no news.
        let before = with(&c, &[("b", Reading)]);
        let after = with(&c, &[("b", Reading), ("a", Done)]);
        assert!(unlocked_from(&c, &before, &after).is_empty());
        // `reset a` makes `a` ready again: the command's own entry is not "now ready".
        let before = with(&c, &[("a", Done)]);
        assert!(unlocked_from(&c, &before, &Progress::default()).is_empty());
    }

    #[test]
    fn states_tell_ready_from_waiting() {
        use Status::*;
        let c = catalog();
        let progress = with(&c, &[("a", Done), ("c", Reading)]);
        let states = states(&c, &statuses(&c, &progress));
        let of = |id: &str| states[c.get(id).unwrap()];
        assert_eq!(of("a"), State::Done);
        assert_eq!(of("b"), State::Ready);
        assert_eq!(of("c"), State::Reading);
        assert_eq!(of("d"), State::Waiting);
        assert_eq!(of("b-blog"), State::Ready);
        assert_eq!(
            unread(&c, &statuses(&c, &progress), c.get("d").unwrap()),
            [c.get("b").unwrap(), c.get("c").unwrap()]
        );
    }

    #[test]
    fn finished_ignores_companions() {
        use Status::*;
        let c = catalog();
        assert!(!finished(
            &c,
            &with(&c, &[("a", Done), ("b", Done), ("c", Done)])
        ));
        assert!(finished(
            &c,
            &with(&c, &[("a", Done), ("b", Done), ("c", Skipped), ("d", Done)])
        ));
    }

    #[test]
    fn statuses_give_what_status_gives_for_every_entry_aliases_included() {
        let c = crate::catalog::model::from_toml(
            r#"format = 1
[[track]]
id = "t"
title = "T"
[[entry]]
id = "a"
kind = "paper"
title = "A"
track = "t"
url = "https://example.org/a"
aliases = ["old-a", "older-a"]
[[entry]]
id = "b"
kind = "paper"
title = "B"
track = "t"
url = "https://example.org/b"
aliases = ["old-b"]
[[entry]]
id = "c"
kind = "paper"
title = "C"
track = "t"
url = "https://example.org/c"
"#,
        );
        let record =
            |status: &str| format!("status = \"{status}\"\nchanged = \"2026-01-01T00:00:00Z\"\n");
        // `a` has records under both aliases (the first alias wins); `b` under its id and its
        // alias (the id wins); `gone` is in no catalog.
        let text = format!(
            "format = 1\n[entry.b]\n{}[entry.gone]\n{}[entry.old-a]\n{}[entry.old-b]\n{}[entry.older-a]\n{}",
            record("reading"),
            record("done"),
            record("skipped"),
            record("done"),
            record("done"),
        );
        let progress = Progress::parse(&text).unwrap();
        let each: Vec<Status> = (0..c.len()).map(|i| status(&c, &progress, i)).collect();
        assert_eq!(each, [Status::Skipped, Status::Reading, Status::Todo]);
        assert_eq!(statuses(&c, &progress), each);
    }

    #[test]
    fn tally_counts_done_and_skipped_apart() {
        use Status::*;
        let c = catalog();
        let progress = with(&c, &[("a", Done), ("b", Skipped), ("c", Reading)]);
        let tally = Tally::of(&c, &progress, c.path().iter().copied());
        assert_eq!(
            (
                tally.total,
                tally.done,
                tally.skipped,
                tally.reading,
                tally.todo
            ),
            (5, 1, 1, 1, 2)
        );
        assert_eq!(tally.percent_covered(), 40);
    }
}
