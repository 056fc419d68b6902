//! The path written out: the exchange format, Markdown, BibTeX, the graph (text, DOT, Mermaid, SVG) and the roadmap page.

pub mod anki;
pub mod bibtex;
pub mod exchange;
pub mod graph;
pub mod layout;
pub mod markdown;
pub mod markup;
pub mod palette;
pub mod roadmap;
pub mod svg;
