//! The message files: every key in one language is in the other, with the same placeholders.

use std::collections::BTreeMap;

/// Every message in a file, by its dotted key.
fn messages(lang: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("message file");
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{path} is not TOML: {e}"));
    let mut out = BTreeMap::new();
    flatten("", &toml::Value::Table(table), &mut out);
    out
}

fn flatten(prefix: &str, value: &toml::Value, out: &mut BTreeMap<String, String>) {
    match value {
        toml::Value::Table(table) => {
            for (key, value) in table {
                let key = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&key, value, out);
            }
        }
        toml::Value::String(text) => {
            out.insert(prefix.to_string(), text.clone());
        }
        other => panic!("message `{prefix}` is not a string: {other:?}"),
    }
}

/// The `%{name}` placeholders a message fills in.
fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split("%{")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[test]
fn every_message_is_in_both_languages() {
    let en = messages("en");
    let zh = messages("zh");
    let only_en: Vec<&String> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<&String> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        only_en.is_empty(),
        "in en.toml, missing from zh.toml: {only_en:?}"
    );
    assert!(
        only_zh.is_empty(),
        "in zh.toml, missing from en.toml: {only_zh:?}"
    );
}

#[test]
fn both_languages_fill_in_the_same_placeholders() {
    let en = messages("en");
    let zh = messages("zh");
    for (key, text) in &en {
        let Some(other) = zh.get(key) else { continue };
        assert_eq!(
            placeholders(text),
            placeholders(other),
            "`{key}` has different placeholders in en and zh"
        );
    }
}

#[test]
fn counted_messages_have_both_plural_forms() {
    for (lang, messages) in [("en", messages("en")), ("zh", messages("zh"))] {
        for key in messages.keys() {
            if let Some(base) = key.strip_suffix(".one") {
                assert!(
                    messages.contains_key(&format!("{base}.other")),
                    "{lang}: `{key}` has no `.other` form"
                );
            }
        }
    }
}
