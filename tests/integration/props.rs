//! Property tests (proptest) of the round trips: random valid models of
//! every built-in edition go through each writer and its reader and come
//! back as the same model.
//!
//! | property | cases | what goes round |
//! |---|---|---|
//! | `json_round_trips` | 128 | JSON, JSON Lines: exactly |
//! | `portal_text_round_trips` | 128 | text, portal layout ([`as_text`]) |
//! | `pdftotext_text_round_trips` | 128 | text, pdftotext layout, rows whole ([`as_text`]) |
//! | `xlsx_round_trips` | 128 | a form workbook ([`as_xlsx`]) |
//! | `many_forms_round_trip` | 48 | 1-4 forms in JSON Lines and a multi-Comune workbook |
//! | `pdf_round_trips` | 16 | scheda's PDF, rows whole, no warning ([`printed`]) |
//! | `pdf_with_blank_cells_round_trips` | 16 | scheda's PDF, blanks anywhere |
//! | `pdf_page_text_round_trips` | 16 | the PDF's page text alone ([`as_page`]) |
//! | `http_render_then_read_round_trips` | 8 | `/api/render` then `/api/read`, every format |
//!
//! The models are made by walking the edition's description
//! ([`scheda::model::paths::of`]): every field gets a value of its column's
//! kind within what the model accepts (validate.rs: counts, decimals of at
//! most two places where the form prints two, any for percentages, names
//! with accents and apostrophes, free texts with odd spacing and line
//! breaks, a report of up to 6,000 characters, dates), or none; a row may
//! be blank as a whole. Derived values are random or, in half the cases,
//! computed by [`scheda::rules::recompute`]. Every generated model is
//! checked valid first, so the generator cannot drift off what readers
//! accept.
//!
//! The comparison is the canonical JSON (the JSON writer's bytes, compared
//! as JSON values, so `17.8` and `17.80` differ) and `==`. Where a format
//! cannot carry something, [`printed`], [`as_text`], [`as_xlsx`] and
//! [`as_page`] state the one normalisation it is allowed, and why. The
//! gaps the properties found in the readers are closed, each kept as a
//! plain test of its minimal case; one is left, ignored with its reason
//! (`gap_pdf_partial_row_warns_as_if_edited`).
//!
//! The module adds some 10 seconds to `cargo test` (on 2 busy cores). The
//! seed is fixed, so CI runs the same cases every time, and a failure
//! proptest finds is kept in `tests/integration/props.proptest-regressions`
//! (tracked) and replayed first. For a longer hunt, with other cases:
//!
//! ```sh
//! PROPTEST_CASES=2000 PROPTEST_RNG_SEED=$RANDOM cargo test --test integration props
//! ```
//!
//! (`PROPTEST_CASES` then applies to every property, PDF and HTTP included:
//! about 30 ms a case for those.)

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, RngSeed};
use rust_decimal::Decimal;
use scheda::form::{CampoEnte, Colonna, Rendering, Tipo};
use scheda::model::paths::{self, Campo};
use scheda::model::{DataOra, Edizione, Scheda, Valore};

use crate::util::from_json;
use scheda::writers::{WriteOptions, Writer};
use scheda::{Format, rules};
use serde_json::Value;

/// The seed of every property unless `PROPTEST_RNG_SEED` says otherwise.
const SEED: u64 = 0x0005_CEDA_2026;

/// Where proptest keeps the failures it found, replayed before new cases.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/integration/props.proptest-regressions"
);

/// The configuration of a property: `cases` cases (unless `PROPTEST_CASES`
/// is set), the fixed seed (unless `PROPTEST_RNG_SEED` is set), failures
/// kept in [`REGRESSIONS`], at most `shrink_secs` seconds spent shrinking a
/// failure.
fn config(cases: u32, shrink_secs: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = cases;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(SEED);
    }
    c.failure_persistence = Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS)));
    // A model has some 150 fields: shrinking one to a minimal case takes a
    // few hundred steps, each a round trip (the default stops at 4 per
    // case). Bounded in time all the same.
    c.max_shrink_iters = 20_000;
    c.max_shrink_time = shrink_secs * 1000;
    c
}

// ---------------------------------------------------------------------------
// The generator.
// ---------------------------------------------------------------------------

