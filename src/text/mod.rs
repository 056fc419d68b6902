//! Text for a terminal: display width, cutting and wrapping, and the one sanitiser for untrusted text.

pub mod kebab;
pub mod position;
pub mod sanitize;
pub mod suggest;
pub mod toml_message;
pub mod width;
