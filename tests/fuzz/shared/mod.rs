//! What each fuzz target checks, shared by the fuzz targets
//! (`tests/fuzz/fuzz_targets/`) and the regression test of the suite
//! (`tests/integration/fuzz.rs`), which replays every saved input through
//! the same function. Each takes the raw bytes libFuzzer gives; the
//! structure-aware ones decode them with `arbitrary`.

pub mod model;
pub mod request;

use scheda::Format;

/// The target names, each a folder of `tests/fuzz/regressions/`.
pub const TARGETS: [&str; 7] = [
    "text", "json", "xlsx", "pdf", "edition", "server", "writers",
];

/// Run target `name` on `data`; panics on what the target forbids.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "text" => text(data),
        "json" => json(data),
        "xlsx" => xlsx(data),
        "pdf" => pdf(data),
        "edition" => edition(data),
        "server" => request::server(data),
        "writers" => model::writers(data),
        _ => panic!("no fuzz target {name}"),
    }
}

/// The text reader (both layouts, any bytes): an error or a form.
pub fn text(data: &[u8]) {
    let _ = scheda::readers::read(data, Format::Text);
}

/// The JSON and JSON Lines readers.
pub fn json(data: &[u8]) {
    let _ = scheda::readers::read(data, Format::Json);
    let _ = scheda::readers::read(data, Format::JsonLines);
}

/// The spreadsheet reader (single- and multi-Comune workbooks, the zip,
/// the kinds told by the bytes), and the same bytes as a CSV table.
pub fn xlsx(data: &[u8]) {
    let _ = scheda::readers::read(data, Format::Xlsx);
    let _ = scheda::readers::read(data, Format::Csv);
}

/// The PDF reader (glyph positions, embedded data, page text).
pub fn pdf(data: &[u8]) {
    let _ = scheda::readers::read(data, Format::Pdf);
}

/// The edition-description loader (`--templates DIR/editions/*.toml`): an
/// error or an edition, whose field paths can then be walked.
pub fn edition(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(edition) = scheda::form::load("fuzz.toml", text)
    {
        let _ = scheda::model::paths::of(&edition);
    }
}
