//! Merging another machine's progress into this one: per entry the later change wins, notes unite.
//!
//! The one merge of two progress values: `import` calls [`merge`], and git's merge driver for
//! progress.toml (`lpath sync`) calls [`merge_files`], which adds only what a common ancestor tells.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::Timestamp;

use crate::progress::model::{Note, ParseError, Progress, Record, Status};

/// What a merge did to one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    /// The status before; an entry with no record is `todo`.
    pub from: Status,
    pub to: Status,
    /// The status was the same, but its dates came from the other side.
    pub dates: bool,
    pub notes_added: usize,
}

/// Merges `incoming` records into `local`, keyed as `local` keys them, and returns one change per
/// entry that changed, sorted by id. Merging A into B gives the same records as B into A.
pub fn merge(
    local: &mut BTreeMap<String, Record>,
    incoming: impl IntoIterator<Item = (String, Record)>,
) -> Vec<Change> {
    let mut before: BTreeMap<String, Option<Record>> = BTreeMap::new();
    for (key, record) in incoming {
        let current = local.get(&key).cloned();
        before.entry(key.clone()).or_insert_with(|| current.clone());
        local.insert(key, merge_record(current, record));
    }
    before
        .into_iter()
        .filter_map(|(id, was)| {
            let now = local.get(&id)?;
            if was.as_ref() == Some(now) {
                return None;
            }
            let from = was.as_ref().map_or(Status::Todo, |r| r.status);
            let notes_before = was.as_ref().map_or(0, |r| r.notes.len());
            Some(Change {
                from,
                to: now.status,
                dates: from == now.status
                    && was.as_ref().is_some_and(|r| {
                        (r.changed, r.started, r.finished)
                            != (now.changed, now.started, now.finished)
                    }),
                notes_added: now.notes.len().saturating_sub(notes_before),
                id,
            })
        })
        .collect()
}

/// Which side of a three-way merge a file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

/// The merge git's driver writes, record by record: where one side left a record as it was in
/// `base`, the other side's record is the result, whatever it did (a reset to todo that removed
/// the record, a note deleted, a status changed within the same second); where both changed it,
/// [`merge`]'s rules decide (a record removed on one side and changed on the other is kept,
/// changed). The result is the same whichever side is `ours`, byte for byte once written.
pub fn merge_three(base: &Progress, ours: &Progress, theirs: &Progress) -> Progress {
    let keys: BTreeSet<&String> = ours.entries.keys().chain(theirs.entries.keys()).collect();
    let mut merged = BTreeMap::new();
    for key in keys {
        let was = base.entries.get(key);
        let (a, b) = (ours.entries.get(key), theirs.entries.get(key));
        let record = if a == b || b == was {
            a.cloned()
        } else if a == was {
            b.cloned()
        } else {
            match (a, b) {
                (Some(a), Some(b)) => Some(merge_record(Some(a.clone()), b.clone())),
                (one, other) => one.or(other).cloned(),
            }
        };
        if let Some(mut record) = record {
            // Notes go in time order, notes of one time by text, whichever side they came from.
            record
                .notes
                .sort_by(|a, b| (a.at, &a.text).cmp(&(b.at, &b.text)));
            merged.insert(key.clone(), record);
        }
    }
    Progress { entries: merged }
}

/// [`merge_three`] on the files' text, as git hands them to the driver: the merged file's text,
/// or which side could not be read and why. An empty base is no common ancestor (both sides added
/// the file).
pub fn merge_files(base: &str, ours: &str, theirs: &str) -> Result<String, (Side, ParseError)> {
    let base = if base.trim().is_empty() {
        Progress::default()
    } else {
        Progress::parse(base).map_err(|err| (Side::Base, err))?
    };
    let ours = Progress::parse(ours).map_err(|err| (Side::Ours, err))?;
    let theirs = Progress::parse(theirs).map_err(|err| (Side::Theirs, err))?;
    Ok(merge_three(&base, &ours, &theirs).to_toml())
}

