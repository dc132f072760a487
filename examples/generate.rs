//! N distinct, consistent forms for the batch benchmark (bench/batch.sh).
//!
//! ```text
//! cargo run --release --example generate -- --forms N --out DIR [--format json|jsonl|xlsx] [--seed S]
//! ```
//!
//! Form `i` starts from one of the seed goldens (`tests/fixtures/*.expected.json`,
//! SOC25 and SOC26 in turn) and gets its own Comune (a unique name, some with
//! accents and apostrophes such as `CANTÙ` or `SANT'ANGELO`; a province; a
//! code), population, user counts, hours, staff and amounts; Quadro 3 is
//! filled in when the rules make it due, and the SOC25 Quadro 4 questions of
//! the section the rules choose are answered. Every derived value (R0B, the
//! means, R01B, R04, R09, R15) is then set by [`scheda::rules::recompute`],
//! and each form is checked to be valid and consistent before it is written.
//!
//! Deterministic: form `i` depends only on the seed and on `i` (a small LCG,
//! no clock), so the first 50 forms of a run with `--forms 8000` are the
//! forms of a run with `--forms 50`, in any format.
//!
//! Output: `DIR/scheda-00001.json` ... (`json`, one file per form),
//! `DIR/schede.jsonl` (`jsonl`, one line per form) or
//! `DIR/scheda-00001.xlsx` ... (`xlsx`, one single-form workbook per form).

use std::path::PathBuf;
use std::time::Instant;

use rust_decimal::Decimal;
use scheda::form::{Tipo, VoceKind};
use scheda::model::DataOra;
use scheda::model::{Scheda, Valore};

/// The seed goldens the forms start from, in the order they are used.
const BASES: [&str; 5] = [
    include_str!("../tests/fixtures/000_67ecfe3c12e4f28c.expected.json"),
    include_str!("../tests/fixtures/003_a8faf5e3924ac3ee.expected.json"),
    include_str!("../tests/fixtures/001_c36fd2931944160a.expected.json"),
    include_str!("../tests/fixtures/002_7dd651adceaafbf1.expected.json"),
    include_str!("../tests/fixtures/004_7444e9ac6383849b.expected.json"),
];

/// Name stems: no two fold to the same ASCII, so that output names built
/// from the Comune stay distinct.
const STEMS: [&str; 60] = [
    "CANTÙ",
    "SANT'ANGELO",
    "CUMIGNANO",
    "FORLÌ",
    "TORTONA",
    "PATERNÒ",
    "SONDRIO",
    "CEFALÙ",
    "SANT'AGATA",
    "MORBEGNO",
    "CASTELNUOVO",
    "VILLAFRANCA",
    "SAN DONÀ",
    "CHIAVENNA",
    "MONTEBELLO",
    "ROCCAFORTE",
    "BORGOMANERO",
    "SANT'ELIA",
    "PONTEVICO",
    "CASALBUTTANO",
    "SALÒ",
    "MALÈ",
    "TRINITÀ",
    "SANT'EUFEMIA",
    "ALBISOLA",
    "FIUMICELLO",
    "ACQUAVIVA",
    "GALLARATE",
    "VALFURVA",
    "SANT'ONOFRIO",
    "CAVRIGLIA",
    "CORTENO",
    "SAN GIOVANNI",
    "MONTEFALCO",
    "CASTROCIELO",
    "ERBUSCO",
    "GIUSSANO",
    "LIMBIATE",
    "OLGIATE",
    "RIVAROLO",
    "SERRAVALLE",
    "TREZZO",
    "VALMADRERA",
    "ZOGNO",
    "PALÙ",
    "CITTÀ DELLA PIEVE",
    "L'AQUILA BASSA",
    "SANTA MARIA",
    "COLLEPARDO",
    "BAGNOLO",
    "CASTIGLIONE",
    "FONTANELLA",
    "GRUMELLO",
    "LEVATE",
    "MAPELLO",
    "NEMBRO",
    "OSIO",
    "PONTIDA",
    "ROGNO",
    "SPIRANO",
];