/// What values a field takes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Gen {
    /// A whole number (users, hours, inhabitants, R01B, R0E).
    Count,
    /// A decimal of at most this many places (euro and staff 2, means 2,
    /// percentages any: 6 here).
    Places(u32),
    /// A name as printed (`SANT'ANGELO LODIGIANO`).
    Name,
    /// A province's two capital letters.
    Province,
    /// `Codice indentificativo`: capitals and digits.
    Code,
    /// A date and time to the minute.
    Date,
    /// A short free text (R10/R11 modalità, R12 descrizione).
    Line,
    /// The free-text report: paragraphs, up to 6,000 characters.
    Report,
    /// A SI/NO answer.
    Answer,
}

/// One field of an edition: where it is stored, what it takes, and whether
/// it is one of its row's numbers (the values the pdftotext layout prints
/// on one line: all of them or none).
#[derive(Debug, Clone)]
struct Field {
    campo: Campo,
    takes: Gen,
    number: bool,
}

/// Whether a column is one of its row's numbers: what the pdftotext layout
/// prints together on one line (not a text, not a value with a `formato`).
fn is_number(c: &Colonna) -> bool {
    !matches!(c.tipo, Tipo::Testo | Tipo::Relazione) && c.formato.is_none()
}

/// The fields of an edition grouped by row (a header field, an answer and
/// the report are rows of their own), in the form's order.
fn rows_of(ed: Edizione) -> Vec<Vec<Field>> {
    let d = ed.description();
    // Every column of the description by row code and field: its kind,
    // whether it is one of the row's numbers, whether it is the row's only
    // column (a text alone in its row is a name: R0C, R0D).
    let mut tipi: BTreeMap<(String, Option<String>), (Tipo, bool, bool)> = BTreeMap::new();
    for (_, r) in d.righe() {
        for c in &r.colonne {
            let alone = r.colonne.len() == 1;
            tipi.insert(
                (r.codice.clone(), c.campo.clone()),
                (c.tipo, is_number(c), alone),
            );
        }
    }
    let mut rows: Vec<(Option<String>, Vec<Field>)> = Vec::new();
    for path in paths::of(d) {
        let (row, takes, number) = match &path.campo {
            Campo::SchemaVersion | Campo::Edizione | Campo::Anno => continue,
            Campo::Ente(f) => {
                let takes = match f {
                    CampoEnte::Denominazione => Gen::Name,
                    CampoEnte::Provincia => Gen::Province,
                    CampoEnte::Codice => Gen::Code,
                    CampoEnte::Data => Gen::Date,
                };
                (None, takes, false)
            }
            Campo::Risposta(_) => (None, Gen::Answer, false),
            Campo::Relazione => (None, Gen::Report, false),
            Campo::Riga { codice, campo } => {
                let (tipo, number, alone) = tipi[&(codice.clone(), campo.clone())];
                let takes = match tipo {
                    Tipo::Utenti
                    | Tipo::Ore
                    | Tipo::Abitanti
                    | Tipo::Rapporto
                    | Tipo::RapportoAts => Gen::Count,
                    Tipo::Media | Tipo::Personale | Tipo::Euro => Gen::Places(2),
                    Tipo::Percentuale => Gen::Places(6),
                    Tipo::Testo if alone => Gen::Name,
                    Tipo::Testo => Gen::Line,
                    Tipo::Relazione => Gen::Report,
                    Tipo::Sino => Gen::Answer,
                };
                (Some(codice.clone()), takes, number)
            }
        };
        let field = Field {
            campo: path.campo.clone(),
            takes,
            number,
        };
        match rows.last_mut() {
            Some((Some(code), fields)) if row.as_ref() == Some(code) => fields.push(field),
            _ => rows.push((row, vec![field])),
        }
    }
    rows.into_iter().map(|(_, fields)| fields).collect()
}

/// Words of the names: accents, apostrophes, slashes, as Comuni have them.
const NAME_WORDS: &[&str] = &[
    "SANT'ANGELO",
    "LODIGIANO",
    "CANTÙ",
    "FORLÌ",
    "CITTÀ",
    "DI",
    "CASTELLO",
    "SAN",
    "GIORGIO",
    "SU",
    "LEGNANO",
    "CUMIGNANO",
    "SUL",
    "NAVIGLIO",
    "REGGIO",
    "NELL'EMILIA",
    "CA'",
    "D'ADDA",
    "BOLZANO/BOZEN",
    "ALTAVILLA",
    "VALLE",
    "DELL'ANGELO",
    "SOCIO-ASSISTENZIALE",
    "CONSORZIO",
    "SEBINO",
    "-",
    "5",
    "ATS",
    "Comune",
    "d'Aosta",
];

/// The characters of the free texts' random words.
const TEXT_CHARS: &str =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàèéìòùÀÈÉÌÒÙ'’-.,;:()/&\"<>%€0123456789";