/// The later record's status and dates, with the notes of both.
pub fn merge_record(local: Option<Record>, incoming: Record) -> Record {
    let Some(local) = local else {
        return incoming;
    };
    if local == incoming {
        // Your own export, imported back: nothing to do, not even the notes' order.
        return local;
    }
    let (mut winner, loser) = if recency(&incoming) > recency(&local) {
        (incoming, local)
    } else {
        (local, incoming)
    };
    unite_notes(&mut winner.notes, loser.notes);
    winner
}

/// Orders records by when their status changed; the rest only breaks exact ties, so that the
/// merge gives the same answer whichever side runs it.
fn recency(record: &Record) -> impl Ord + '_ {
    (
        record.changed,
        record.status,
        record.started,
        record.finished,
    )
}

/// Adds to `notes` the notes of `other` it lacks. A note is its time and text, and is kept as
/// many times as the side with more copies of it has: the same note on both sides is kept once,
/// and two equal notes on one side both stay. All are put in time order (notes of the same time
/// by text), so that either order of merging gives the same list.
fn unite_notes(notes: &mut Vec<Note>, other: Vec<Note>) {
    let mut have: HashMap<(Timestamp, &str), usize> = HashMap::new();
    for note in notes.iter() {
        *have.entry((note.at, note.text.as_str())).or_default() += 1;
    }
    let mut extra = Vec::new();
    for note in &other {
        match have.get_mut(&(note.at, note.text.as_str())) {
            Some(count) if *count > 0 => *count -= 1,
            _ => extra.push(note.clone()),
        }
    }
    drop(have);
    notes.extend(extra);
    notes.sort_by(|a, b| (a.at, &a.text).cmp(&(b.at, &b.text)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    fn at(day: u8) -> Timestamp {
        format!("2026-03-{day:02}T09:00:00Z").parse().unwrap()
    }

    fn record(status: Status, day: u8, notes: &[(u8, &str)]) -> Record {
        Record {
            status,
            changed: at(day),
            started: (status == Status::Reading).then(|| at(day)),
            finished: (status == Status::Done).then(|| at(day)),
            notes: notes
                .iter()
                .map(|&(d, text)| Note {
                    at: at(d),
                    text: text.into(),
                })
                .collect(),
        }
    }

    fn store(records: &[(&str, Record)]) -> BTreeMap<String, Record> {
        records
            .iter()
            .map(|(id, r)| (id.to_string(), r.clone()))
            .collect()
    }

    #[test]
    fn later_status_wins_and_notes_are_united_in_time_order() {
        let mine = record(Status::Reading, 1, &[(2, "mine")]);
        let theirs = record(Status::Done, 5, &[(1, "theirs"), (2, "mine")]);
        let merged = merge_record(Some(mine), theirs);
        assert_eq!(merged.status, Status::Done);
        assert_eq!(merged.changed, at(5));
        let notes: Vec<&str> = merged.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(notes, ["theirs", "mine"]);
    }

    #[test]
    fn an_older_incoming_status_changes_nothing_but_can_bring_notes() {
        let mine = record(Status::Done, 9, &[]);
        let theirs = record(Status::Reading, 3, &[(4, "a thought")]);
        let mut local = store(&[("bert", mine)]);
        let changes = merge(&mut local, store(&[("bert", theirs)]));
        assert_eq!(local["bert"].status, Status::Done);
        assert_eq!(
            changes,
            [Change {
                id: "bert".into(),
                from: Status::Done,
                to: Status::Done,
                dates: false,
                notes_added: 1
            }]
        );
    }

    #[test]
    fn merging_either_way_gives_the_same_records() {
        let a = store(&[
            ("bert", record(Status::Done, 4, &[(4, "from a")])),
            ("gpt-1", record(Status::Reading, 2, &[])),
            ("tie", record(Status::Skipped, 6, &[])),
        ]);
        let b = store(&[
            ("bert", record(Status::Reading, 2, &[(3, "from b")])),
            ("lora", record(Status::Done, 7, &[])),
            ("tie", record(Status::Done, 6, &[])),
        ]);
        let mut a_then_b = a.clone();
        merge(&mut a_then_b, b.clone());
        let mut b_then_a = b;
        merge(&mut b_then_a, a);
        assert_eq!(a_then_b, b_then_a);
        assert_eq!(a_then_b["bert"].notes.len(), 2);
        assert_eq!(a_then_b.len(), 4);
    }

    #[test]
    fn merging_the_same_records_again_changes_nothing() {
        let a = store(&[("bert", record(Status::Done, 4, &[(4, "note")]))]);
        let mut local = a.clone();
        assert!(merge(&mut local, a.clone()).is_empty());
        assert_eq!(local, a);
    }

    fn progress(records: &[(&str, Record)]) -> Progress {
        Progress {
            entries: store(records),
        }
    }

    #[test]
    fn a_record_reset_on_one_side_and_untouched_on_the_other_stays_reset() {
        let done = record(Status::Done, 1, &[]);
        let base = progress(&[("bert", done.clone()), ("gpt-1", done.clone())]);
        let ours = progress(&[("gpt-1", done.clone())]);
        let theirs = progress(&[
            ("bert", done.clone()),
            ("gpt-1", done.clone()),
            ("lora", done.clone()),
        ]);
        for merged in [
            merge_three(&base, &ours, &theirs),
            merge_three(&base, &theirs, &ours),
        ] {
            assert_eq!(merged.entries.keys().collect::<Vec<_>>(), ["gpt-1", "lora"]);
        }
    }

    #[test]
    fn what_one_side_changed_wins_over_a_side_that_left_the_record_alone_even_in_the_same_second() {
        // Done with a note, then reset in the same second on one machine: the record stays (it
        // has a note) with an older-looking status, and must still win over the untouched side.
        let done = record(Status::Done, 1, &[(1, "n")]);
        let reset = record(Status::Todo, 1, &[(1, "n")]);
        // A note deleted on one side stays deleted.
        let two_notes = record(Status::Reading, 1, &[(1, "keep"), (1, "drop")]);
        let one_note = record(Status::Reading, 1, &[(1, "keep")]);
        let base = progress(&[("bert", done.clone()), ("lora", two_notes.clone())]);
        let ours = progress(&[("bert", done), ("lora", one_note.clone())]);
        let theirs = progress(&[("bert", reset.clone()), ("lora", two_notes)]);
        for merged in [
            merge_three(&base, &ours, &theirs),
            merge_three(&base, &theirs, &ours),
        ] {
            assert_eq!(merged.entries["bert"], reset);
            assert_eq!(merged.entries["lora"], one_note);
        }
    }

    #[test]
    fn a_record_reset_on_one_side_and_changed_on_the_other_is_kept_changed() {
        let base = progress(&[("bert", record(Status::Reading, 1, &[]))]);
        let theirs = progress(&[("bert", record(Status::Done, 2, &[]))]);
        let merged = merge_three(&base, &Progress::default(), &theirs);
        assert_eq!(merged.entries["bert"].status, Status::Done);
    }

    #[test]
    fn an_unreadable_side_is_named_and_an_empty_base_is_no_ancestor() {
        let text = progress(&[("bert", record(Status::Done, 1, &[]))]).to_toml();
        assert_eq!(merge_files("", &text, &text).unwrap(), text);
        assert_eq!(
            merge_files("", &text, "format = 1\n[entry.bert\n")
                .unwrap_err()
                .0,
            Side::Theirs
        );
        assert_eq!(merge_files("", "", &text).unwrap_err().0, Side::Ours);
    }

    #[test]
    fn equal_notes_on_one_side_are_all_kept_and_the_same_note_on_both_sides_once() {
        let twice = record(Status::Reading, 1, &[(2, "same"), (2, "same")]);
        let mut local = store(&[("bert", twice.clone())]);
        assert!(merge(&mut local, store(&[("bert", twice.clone())])).is_empty());
        assert_eq!(
            local["bert"].notes.len(),
            2,
            "importing your own export changes nothing"
        );
        let once = record(Status::Reading, 1, &[(2, "same"), (3, "new")]);
        merge(&mut local, store(&[("bert", once)]));
        let notes: Vec<&str> = local["bert"]
            .notes
            .iter()
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(notes, ["same", "same", "new"]);
    }

    #[test]
    fn a_new_entry_is_reported_as_a_change_from_todo() {
        let mut local = BTreeMap::new();
        let changes = merge(&mut local, store(&[("ppo", record(Status::Done, 1, &[]))]));
        assert_eq!(
            (changes[0].from, changes[0].to, changes[0].dates),
            (Status::Todo, Status::Done, false)
        );
    }
}

#[cfg(test)]
mod order_properties {
    //! The merge of two progress files, as `import`, `sync` and git's merge driver use it:
    //! whichever side is "ours", the merged progress.toml is the same, byte for byte.

    use super::*;
    use proptest::prelude::*;

    /// Few ids, days and note texts, so that the sides often share entries, times and notes.
    fn timestamp() -> impl Strategy<Value = Timestamp> {
        (1u8..6).prop_map(|day| format!("2026-03-0{day}T09:00:00Z").parse().unwrap())
    }

    /// A record with up to `most_notes - 1` notes, their texts taken from `texts`.
    pub(super) fn record(
        texts: Vec<&'static str>,
        most_notes: usize,
    ) -> impl Strategy<Value = Record> {
        (
            prop::sample::select(Status::ALL.to_vec()),
            timestamp(),
            prop::option::of(timestamp()),
            prop::option::of(timestamp()),
            prop::collection::vec(
                (timestamp(), prop::sample::select(texts)).prop_map(|(at, text)| Note {
                    at,
                    text: text.into(),
                }),
                0..most_notes,
            ),
        )
            .prop_map(|(status, changed, started, finished, notes)| Record {
                status,
                changed,
                started,
                finished,
                notes,
            })
    }

    fn progress() -> impl Strategy<Value = Progress> {
        prop::collection::btree_map(
            prop::sample::select(vec!["bert", "gpt-1", "lora", "ppo"]).prop_map(String::from),
            record(vec!["a", "b", "笔记"], 3),
            0..4,
        )
        .prop_map(|entries| Progress { entries })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn merging_in_either_order_gives_the_same_progress_file_byte_for_byte(
            base in progress(),
            a in progress(),
            b in progress(),
        ) {
            let (base, a, b) = (base.to_toml(), a.to_toml(), b.to_toml());
            let a_then_b = merge_files(&base, &a, &b).unwrap();
            let b_then_a = merge_files(&base, &b, &a).unwrap();
            prop_assert_eq!(&a_then_b, &b_then_a);
            let no_base_ab = merge_files("", &a, &b).unwrap();
            prop_assert_eq!(no_base_ab, merge_files("", &b, &a).unwrap());
            // Merging the result again with either side brings nothing new.
            prop_assert_eq!(merge_files(&base, &a_then_b, &a).unwrap(), a_then_b.clone());
        }
    }
}

#[cfg(test)]
mod later_change_properties {
    //! Whichever side it came from, the record with the later `changed` wins: its status and
    //! dates are the merged record's, in the two-way merge (`import`) and in the three-way one
    //! (git's driver) wherever both sides changed the record.

    use super::order_properties::record;
    use super::*;
    use proptest::prelude::*;

    fn progress() -> impl Strategy<Value = Progress> {
        prop::collection::btree_map(
            prop::sample::select(vec!["bert", "gpt-1", "lora"]).prop_map(String::from),
            record(vec!["a", "b"], 2),
            0..3,
        )
        .prop_map(|entries| Progress { entries })
    }

    fn dates(record: &Record) -> (Status, Timestamp, Option<Timestamp>, Option<Timestamp>) {
        (
            record.status,
            record.changed,
            record.started,
            record.finished,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn the_record_with_the_later_changed_wins_in_either_order(
            base in progress(),
            a in progress(),
            b in progress(),
        ) {
            for base in [Progress::default(), base] {
                let base_text = if base.entries.is_empty() { String::new() } else { base.to_toml() };
                let merged = merge_files(&base_text, &a.to_toml(), &b.to_toml()).unwrap();
                let merged = Progress::parse(&merged).unwrap();
                for (id, ours) in &a.entries {
                    let Some(theirs) = b.entries.get(id) else { continue };
                    let was = base.entries.get(id);
                    if was == Some(ours) || was == Some(theirs) || ours.changed == theirs.changed {
                        continue;
                    }
                    let later = if ours.changed > theirs.changed { ours } else { theirs };
                    prop_assert_eq!(dates(&merged.entries[id]), dates(later), "{}", id);
                }
            }
        }
    }
}
