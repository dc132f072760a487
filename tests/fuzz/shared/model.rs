//! The writers on arbitrary valid models (structure-aware): every field of
//! an edition's description gets a value of its kind, or none; a model that
//! validates is written in every format and read back, and must come back
//! the same (after the precision the printed formats settle derived values
//! to, as `scheda::rules::settle_precision` documents).

use std::cell::RefCell;
use std::sync::LazyLock;

use arbitrary::{Arbitrary, Result, Unstructured};
use rust_decimal::Decimal;
use scheda::form::Rendering;
use scheda::model::paths::{self, Campo, Kind};
use scheda::model::{DataOra, Scheda, Valore};
use scheda::writers::WriteOptions;
use scheda::{Format, Severity};

/// A valid model or nothing: the fields, in the description's order.
#[derive(Debug)]
struct Model(Scheda);

fn value(u: &mut Unstructured<'_>, kind: Kind, campo: &Campo) -> Result<Option<Valore>> {
    if u.ratio(1, 8)? {
        return Ok(None);
    }
    Ok(Some(match kind {
        Kind::Integer => Valore::Intero(u64::from(u.int_in_range(0..=u32::MAX)?) % 1_000_000),
        Kind::Decimal => {
            let cents = i64::from(u.int_in_range(0..=u32::MAX)?) % 100_000_000;
            Valore::Decimale(Decimal::new(cents, u.int_in_range(0..=2)?))
        }
        Kind::Bool => Valore::SiNo(bool::arbitrary(u)?),
        Kind::DateTime => {
            let d = DataOra::new(
                u.int_in_range(2000..=2099)?,
                u.int_in_range(1..=12)?,
                u.int_in_range(1..=28)?,
                u.int_in_range(0..=23)?,
                u.int_in_range(0..=59)?,
            );
            match d {
                Some(d) => Valore::Testo(d.to_string()),
                None => return Ok(None),
            }
        }
        Kind::Text => {
            let text = String::arbitrary(u)?;
            let text = match campo {
                Campo::Relazione => text,
                _ => text.replace(['\n', '\r'], " "),
            };
            Valore::Testo(text)
        }
    }))
}

impl<'a> Arbitrary<'a> for Model {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let edizione = *u.choose(scheda::Templates::builtin().editions())?;
        let mut s = Scheda::empty(edizione);
        for p in paths::of(edizione.description()) {
            if matches!(
                p.campo,
                Campo::SchemaVersion | Campo::Edizione | Campo::Anno
            ) {
                continue;
            }
            let v = value(u, p.kind, &p.campo)?;
            if paths::set(&mut s, &p.campo, v).is_err() {
                return Err(arbitrary::Error::IncorrectFormat);
            }
        }
        if u.ratio(1, 2)? {
            scheda::rules::recompute(&mut s);
        }
        Ok(Model(s))
    }
}

thread_local! {
    static RENDERER: RefCell<scheda::writers::Writer> =
        RefCell::new(scheda::writers::Writer::new(WriteOptions::default()));
}

/// One worker with a Typst-sized stack, its PDF writer kept between inputs.
static POOL: LazyLock<rayon::ThreadPool> =
    LazyLock::new(|| scheda::workers::pool(1, "fuzz").expect("a worker"));

/// The model written in `format`; `None` where the format refuses it with
/// an error (the text layouts print every value of a row, so a row blank in
/// part cannot be written as text: the writer says so).
fn write(s: &Scheda, format: Format, layout: Option<Rendering>) -> Option<Vec<u8>> {
    let written = match format {
        Format::Pdf => POOL.install(|| RENDERER.with(|w| w.borrow_mut().write(s, format))),
        _ => {
            let options = WriteOptions {
                layout,
                ..Default::default()
            };
            scheda::writers::write(s, format, &options)
        }
    };
    match written {
        Ok(w) => Some(w.value),
        Err(_) if format == Format::Text => None,
        Err(e) => panic!("a valid model was not written as {format:?}: {e}"),
    }
}

/// The fields of `a` and `b` that differ: every field of the edition's
/// description, numbers by value; with `texts`, the texts too (JSON keeps
/// them as they are; the printed formats normalise them, which the property
/// tests spell out: `tests/integration/props.rs`).
fn differences(a: &Scheda, b: &Scheda, texts: bool) -> Vec<String> {
    let mut out = Vec::new();
    if (a.edizione, a.anno) != (b.edizione, b.anno) {
        out.push("edizione/anno".to_string());
    }
    for p in paths::of(a.edizione.description()) {
        let (x, y) = (paths::get(a, &p.campo), paths::get(b, &p.campo));
        let same = match p.kind {
            Kind::Integer | Kind::Decimal => {
                x.as_ref().and_then(Valore::decimal) == y.as_ref().and_then(Valore::decimal)
            }
            Kind::Bool => x == y,
            Kind::Text | Kind::DateTime => !texts || x == y,
        };
        if !same {
            out.push(format!("{}: {x:?} -> {y:?}", p.path));
        }
    }
    out
}

/// Whether a text of `s` has a line that starts as a row or a question of
/// its form does (its code) or as its title.
fn quotes_the_form(s: &Scheda) -> bool {
    let ed = s.edizione.description();
    let starts_a_row = |line: &str| {
        let line = line.trim_start();
        line.starts_with(&ed.titolo)
            || ed.righe().any(|(_, r)| line.starts_with(&r.codice))
            || ed.domande().any(|(code, _)| line.starts_with(code))
    };
    paths::of(ed).iter().any(|p| {
        p.kind == Kind::Text
            && matches!(paths::get(s, &p.campo), Some(Valore::Testo(t)) if t.lines().any(starts_a_row))
    })
}

/// Write the model `data` decodes to in every format and read it back:
/// every format writes it (the text layouts may refuse a row blank in
/// part, with an error), every output reads back, JSON exactly and the
/// others with the same numbers and answers; every format holds the derived
/// values at the form's precision.
pub fn writers(data: &[u8]) {
    let Ok(Model(original)) = Model::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    if original
        .validate()
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        return;
    }
    let mut printed = original.clone();
    scheda::rules::settle_precision(&mut printed);
    for (format, layout, expected) in [
        (Format::Json, None, &printed),
        (Format::JsonLines, None, &printed),
        (Format::Xlsx, None, &printed),
        (Format::Text, Some(Rendering::Pdftotext), &printed),
        (Format::Text, Some(Rendering::Portale), &printed),
        (Format::Pdf, None, &printed),
    ] {
        let Some(bytes) = write(&original, format, layout) else {
            continue;
        };
        let read = scheda::readers::read(&bytes, format);
        if read.is_err() && format == Format::Text && quotes_the_form(&original) {
            // A free text with lines of the form in it (`R09 - Risorse ...`)
            // cannot be told from the form's own lines in a text layout: the
            // reader refuses it (a page printed twice, two forms).
            continue;
        }
        let back = read.unwrap_or_else(|e| {
            let shown = match format {
                Format::Text | Format::Json | Format::JsonLines => String::from_utf8_lossy(&bytes),
                _ => "(binary)".into(),
            };
            panic!("{format:?} {layout:?} written but not read back: {e}\n{shown}")
        });
        let [back] = back.value.as_slice() else {
            panic!("{format:?}: {} forms read back", back.value.len());
        };
        let json = matches!(format, Format::Json | Format::JsonLines);
        if json {
            assert_eq!(back, expected, "{format:?} round trip");
        }
        let differ = differences(expected, back, json);
        assert!(
            differ.is_empty(),
            "{format:?} {layout:?} round trip: {differ:#?}"
        );
    }
}
