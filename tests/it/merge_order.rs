//! The merge of two progress files, as `import`, `sync` and git's merge driver use it: whichever
//! side is "ours", the merged progress.toml is the same, byte for byte.

use jiff::Timestamp;
use lpath::progress::merge::merge_files;
use lpath::progress::model::{Note, Progress, Record, Status};
use proptest::prelude::*;

/// Few ids, days and note texts, so that the sides often share entries, times and notes.
fn timestamp() -> impl Strategy<Value = Timestamp> {
    (1u8..6).prop_map(|day| format!("2026-03-0{day}T09:00:00Z").parse().unwrap())
}

fn record() -> impl Strategy<Value = Record> {
    (
        prop::sample::select(Status::ALL.to_vec()),
        timestamp(),
        prop::option::of(timestamp()),
        prop::option::of(timestamp()),
        prop::collection::vec(
            (timestamp(), prop::sample::select(vec!["a", "b", "笔记"])).prop_map(|(at, text)| {
                Note {
                    at,
                    text: text.into(),
                }
            }),
            0..3,
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
        record(),
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