/// A word of free text: mostly Italian words, some random characters.
fn word() -> BoxedStrategy<String> {
    let chars: Vec<char> = TEXT_CHARS.chars().collect();
    prop_oneof![
        3 => prop::sample::select(vec![
            "il", "servizio", "è", "stato", "utilizzato", "per", "l'assistenza",
            "domiciliare", "degli", "anziani", "però", "città", "perché", "più",
            "euro", "12,50", "2024", "ATS", "SI", "NO", "“citato”", "n.", "%",
        ])
        .prop_map(str::to_string),
        1 => prop::collection::vec(prop::sample::select(chars), 1..12)
            .prop_map(|cs| cs.into_iter().collect::<String>()),
    ]
    .boxed()
}

/// A sentence of `words` words, mostly separated by one space, some by
/// more, a tab or a line break (the model keeps a text as given).
fn sentence(words: std::ops::Range<usize>) -> BoxedStrategy<String> {
    let gap = prop_oneof![12 => Just(" "), 1 => Just("  "), 1 => Just("\n"), 1 => Just(" \t")];
    (prop::collection::vec((word(), gap), words), any::<bool>())
        .prop_map(|(ws, padded)| {
            let mut t = String::new();
            for (i, (w, gap)) in ws.iter().enumerate() {
                if i > 0 {
                    t.push_str(gap);
                }
                t.push_str(w);
            }
            if padded { format!(" {t} ") } else { t }
        })
        .boxed()
}

/// The free-text report: paragraphs separated by line breaks (some by a
/// blank line), at most 6,000 characters (some close to it).
fn report() -> BoxedStrategy<String> {
    let paragraph = prop_oneof![
        8 => sentence(1..40),
        2 => sentence(150..260),
        // Some 6,000 characters or more, cut at 6,000 below.
        1 => sentence(800..1000),
    ];
    let gap = prop_oneof![4 => Just("\n"), 1 => Just("\n\n")];
    prop::collection::vec((paragraph, gap), 1..6)
        .prop_map(|ps| {
            let mut text = String::new();
            for (i, (p, gap)) in ps.iter().enumerate() {
                if i > 0 {
                    text.push_str(gap);
                }
                text.push_str(p);
            }
            text.chars()
                .take(scheda::model::MAX_RELAZIONE_CHARS)
                .collect()
        })
        .boxed()
}

/// The largest count generated: a billion (Italy has 59 million
/// inhabitants), so that every value the rules derive from counts (a mean,
/// R01B) stays within the 15 significant digits a spreadsheet cell keeps.
const MAX_COUNT: u64 = 1_000_000_000;

/// The largest amount generated: a hundred billion euro, so that a sum of
/// them (R15) stays within the 15 significant digits a spreadsheet cell
/// keeps.
const MAX_AMOUNT: i64 = 100_000_000_000;

/// A decimal of at most `places` decimals: up to [`MAX_AMOUNT`] (a
/// percentage up to a million), written with 0 to `places` decimals (`12`,
/// `12.5`, `12.50`).
fn decimal(places: u32) -> BoxedStrategy<Decimal> {
    let max: i64 = if places > 2 { 1_000_000 } else { MAX_AMOUNT };
    (0..=places)
        .prop_flat_map(move |scale| {
            let unit = 10i64.pow(scale);
            (
                prop_oneof![3 => 0i64..1_000, 2 => 0i64..1_000_000, 1 => 0..=max * unit],
                Just(scale),
            )
        })
        .prop_map(|(m, scale)| Decimal::new(m, scale))
        .boxed()
}

/// A value of kind `takes`.
fn value(takes: Gen) -> BoxedStrategy<Valore> {
    match takes {
        Gen::Count => prop_oneof![
            3 => 0u64..1_000,
            2 => 0u64..10_000_000,
            1 => 0u64..=MAX_COUNT,
        ]
        .prop_map(Valore::Intero)
        .boxed(),
        Gen::Places(p) => decimal(p).prop_map(Valore::Decimale).boxed(),
        Gen::Name => prop::collection::vec(prop::sample::select(NAME_WORDS), 1..6)
            .prop_map(|ws| Valore::Testo(ws.join(" ")))
            .boxed(),
        Gen::Province => ("[A-Z]", "[A-Z]")
            .prop_map(|(a, b)| Valore::Testo(format!("{a}{b}")))
            .boxed(),
        Gen::Code => prop::collection::vec(
            prop::sample::select(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                    .chars()
                    .collect::<Vec<_>>(),
            ),
            12,
        )
        .prop_map(|cs| Valore::Testo(cs.into_iter().collect()))
        .boxed(),
        Gen::Date => (2000i32..2100, 1u8..=12, 1u8..=31, 0u8..24, 0u8..60)
            .prop_filter_map("a real day", |(y, m, d, h, min)| {
                DataOra::new(y, m, d, h, min)
            })
            .prop_map(|d| Valore::Testo(d.to_string()))
            .boxed(),
        Gen::Line => sentence(1..25).prop_map(Valore::Testo).boxed(),
        Gen::Report => report().prop_map(Valore::Testo).boxed(),
        Gen::Answer => any::<bool>().prop_map(Valore::SiNo).boxed(),
    }
}