const QUALIFIERS: [&str; 30] = [
    "",
    "SUL NAVIGLIO",
    "D'ADDA",
    "DI SOPRA",
    "DI SOTTO",
    "AL MONTE",
    "IN VALLE",
    "MARITTIMO",
    "SUL MINCIO",
    "CALABRO",
    "LODIGIANO",
    "VERCELLESE",
    "SCALO",
    "TERME",
    "LIGURE",
    "BRIANZA",
    "SUL PO",
    "IN COLLE",
    "DEL GARDA",
    "VALTELLINA",
    "AL PIANO",
    "DI PIAVE",
    "D'ASTI",
    "SANNITICO",
    "IRPINO",
    "MONFERRATO",
    "CANAVESE",
    "DEI NORMANNI",
    "SUL SERIO",
    "AL LAGO",
];

const EXTRAS: [&str; 6] = ["", "SUPERIORE", "INFERIORE", "VECCHIO", "NUOVO", "ALTO"];

const PROVINCES: [&str; 20] = [
    "SO", "CR", "CO", "MI", "LO", "BG", "BS", "AL", "AT", "TO", "VC", "PV", "VA", "MB", "LC", "MN",
    "PC", "PR", "RE", "VR",
];

const ATS: [(&str, &str); 6] = [
    ("CREMA", "COMUNE DI CREMA"),
    ("SONDRIO", "COMUNE DI SONDRIO"),
    ("TORTONESE", "COMUNE DI TORTONA"),
    ("MEDIA VALLE", "COMUNITÀ MONTANA MEDIA VALLE"),
    ("BASSA BERGAMASCA", "COMUNE DI ROMANO DI LOMBARDIA"),
    ("ALTO LARIO", "AZIENDA SOCIALE ALTO LARIO"),
];

/// The Comune's name of form `i`: unique for every `i`.
fn name(i: usize) -> String {
    let (s, q, e) = (STEMS.len(), QUALIFIERS.len(), EXTRAS.len());
    let mut parts = vec![
        STEMS[i % s],
        QUALIFIERS[(i / s) % q],
        EXTRAS[(i / (s * q)) % e],
    ];
    parts.retain(|p| !p.is_empty());
    let mut name = parts.join(" ");
    let round = i / (s * q * e);
    if round > 0 {
        name.push_str(&format!(" {}", round + 1));
    }
    name
}

/// A small 64-bit LCG (Knuth's MMIX constants), its high bits mixed.
struct Lcg(u64);

