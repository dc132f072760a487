//! `scheda diff A B`: what changed between two forms of the same Comune, or
//! between the forms of two folders or multi-Comune files, paired by the
//! Comune ([`scheda::diff`]). Plain text (aligned), `--json` or `--csv`;
//! exit code 0 when they agree, 1 when they differ, 2 on an error, as
//! `diff` does.

use std::path::{Path, PathBuf};

use clap::Args;
use scheda::diff::{self, Differenza, Esame, Parte};
use scheda::messages::{Message, kind};
use scheda::{Format, Scheda, batch};

use super::io::{Stdout, read_forms};
use super::{
    CliResult, Common, Failure, display_name, edizione_parser, form_label, input_format_parser,
    parse_optional_edizione, say,
};

/// Exit code of `diff`: the forms agree.
const SAME: u8 = 0;
/// Exit code of `diff`: they differ, or a Comune is on one side only.
const DIFFERENT: u8 = 1;
/// Exit code of `diff`: an input could not be read.
const TROUBLE: u8 = 2;

#[derive(Debug, Args)]
#[command(
    after_long_help = "Exit codes of diff: 0 the forms agree, 1 they differ (or a Comune's form \
is on one side only), 2 an input cannot be read. With --json, standard output is one JSON array \
with an entry per Comune: {\"comune\", \"codice\", \"a\", \"b\", \"edizione_a\", \"edizione_b\", \
\"differenze\", \"solo_a\", \"solo_b\"}; each difference {\"parte\" (ente, campo, calcolato, \
esito, frase), \"quadro\", \"codice\", \"campo\", \"etichetta\", \"colonna\", \"a\", \"b\"}, values as \
the form prints them, null when blank. A Comune on one side only has no \"edizione_a\" and \
\"differenze\"."
)]
pub(super) struct DiffArgs {
    /// The first form (last year's, or the one before the correction): a
    /// file in any format scheda reads, a multi-Comune workbook or JSON
    /// Lines file, or a folder.
    a: PathBuf,
    /// The second form, or file or folder of forms.
    b: PathBuf,
    /// Input format, when the extension does not tell.
    #[arg(long, value_name = "FORMAT", ignore_case = true, value_parser = input_format_parser())]
    from: Option<Format>,
    /// The edition of forms whose file does not say which it is.
    #[arg(long = "edition", visible_alias = "edizione", value_name = "EDITION", value_parser = edizione_parser())]
    edizione: Option<String>,
    /// Print the list as JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print the list as CSV for a spreadsheet with Italian settings (`;`,
    /// byte order mark), as the batch report.
    #[arg(long)]
    csv: bool,
    #[command(flatten)]
    common: Common,
}

pub(super) fn run(args: DiffArgs) -> CliResult<u8> {
    match compare(&args) {
        Ok(code) => Ok(code),
        Err(failure) => {
            failure.print();
            Ok(TROUBLE)
        }
    }
}

fn compare(args: &DiffArgs) -> CliResult<u8> {
    let limits = args.common.limits()?;
    let templates = args.common.load_templates()?;
    let catalogue = templates.catalogue();
    let edizione = parse_optional_edizione(&templates, args.edizione.as_deref())?;
    let read = |path: &Path| side(path, args, (&limits, &templates), edizione);
    let (a, b) = (read(&args.a)?, read(&args.b)?);
    let esami = diff::pair(&a, &b, catalogue).map_err(|e| Failure::named(None, e))?;
    let mut out = Stdout::default();
    if args.json {
        let text = serde_json::to_string_pretty(&esami).expect("the comparison serialises");
        out.line(&text)?;
    } else if args.csv {
        out.write(&csv(&esami))?;
    } else {
        text(&mut out, &esami, a.len() > 1 || b.len() > 1)?;
    }
    Ok(if esami.iter().all(Esame::uguali) {
        SAME
    } else {
        DIFFERENT
    })
}

