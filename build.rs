//! Rebuilds when a message file changes: rust-i18n compiles `locales/` into the binary, and
//! cargo cannot see that on its own.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