impl Lcg {
    /// The generator of form `i` under `seed`: independent of how many forms.
    fn for_form(seed: u64, i: usize) -> Self {
        let mut g = Lcg(seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for _ in 0..4 {
            g.next();
        }
        g
    }

    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let x = self.0 >> 16;
        x ^ (x >> 21)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True with `percent` % probability.
    fn chance(&mut self, percent: u64) -> bool {
        self.range(0, 99) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

/// `cents` as an amount with two decimals.
fn euro(cents: u64) -> Decimal {
    Decimal::new(cents as i64, 2)
}

/// `value` × `percent` / 100, to the cent.
fn share(value: Decimal, percent: u64) -> Decimal {
    let mut v = (value * Decimal::from(percent) / Decimal::ONE_HUNDRED).round_dp(2);
    v.rescale(2);
    v
}

/// A staff count in quarters (`1.25`), two decimals.
fn quarters(n: u64) -> Decimal {
    Decimal::new(n as i64 * 25, 2)
}

fn base36(mut n: u64, width: usize) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = vec![b'0'; width];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8(out).expect("ASCII")
}

/// Form `i` of the batch under `seed`, consistent with the rules.
fn form(bases: &[Scheda], seed: u64, i: usize) -> Scheda {
    let mut g = Lcg::for_form(seed, i);
    let mut s = bases[i % bases.len()].clone();
    let soc26 = s.edizione.description().riga("R02X").is_some();

    // The Comune.
    let province = *g.pick(&PROVINCES);
    s.ente.denominazione = Some(name(i));
    s.ente.provincia = Some(province.to_string());
    let serial = (i as u64).wrapping_mul(7919).wrapping_add(seed) % 36u64.pow(4);
    s.ente.codice = Some(format!(
        "{province}{:03}SIF{}",
        g.range(1, 250),
        base36(serial, 4)
    ));
    s.ente.data = DataOra::new(
        s.anno + 1,
        g.range(3, 5) as u8,
        g.range(1, 28) as u8,
        g.range(8, 18) as u8,
        g.range(0, 59) as u8,
    );
    let (ats, capofila) = *g.pick(&ATS);
    set(&mut s, "R0C", None, Valore::Testo(ats.to_string()));
    set(&mut s, "R0D", None, Valore::Testo(capofila.to_string()));
    set(&mut s, "R0E", None, Valore::Intero(g.range(1800, 9000)));

    // Population, by size class (most Comuni are small).
    let (lo, hi) = *g.pick(&[
        (250, 1000),
        (1000, 3000),
        (1000, 3000),
        (3000, 10000),
        (3000, 10000),
        (10000, 30000),
        (30000, 120000),
    ]);
    let pop = g.range(lo, hi);
    set(&mut s, "R03", None, Valore::Intero(pop));

    // Users: a service level around the reference one, spread over the
    // user rows the total sums (those with hours carry hours too).
    let r05 = g.range(200, 1000);
    set(&mut s, "R05", None, Valore::Decimale(euro(r05)));
    let level = r05 * g.range(50, 160) / 100; // hundredths of a percent
    let total = (pop * level / 10_000).max(1);
    let user_rows: Vec<(&str, bool)> = s
        .edizione
        .description()
        .righe()
        .filter(|(_, r)| !r.derivata && r.colonne.iter().any(|c| c.tipo == Tipo::Utenti))
        .map(|(_, r)| {
            let hours = r.colonne.iter().any(|c| c.tipo == Tipo::Ore);
            (r.codice.as_str(), hours)
        })
        .collect();
    let weights: Vec<u64> = user_rows
        .iter()
        .map(|_| if g.chance(40) { 0 } else { g.range(1, 100) })
        .collect();
    let sum: u64 = weights.iter().sum::<u64>().max(1);
    for ((code, hours), w) in user_rows.iter().zip(&weights) {
        let utenti = total * w / sum;
        let utenti_2019 = utenti * g.range(50, 150) / 100 + g.range(0, 2);
        set(
            &mut s,
            code,
            Some("utenti_2019"),
            Valore::Intero(utenti_2019),
        );
        set(&mut s, code, Some("utenti"), Valore::Intero(utenti));
        if *hours {
            let ore = if utenti > 0 && !g.chance(20) {
                utenti * g.range(1, 200) + g.range(0, utenti - 1)
            } else {
                0
            };
            set(&mut s, code, Some("ore"), Valore::Intero(ore));
            s.set_valore(code, Some("media_ore"), None).expect("a mean");
        }
    }

    // Staff: one social worker every 1.500-10.000 inhabitants, some none.
    let workers = if g.chance(10) {
        0
    } else {
        (pop * 4 / g.range(1500, 10000)).max(1)
    };
    let staff = |s: &mut Scheda, code: &str, campo: Option<&str>, quarters_of: u64| {
        set(s, code, campo, Valore::Decimale(quarters(quarters_of)));
    };
    staff(&mut s, "R01", Some("anno"), workers);
    staff(
        &mut s,
        "R01",
        Some("anno_2020"),
        workers * g.range(50, 120) / 100,
    );
    staff(
        &mut s,
        "R01A",
        None,
        if g.chance(30) { g.range(1, 4) } else { 0 },
    );
    let others = pop * 4 / g.range(2000, 20000);
    staff(&mut s, "R02", Some("anno"), others);
    staff(
        &mut s,
        "R02",
        Some("anno_2020"),
        others * g.range(50, 120) / 100,
    );
    if soc26 {
        staff(&mut s, "R02X", None, others / 4);
        staff(&mut s, "R02Y", None, others / 3);
        staff(&mut s, "R02A", None, g.range(0, 4));
    }

    // Spending: need, historical spending (below need about one time in
    // four), additional resources.
    let r06 = euro(pop * g.range(4000, 12000) + g.range(0, 99));
    set(&mut s, "R06", None, Valore::Decimale(r06));
    let r07_2017 = share(r06, g.range(50, 130));
    set(&mut s, "R07", Some("anno_2017"), Valore::Decimale(r07_2017));
    let r07_2021 = share(r06, g.range(60, 160));
    set(&mut s, "R07", Some("anno_2021"), Valore::Decimale(r07_2021));
    let r08 = share(r06, g.range(1, 8));
    set(&mut s, "R08", None, Valore::Decimale(r08));

    // Quadro 3: filled in when due (R09 of at least 1.000 euro), for about
    // R09 (sometimes less: the form then says so); otherwise as the seed
    // leaves it, at zero.
    scheda::rules::recompute(&mut s);
    let due = scheda::rules::outcomes(&s).quadro3_dovuto == Some(true);
    let zero = Valore::Decimale(Decimal::new(0, 2));
    if due {
        let r09 = s.decimale("R09", None).unwrap_or_default();
        let target = share(r09, g.range(80, 130));
        let weights: Vec<u64> = (0..5)
            .map(|_| if g.chance(40) { 0 } else { g.range(1, 10) })
            .collect();
        let sum = weights.iter().sum::<u64>().max(1);
        let mut parts: Vec<Decimal> = weights
            .iter()
            .map(|w| {
                let mut v = (target * Decimal::from(*w) / Decimal::from(sum)).round_dp(2);
                v.rescale(2);
                v
            })
            .collect();
        if weights.iter().all(|w| *w == 0) {
            parts[4] = target;
        }
        for (code, spesa) in [("R10", parts[0]), ("R11", parts[1])] {
            set(&mut s, code, Some("spesa"), Valore::Decimale(spesa));
            if spesa.is_zero() {
                set(&mut s, code, Some("numero"), zero.clone());
                s.set_valore(code, Some("modalita"), None).expect("a text");
            } else {
                set(
                    &mut s,
                    code,
                    Some("numero"),
                    Valore::Decimale(euro(g.range(25, 200))),
                );
                let modalita =
                    "Costo orario da CCNL Funzioni locali per le ore aggiuntive prestate nell'anno";
                set(
                    &mut s,
                    code,
                    Some("modalita"),
                    Valore::Testo(modalita.to_string()),
                );
            }
        }
        set(&mut s, "R12", Some("spesa"), Valore::Decimale(parts[2]));
        let descrizione = (!parts[2].is_zero()).then(|| {
            Valore::Testo(
                "Potenziamento del servizio di assistenza domiciliare e dello sportello sociale"
                    .to_string(),
            )
        });
        s.set_valore("R12", Some("descrizione"), descrizione)
            .expect("a text");
        set(&mut s, "R13", None, Valore::Decimale(parts[3]));
        set(&mut s, "R14", None, Valore::Decimale(parts[4]));
    } else {
        // Every amount the seed fills in, at zero; the texts blank.
        for (code, campo) in [
            ("R10", Some("numero")),
            ("R10", Some("spesa")),
            ("R11", Some("numero")),
            ("R11", Some("spesa")),
            ("R12", Some("spesa")),
            ("R13", None),
            ("R14", None),
        ] {
            if s.valore(code, campo).is_some() {
                set(&mut s, code, campo, zero.clone());
            }
        }
        for (code, campo) in [
            ("R10", "modalita"),
            ("R11", "modalita"),
            ("R12", "descrizione"),
        ] {
            s.set_valore(code, Some(campo), None).expect("a text");
        }
    }
    s.set_valore("R15", None, None).expect("an amount");
    scheda::rules::recompute(&mut s);

    // Quadro 4 (SOC25): every question of the section the rules choose.
    if s.edizione.description().regole.domande {
        let section = scheda::rules::outcomes(&s).sezione_quadro4;
        for (code, in_section) in questions(&s) {
            let answer = (Some(in_section) == section).then(|| g.chance(50));
            s.set_risposta(&code, answer);
        }
    }

    let errors = s.validate();
    let discrepancies = scheda::rules::check(&s);
    assert!(
        errors.is_empty() && discrepancies.is_empty(),
        "form {i} is not consistent: {errors:?} {discrepancies:?}"
    );
    s
}

/// Store `v` in row `code`, column `campo`, of a form built here.
fn set(s: &mut Scheda, code: &str, campo: Option<&str>, v: Valore) {
    s.set_valore(code, campo, Some(v))
        .unwrap_or_else(|e| panic!("{code} {campo:?}: {e:?}"));
}

/// The Quadro 4 questions of the form's edition with their section: the
/// one the last note that opens a section before them opens.
fn questions(s: &Scheda) -> Vec<(String, u8)> {
    let mut section = 0;
    let mut out = Vec::new();
    for q in &s.edizione.description().quadri {
        for v in &q.voci {
            match &v.kind {
                VoceKind::Nota {
                    sezione: Some(n), ..
                } => section = *n,
                VoceKind::Domanda { codice, .. } => out.push((codice.clone(), section)),
                _ => {}
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Out {
    Json,
    Jsonl,
    Xlsx,
}

struct Args {
    forms: usize,
    out: PathBuf,
    format: Out,
    seed: u64,
    quiet: bool,
}

const USAGE: &str =
    "usage: generate --forms N --out DIR [--format json|jsonl|xlsx] [--seed S] [--quiet]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        forms: 1000,
        out: PathBuf::new(),
        format: Out::Json,
        seed: 2025,
        quiet: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} takes a value"));
        match arg.as_str() {
            "--forms" | "-n" => {
                args.forms = value("--forms")?
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or("--forms takes a positive number")?;
            }
            "--out" | "-o" => args.out = PathBuf::from(value("--out")?),
            "--format" => {
                args.format = match value("--format")?.as_str() {
                    "json" => Out::Json,
                    "jsonl" => Out::Jsonl,
                    "xlsx" => Out::Xlsx,
                    other => return Err(format!("unknown format `{other}`\n{USAGE}")),
                }
            }
            "--seed" => {
                args.seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed takes a number")?;
            }
            "--quiet" | "-q" => args.quiet = true,
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err(format!("--out DIR is required\n{USAGE}"));
    }
    Ok(args)
}

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("generate: {message}");
    std::process::exit(2);
}

fn main() {
    let args = parse_args().unwrap_or_else(|e| fail(e));
    let bases: Vec<Scheda> = BASES
        .iter()
        .map(|json| {
            scheda::readers::json::read(json.as_bytes())
                .unwrap_or_else(|e| fail(e))
                .value
        })
        .collect();
    std::fs::create_dir_all(&args.out)
        .unwrap_or_else(|e| fail(format!("cannot create {}: {e}", args.out.display())));

    let start = Instant::now();
    let width = args.forms.to_string().len().max(5);
    let write = |file: String, bytes: &[u8]| {
        let path = args.out.join(file);
        std::fs::write(&path, bytes)
            .unwrap_or_else(|e| fail(format!("cannot write {}: {e}", path.display())));
    };
    let mut lines = Vec::new();
    let mut cases = [0usize; 4];
    let mut due = 0;
    for i in 0..args.forms {
        let s = form(&bases, args.seed, i);
        let outcomes = scheda::rules::outcomes(&s);
        if let Some(caso) = outcomes.caso {
            cases[caso as usize] += 1;
        }
        due += usize::from(outcomes.quadro3_dovuto == Some(true));
        let stem = format!("scheda-{:0width$}", i + 1);
        match args.format {
            Out::Json => write(
                format!("{stem}.json"),
                &scheda::writers::json::write(&s).unwrap_or_else(|e| fail(e)),
            ),
            Out::Jsonl => lines.push(s),
            Out::Xlsx => write(
                format!("{stem}.xlsx"),
                &scheda::writers::xlsx::write(&s).unwrap_or_else(|e| fail(e)),
            ),
        }
    }
    if args.format == Out::Jsonl {
        write(
            "schede.jsonl".into(),
            &scheda::writers::jsonl::write_many(&lines).unwrap_or_else(|e| fail(e)),
        );
    }
    if !args.quiet {
        let elapsed = start.elapsed().as_secs_f64();
        let format = match args.format {
            Out::Json => "json",
            Out::Jsonl => "jsonl",
            Out::Xlsx => "xlsx",
        };
        eprintln!(
            "{} forms ({format}) in {}: {elapsed:.2} s, {:.0} forms/s; caso A {} B {} C {} D {}, Quadro 3 due in {due}",
            args.forms,
            args.out.display(),
            args.forms as f64 / elapsed,
            cases[0],
            cases[1],
            cases[2],
            cases[3],
        );
    }
}