/// Every form of one side, with where it was found: a file's (named by
/// their number and Comune where it holds several), or every form file
/// under a folder (named by their path within it).
fn side(
    path: &Path,
    args: &DiffArgs,
    reading: (&scheda::limits::Limits, &scheda::Templates),
    edizione: Option<scheda::Edizione>,
) -> CliResult<Vec<(String, Scheda)>> {
    let strict = args.common.strict;
    let files: Vec<PathBuf> = if path.is_dir() {
        batch::walk(path)
            .inputs
            .into_iter()
            .filter(|f| !matches!(f.action, batch::Action::Skip(_)))
            .map(|f| f.path)
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    let mut out = Vec::new();
    for file in &files {
        let forms = read_forms(file, args.from, strict, reading, edizione)?;
        let shown = match file.strip_prefix(path) {
            Ok(inner) if path.is_dir() => PathBuf::from(inner),
            _ => file.clone(),
        };
        let n = forms.len();
        for (i, form) in forms.into_iter().enumerate() {
            out.push((form_label(&shown, i, n, &form), form));
        }
    }
    if out.is_empty() {
        return Err(Failure::named(
            Some(display_name(path)),
            super::coded(Message::new(kind::NO_FORM_IN_INPUT, []), None),
        ));
    }
    Ok(out)
}

/// A value shown in the text: as printed, or the word for blank.
fn value(v: Option<&str>) -> String {
    match v {
        Some(v) => v.to_string(),
        None => say(Message::new(kind::DIFF_BLANK, [])),
    }
}

/// A text cut to `n` characters, `…` at the end where cut.
fn cut(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let mut out: String = text.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A row's label without the code it opens with (`Utenti anziani` for
/// `M21 - Utenti anziani`).
fn label(d: &Differenza) -> String {
    let l = d.etichetta.as_str();
    let rest = l
        .strip_prefix(d.codice.as_str())
        .map(|r| r.trim_start_matches([' ', '-']))
        .filter(|r| !r.is_empty())
        .unwrap_or(l);
    rest.to_string()
}

/// The lines of a table, each cell padded to its column's width.
fn table(rows: &[[String; 5]]) -> Vec<String> {
    let mut widths = [0usize; 5];
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    rows.iter()
        .map(|r| {
            let mut line = String::from("  ");
            for (i, (c, w)) in r.iter().zip(widths).enumerate() {
                line.push_str(c);
                if i + 1 < r.len() {
                    line.push_str(&" ".repeat(w - c.chars().count() + 2));
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The cells of one difference in the text.
fn cells(d: &Differenza) -> [String; 5] {
    let code = match (d.parte, &d.campo) {
        (Parte::Ente, Some(c)) => c.clone(),
        _ => d.codice.clone(),
    };
    let label = match d.parte {
        Parte::Esito | Parte::Frase => String::new(),
        _ => cut(&label(d), 48),
    };
    [
        code,
        label,
        cut(d.colonna.as_deref().unwrap_or(""), 40),
        cut(&value(d.a.as_deref()), 60),
        cut(&value(d.b.as_deref()), 60),
    ]
}

/// The text report: for each Comune whose forms differ, its differences by
/// part of the form, then the fields of one edition only; with several
/// Comuni, a summary line for each.
fn text(out: &mut Stdout, esami: &[Esame], many: bool) -> CliResult<()> {
    let heading = |parte: Parte| {
        say(Message::new(
            match parte {
                Parte::Ente | Parte::Campo => kind::DIFF_SECTION_FIELDS,
                Parte::Calcolato => kind::DIFF_SECTION_COMPUTED,
                Parte::Esito => kind::DIFF_SECTION_OUTCOMES,
                Parte::Frase => kind::DIFF_SECTION_SENTENCES,
            },
            [],
        ))
    };
    for e in esami {
        let Some(c) = &e.confronto else { continue };
        if c.uguali() && c.solo_a.is_empty() && c.solo_b.is_empty() {
            continue;
        }
        let side = |w: &Option<String>, ed: &str| format!("{} ({ed})", w.as_deref().unwrap_or(""));
        out.line(&format!(
            "A: {}\nB: {}",
            side(&e.a, &c.edizione_a),
            side(&e.b, &c.edizione_b)
        ))?;
        let mut last: Option<String> = None;
        let mut rows: Vec<[String; 5]> = Vec::new();
        let flush = |out: &mut Stdout, rows: &mut Vec<[String; 5]>| -> CliResult<()> {
            for line in table(rows) {
                out.line(&line)?;
            }
            rows.clear();
            Ok(())
        };
        for d in &c.differenze {
            let h = heading(d.parte);
            if last.as_ref() != Some(&h) {
                flush(out, &mut rows)?;
                out.line(&h)?;
                last = Some(h);
            }
            rows.push(cells(d));
        }
        flush(out, &mut rows)?;
        for (only, ed) in [(&c.solo_a, &c.edizione_a), (&c.solo_b, &c.edizione_b)] {
            if only.is_empty() {
                continue;
            }
            out.line(&say(Message::new(
                kind::DIFF_SECTION_ONLY,
                [("edition", ed.as_str().into())],
            )))?;
            let rows: Vec<[String; 5]> = only
                .iter()
                .map(|d| {
                    let mut r = cells(d);
                    r[3] = cut(&value(d.a.as_deref().or(d.b.as_deref())), 60);
                    r[4] = String::new();
                    r
                })
                .collect();
            for line in table(&rows) {
                out.line(&line)?;
            }
        }
        if !many {
            out.line(&count(c.differenze.len()))?;
        }
        out.line("")?;
    }
    if many {
        for e in esami {
            out.line(&summary(e))?;
        }
    } else if esami.iter().all(Esame::uguali) {
        out.line(&say(Message::new(kind::DIFF_SAME, [])))?;
    }
    Ok(())
}

/// `3 differences`.
fn count(n: usize) -> String {
    say(Message::new(
        if n == 1 {
            kind::DIFF_COUNT_ONE
        } else {
            kind::DIFF_COUNT_MANY
        },
        [("n", n.into())],
    ))
}

/// The summary line of one Comune: the same, how many differences, or on
/// which side only.
fn summary(e: &Esame) -> String {
    let name = e
        .comune
        .clone()
        .or_else(|| e.codice.clone())
        .or_else(|| e.a.clone())
        .or_else(|| e.b.clone())
        .unwrap_or_default();
    let what = match (&e.confronto, &e.a, &e.b) {
        (Some(c), _, _) if c.uguali() => say(Message::new(kind::DIFF_SAME, [])),
        (Some(c), _, _) => count(c.differenze.len()),
        (None, Some(a), _) => say(Message::new(
            kind::DIFF_ONLY_IN,
            [("side", "A".into()), ("where", a.as_str().into())],
        )),
        (None, _, b) => say(Message::new(
            kind::DIFF_ONLY_IN,
            [
                ("side", "B".into()),
                ("where", b.as_deref().unwrap_or("").into()),
            ],
        )),
    };
    format!("{name}: {what}")
}

/// The CSV report: a line per difference, per field of one edition only
/// and per form on one side only.
fn csv(esami: &[Esame]) -> Vec<u8> {
    let header: Vec<String> = say(Message::new(kind::DIFF_CSV_HEADER, []))
        .split(';')
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for e in esami {
        let head = |what: &str| {
            vec![
                e.comune.clone(),
                e.codice.clone(),
                e.a.clone(),
                e.b.clone(),
                Some(what.to_string()),
            ]
        };
        let Some(c) = &e.confronto else {
            let what = if e.a.is_some() {
                "scheda_solo_a"
            } else {
                "scheda_solo_b"
            };
            let mut row = head(what);
            row.extend(std::iter::repeat_n(None, 8));
            rows.push(row);
            continue;
        };
        let groups = [
            ("differenza", &c.differenze),
            ("solo_a", &c.solo_a),
            ("solo_b", &c.solo_b),
        ];
        for (what, list) in groups {
            for d in list {
                let mut row = head(what);
                row.extend([
                    Some(d.parte.as_str().to_string()),
                    d.quadro.map(|q| q.to_string()),
                    Some(d.codice.clone()),
                    d.campo.clone(),
                    Some(d.etichetta.clone()),
                    d.colonna.clone(),
                    d.a.clone(),
                    d.b.clone(),
                ]);
                rows.push(row);
            }
        }
    }
    batch::report::csv_table(&header, &rows)
}