/// How blanks fall in a generated model.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Blanks {
    /// Any field may be blank.
    Any,
    /// A row's numbers are all given or all blank (what the pdftotext
    /// layout can print); its texts are blank or not on their own.
    WholeRows,
}

/// The values of one row: the row blank as a whole (the form's empty
/// rows), else each field's value or blank.
fn row(fields: &[Field], blanks: Blanks) -> BoxedStrategy<Option<Vec<Option<Valore>>>> {
    let values: Vec<BoxedStrategy<Option<Valore>>> = fields
        .iter()
        .map(|f| {
            if blanks == Blanks::WholeRows && f.number {
                value(f.takes).prop_map(Some).boxed()
            } else {
                prop::option::weighted(0.8, value(f.takes)).boxed()
            }
        })
        .collect();
    prop::option::weighted(0.85, values).boxed()
}

/// A random valid model of `ed`: its derived values random like the
/// others (the writers keep what they are given) or, in half the cases,
/// computed by [`rules::recompute`] (a consistent form).
fn model_of(ed: Edizione, blanks: Blanks) -> BoxedStrategy<Scheda> {
    let rows = rows_of(ed);
    let strategies: Vec<_> = rows.iter().map(|fields| row(fields, blanks)).collect();
    (strategies, any::<bool>())
        .prop_map(move |(values, consistent)| {
            let mut s = Scheda::empty(ed);
            for (fields, values) in rows.iter().zip(values) {
                let Some(values) = values else { continue };
                for (field, v) in fields.iter().zip(values) {
                    paths::set(&mut s, &field.campo, v)
                        .unwrap_or_else(|e| panic!("{:?}: {e:?}", field.campo));
                }
            }
            if consistent {
                rules::recompute(&mut s);
            }
            s
        })
        .boxed()
}

/// A generated model, shown as its compact canonical JSON: a failing case
/// is printed as the JSON to keep in a regression test.
#[derive(Clone)]
struct Model(Scheda);

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", canonical(&self.0))
    }
}

/// A random valid model of any built-in edition.
///
/// A model of each edition is made and one is picked, rather than the
/// edition first and its model from it (`prop_flat_map`), so that proptest
/// shrinks a failing model field by field.
fn model(blanks: Blanks) -> BoxedStrategy<Model> {
    let each: Vec<BoxedStrategy<Scheda>> = crate::util::builtin_editions()
        .iter()
        .map(|&ed| model_of(ed, blanks))
        .collect();
    (0..each.len(), each)
        .prop_map(|(pick, mut models)| Model(models.swap_remove(pick)))
        .boxed()
}

// ---------------------------------------------------------------------------
// Comparing models.
// ---------------------------------------------------------------------------

/// The canonical JSON of a model, as the JSON writer writes it.
fn canonical(s: &Scheda) -> Value {
    let bytes = scheda::writers::json::write(s).expect("every valid model writes as JSON");
    serde_json::from_slice(&bytes).unwrap()
}

/// Where two JSON values differ: pointer, left, right.
fn differences(a: &Value, b: &Value, at: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let null = Value::Null;
                differences(
                    x.get(k).unwrap_or(&null),
                    y.get(k).unwrap_or(&null),
                    &format!("{at}/{k}"),
                    out,
                );
            }
        }
        _ if a == b => {}
        _ => {
            let short = |v: &Value| {
                let t = v.to_string();
                if t.chars().count() > 200 {
                    format!("{}...", t.chars().take(200).collect::<String>())
                } else {
                    t
                }
            };
            out.push(format!("{at}: {} != {}", short(a), short(b)));
        }
    }
}

/// Fail unless `back` is `expected`, as canonical JSON and as `==`.
fn same(back: &Scheda, expected: &Scheda, what: &str) -> Result<(), TestCaseError> {
    let (b, e) = (canonical(back), canonical(expected));
    let mut diff = Vec::new();
    differences(&b, &e, "", &mut diff);
    prop_assert!(
        diff.is_empty(),
        "{what}: read back != expected at\n  {}",
        diff.join("\n  ")
    );
    prop_assert_eq!(
        back,
        expected,
        "{}: the models differ outside the JSON",
        what
    );
    Ok(())
}

