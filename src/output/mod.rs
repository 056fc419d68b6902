//! What a person or a script reads: styles and colour, glyphs, bars, tables and JSON.

pub mod bar;
pub mod color;
pub mod glyphs;
pub mod render;
pub mod stderr;
pub mod stdout;
pub mod table;