/// Fail unless `s` passes validation.
fn valid(s: &Scheda) -> Result<(), TestCaseError> {
    let problems = s.validate();
    prop_assert!(
        problems.is_empty(),
        "the generator made an invalid model: {problems:?}"
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// What each format is allowed to change.
// ---------------------------------------------------------------------------

/// `s` as the formats that print the form (text, XLSX, PDF) give it back:
/// each derived value given with fewer decimals than the form prints and
/// agreeing with the rules is the computed one (the writers call
/// [`rules::settle_precision`]: `72` for a mean would otherwise come back
/// as an exact `72,00`).
fn printed(s: &Scheda) -> Scheda {
    let mut p = s.clone();
    rules::settle_precision(&mut p);
    p
}

/// The fields of `ed` whose column is of one of the kinds `tipi`.
fn fields_of(ed: Edizione, tipi: &[Tipo]) -> Vec<Campo> {
    let d = ed.description();
    d.righe()
        .flat_map(|(q, r)| {
            r.colonne
                .iter()
                .filter(|c| tipi.contains(&c.tipo))
                .map(move |c| paths::of_column(d, q, r, c).campo)
        })
        .collect()
}

/// `s` with `f` applied to every decimal of a column of the kinds `tipi`.
fn map_decimals(s: &mut Scheda, tipi: &[Tipo], f: impl Fn(Decimal) -> Decimal) {
    for campo in fields_of(s.edizione, tipi) {
        if let Some(Valore::Decimale(d)) = paths::get(s, &campo) {
            paths::set(s, &campo, Some(Valore::Decimale(f(d)))).unwrap();
        }
    }
}

/// The means and percentages, the decimals the model keeps as given (`72`,
/// `33.629149`); every other decimal the JSON writes with two places anyway.
const AS_GIVEN: [Tipo; 2] = [Tipo::Media, Tipo::Percentuale];

/// At least two decimals (`17.8` -> `17.80`; `33.629149` stays).
fn two_places(d: Decimal) -> Decimal {
    let mut d = d;
    if d.scale() < 2 {
        d.rescale(2);
    }
    d
}

/// `s` with `f` applied to every text: `f(text, true)` for the free-text
/// report, `f(text, false)` for the others.
fn map_texts(s: &mut Scheda, f: impl Fn(&str, bool) -> Option<String>) {
    for path in paths::of(s.edizione.description()) {
        if path.kind != paths::Kind::Text || path.campo == Campo::Edizione {
            continue;
        }
        if let Some(Valore::Testo(t)) = paths::get(s, &path.campo) {
            let v = f(&t, path.campo == Campo::Relazione).map(Valore::Testo);
            paths::set(s, &path.campo, v).unwrap();
        }
    }
}

/// A text on one line: its runs of white space (line breaks included) one
/// space, none at the ends.
fn one_line(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` as the text layouts give it back ([`printed`], then): every number is
/// printed with at least two decimals (`17,80`), so the means and
/// percentages come back with two at least; a text is printed on one line
/// of the page, so its white space comes back as single spaces, and the
/// report is printed one paragraph (line) at a time, so it comes back as
/// its non-blank lines, each on one line; a text of nothing but white space
/// prints nothing, and comes back blank. The province is printed after
/// the Comune's name (`Denominazione SONDRIO (SO)`): without a name it is
/// not printed, and comes back blank.
fn as_text(s: &Scheda) -> Scheda {
    let mut p = printed(s);
    map_decimals(&mut p, &AS_GIVEN, two_places);
    map_texts(&mut p, |t, report| {
        let t = if report {
            t.lines()
                .map(one_line)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            one_line(t)
        };
        (!t.is_empty()).then_some(t)
    });
    if p.ente.denominazione.is_none() {
        p.ente.provincia = None;
    }
    p
}

/// `s` as the page text of its PDF gives it back: as the text layouts do
/// ([`as_text`]) but for a province without a name, its texts compared by
/// their words ([`words_only`]; the
/// PDF reader compares the page text with the attached data the same way).
fn as_page(s: &Scheda) -> Scheda {
    let mut p = words_only(&as_text(s));
    // Unlike the text layouts, the page prints a province without a name.
    p.ente.provincia.clone_from(&s.ente.provincia);
    p
}

/// `s` with every text on one line: the page text of a PDF cannot tell a
/// line break the text had from a wrapped line or a page break, so the
/// texts read from it are compared by their words.
fn words_only(s: &Scheda) -> Scheda {
    let mut p = s.clone();
    map_texts(&mut p, |t, _| Some(one_line(t)));
    p
}

/// `s` as a workbook gives it back ([`printed`], then): a cell holds a
/// number, not the digits it was written with, so a mean or percentage
/// comes back with its trailing zeros dropped and then, as the reader gives
/// them, with at least two decimals (`1.500000` -> `1.50`).
fn as_xlsx(s: &Scheda) -> Scheda {
    let mut p = printed(s);
    map_decimals(&mut p, &AS_GIVEN, |d| two_places(d.normalize()));
    p
}

/// The rows of `s` whose numbers are some given, some blank: what the
/// pdftotext layout and the PDF's page text cannot show.
fn partial_rows(s: &Scheda) -> Vec<String> {
    let d = s.edizione.description();
    d.righe()
        .filter(|(q, r)| {
            let given: Vec<bool> = r
                .colonne
                .iter()
                .filter(|c| is_number(c))
                .map(|c| paths::get(s, &paths::of_column(d, *q, r, c).campo).is_some())
                .collect();
            given.contains(&true) && given.contains(&false)
        })
        .map(|(_, r)| r.codice.clone())
        .collect()
}

// ---------------------------------------------------------------------------
// Writing and reading.
// ---------------------------------------------------------------------------

thread_local! {
    /// One writer per thread and text layout (none: the edition's), so the
    /// PDF renderer and the sentence catalogue are loaded once.
    static WRITERS: RefCell<Vec<(Option<Rendering>, Writer)>> = const { RefCell::new(Vec::new()) };
}

/// Write `s` in `format` (text in `layout`), as `scheda convert` does.
fn write(s: &Scheda, format: Format, layout: Option<Rendering>) -> Vec<u8> {
    WRITERS.with(|w| {
        let mut w = w.borrow_mut();
        let at = match w.iter().position(|(l, _)| *l == layout) {
            Some(at) => at,
            None => {
                let options = WriteOptions {
                    layout,
                    ..WriteOptions::default()
                };
                w.push((layout, Writer::new(options)));
                w.len() - 1
            }
        };
        w[at]
            .1
            .write(s, format)
            .unwrap_or_else(|e| panic!("{format} {layout:?} write: {e}"))
            .value
    })
}

/// Read the one form of `bytes`.
fn read_one(bytes: &[u8], format: Format) -> Result<Scheda, TestCaseError> {
    let read = scheda::readers::read(bytes, format).map_err(|e| {
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(4000)]).into_owned();
        TestCaseError::fail(format!("{format} does not read back: {e}\n{shown}"))
    })?;
    prop_assert_eq!(read.value.len(), 1, "{} forms", read.value.len());
    Ok(read.value.into_iter().next().unwrap())
}

// ---------------------------------------------------------------------------
// The properties.
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(128, 60))]

    /// JSON and JSON Lines keep every model exactly, its derived values at
    /// the form's precision.
    #[test]
    fn json_round_trips(Model(s) in model(Blanks::Any)) {
        valid(&s)?;
        for format in [Format::Json, Format::JsonLines] {
            let back = read_one(&write(&s, format, None), format)?;
            same(&back, &printed(&s), &format.to_string())?;
        }
    }

    /// The portal layout keeps every model, blanks anywhere.
    #[test]
    fn portal_text_round_trips(Model(s) in model(Blanks::Any)) {
        valid(&s)?;
        let back = read_one(&write(&s, Format::Text, Some(Rendering::Portale)), Format::Text)?;
        same(&back, &as_text(&s), "portal text")?;
    }

    /// The pdftotext layout keeps every model whose rows are whole.
    #[test]
    fn pdftotext_text_round_trips(Model(s) in model(Blanks::WholeRows)) {
        valid(&s)?;
        let back = read_one(&write(&s, Format::Text, Some(Rendering::Pdftotext)), Format::Text)?;
        same(&back, &as_text(&s), "pdftotext text")?;
    }

    /// A form workbook keeps every model.
    #[test]
    fn xlsx_round_trips(Model(s) in model(Blanks::Any)) {
        valid(&s)?;
        let back = read_one(&write(&s, Format::Xlsx, None), Format::Xlsx)?;
        same(&back, &as_xlsx(&s), "xlsx")?;
    }
}

proptest! {
    #![proptest_config(config(16, 30))]

    /// scheda's PDF keeps every model whose rows are whole: the data it
    /// carries comes back, and reading it warns of nothing (its page text
    /// reads and agrees with the data). A row with a blank cell among
    /// filled ones reads back too, with a warning: a gap, reported
    /// (gap_pdf_partial_row_warns_as_if_edited).
    #[test]
    fn pdf_round_trips(Model(s) in model(Blanks::WholeRows)) {
        valid(&s)?;
        // The page text is compared with the attached data: where it reads
        // wrong, the PDF reads as edited.
        let (warnings, back) = through_pdf(&s);
        prop_assert!(warnings.is_empty(), "{}", warnings.join("\n"));
        same(&back, &printed(&s), "pdf")?;
    }

    /// scheda's PDF keeps every model, blanks anywhere: the attached data
    /// comes back; the one warning allowed is the gap's, and only for a
    /// model with a partly blank row.
    #[test]
    fn pdf_with_blank_cells_round_trips(Model(s) in model(Blanks::Any)) {
        valid(&s)?;
        let (warnings, back) = through_pdf(&s);
        let partial = partial_rows(&s);
        let allowed = |w: &String| !partial.is_empty() && w.contains("page text of the PDF does not read");
        prop_assert!(warnings.iter().all(allowed), "{}", warnings.join("\n"));
        same(&back, &printed(&s), "pdf")?;
    }

    /// The page text of scheda's PDF alone (a PDF whose attached data was
    /// lost) reads back to the model as the text layouts do, for a model
    /// whose rows are whole: as in the pdftotext layout, a blank cell among
    /// a row's filled ones leaves no trace on the page.
    #[test]
    fn pdf_page_text_round_trips(Model(s) in model(Blanks::WholeRows)) {
        valid(&s)?;
        let pdf = write(&s, Format::Pdf, None);
        let text = scheda::readers::pdf::extract_text(&pdf)
            .map_err(|e| TestCaseError::fail(format!("no page text: {e}")))?
            .value;
        let back = scheda::readers::pdf::read_text(&text)
            .map_err(|e| TestCaseError::fail(format!("the page text does not read: {e}\n{text}")))?
            .value;
        same(&words_only(&back), &as_page(&s), "pdf page text")?;
    }
}

proptest! {
    #![proptest_config(config(48, 60))]

    /// A multi-Comune workbook and a JSON Lines file keep several forms of
    /// any editions, in order.
    #[test]
    fn many_forms_round_trip(models in prop::collection::vec(model(Blanks::Any), 1..5)) {
        let models: Vec<Scheda> = models.into_iter().map(|Model(s)| s).collect();
        for s in &models {
            valid(s)?;
        }
        for (format, expected) in [
            (Format::JsonLines, models.iter().map(printed).collect::<Vec<_>>()),
            (Format::Xlsx, models.iter().map(as_xlsx).collect::<Vec<_>>()),
        ] {
            let bytes = scheda::writers::write_many(&models, format)
                .expect("the format holds many forms")
                .unwrap_or_else(|e| panic!("{format} write: {e}"))
                .value;
            let back = scheda::readers::read(&bytes, format)
                .map_err(|e| TestCaseError::fail(format!("{format} does not read back: {e}")))?
                .value;
            prop_assert_eq!(back.len(), expected.len(), "{} forms", format);
            for (i, (b, e)) in back.iter().zip(&expected).enumerate() {
                same(b, e, &format!("{format} form {}", i + 1))?;
            }
        }
    }
}

/// The address of the one server the HTTP property talks to.
fn server() -> std::net::SocketAddr {
    static ADDR: OnceLock<std::net::SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| crate::serve::start(scheda::serve::Options::default()))
}

proptest! {
    #![proptest_config(config(8, 30))]

    /// Through the HTTP API: the model POSTed to `/api/render` in every
    /// format, the file POSTed to `/api/read`, the same form back (each
    /// format as above; text in the edition's own layout).
    #[test]
    fn http_render_then_read_round_trips(Model(s) in model(Blanks::WholeRows)) {
        valid(&s)?;
        let body = scheda::writers::json::write(&s).unwrap();
        for (to, expected) in [
            ("json", printed(&s)),
            ("txt", as_text(&s)),
            ("xlsx", as_xlsx(&s)),
            ("pdf", printed(&s)),
        ] {
            let file = crate::serve::post(server(), &format!("/api/render?to={to}"), &body);
            prop_assert_eq!(file.status, 200, "render {}: {}", to, String::from_utf8_lossy(&file.body));
            let read = crate::serve::post(server(), &format!("/api/read?name=back.{to}"), &file.body);
            prop_assert_eq!(read.status, 200, "read {}: {}", to, String::from_utf8_lossy(&read.body));
            let answer = read.json();
            let forms = answer["forms"].as_array().cloned().unwrap_or_default();
            prop_assert_eq!(forms.len(), 1, "{}: {}", to, answer);
            let mut diff = Vec::new();
            differences(&forms[0], &canonical(&expected), "", &mut diff);
            prop_assert!(diff.is_empty(), "{to} through HTTP: read back != expected at\n  {}", diff.join("\n  "));
        }
    }
}

// ---------------------------------------------------------------------------
// The cases the properties found, kept as plain tests.
// ---------------------------------------------------------------------------

/// `s` written as text in `layout` and read back.
fn through_text(s: &Scheda, layout: Rendering) -> (String, scheda::Result<Scheda>) {
    let text = String::from_utf8(write(s, Format::Text, Some(layout))).unwrap();
    let back = scheda::readers::text::read_str(&text).map(|w| w.value);
    (text, back)
}

/// Fixed (the text reader, issue 12): a modalità opening with a number
/// (`12,50 euro l'ora`) took it for a value and refused the row.
#[test]
fn a_modalita_opening_with_a_number_reads_back() {
    let s = from_json(
        Edizione::builtin("SOC26"),
        r#""quadro1": {"R01B": 1000},
           "quadro3": {"R10": {"numero": 1.00, "modalita": "12,50 euro l'ora", "spesa": 3.00}}"#,
    );
    for layout in [Rendering::Portale, Rendering::Pdftotext] {
        let (text, back) = through_text(&s, layout);
        let back = back.unwrap_or_else(|e| panic!("{layout}: {e}\n{text}"));
        assert_eq!(back, s, "{layout}");
    }
}

/// Fixed (the text reader, issue 12): a blank R01B used to take the first
/// word of the next line (`Va segnalato ...`) for its value, so an empty
/// form written in the portal layout did not read back.
#[test]
fn an_empty_form_in_the_portal_layout_reads_back() {
    for ed in crate::util::builtin_editions() {
        let s = Scheda::empty(ed);
        let (text, back) = through_text(&s, Rendering::Portale);
        assert_eq!(
            back.unwrap_or_else(|e| panic!("{ed}: {e}\n{text}")),
            s,
            "{ed}"
        );
    }
}

/// The warnings of reading scheda's own PDF of `s`, and the form read.
fn through_pdf(s: &Scheda) -> (Vec<String>, Scheda) {
    let pdf = write(s, Format::Pdf, None);
    let read = scheda::readers::read(&pdf, Format::Pdf).unwrap();
    let warnings = read.warnings.iter().map(ToString::to_string).collect();
    (warnings, read.value.into_iter().next().unwrap())
}

/// Reported, not fixed: the page text of scheda's PDF leaves no trace of a
/// blank cell among a row's filled ones (as the pdftotext layout), so
/// reading the PDF back warns that its page text does not read and that
/// the PDF was changed after scheda wrote it (fatal with `--strict`); the
/// attached data is read, so the form is right.
#[test]
#[ignore = "PDF gap, reported: a partly blank row reads as an edited PDF"]
fn gap_pdf_partial_row_warns_as_if_edited() {
    let s = from_json(
        Edizione::builtin("SOC25"),
        r#""quadro2": {"R07": {"anno_2017": 0.00, "anno_2021": null}}"#,
    );
    let (warnings, back) = through_pdf(&s);
    assert_eq!(back, s);
    assert!(warnings.is_empty(), "{warnings:?}");
}

/// Fixed (the text reader, issue 12): a province printed without a name
/// (`(LP)`) was read as the name.
#[test]
fn a_province_without_a_name_reads_back_from_the_page() {
    let mut s = Scheda::empty(Edizione::builtin("SOC26"));
    s.ente.provincia = Some("LP".into());
    s.ente.codice = Some("TA5WEG2447UV".into());
    let (warnings, back) = through_pdf(&s);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(back, s);
}

/// Fixed (the text reader, issue 12): a number ending the first line of a
/// wrapped Quadro 3 text, beside the amount, moved to the end of the text.
#[test]
fn a_number_ending_a_wrapped_line_of_a_description_stays_in_place() {
    let s = from_json(
        Edizione::builtin("SOC25"),
        r#""quadro3": {"R12": {
            "descrizione": "Potenziamento del servizio domiciliare 2024 con personale aggiuntivo per anziani e famiglie con minori",
            "spesa": 10.00
        }}"#,
    );
    let (warnings, back) = through_pdf(&s);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(back, s);
}
