//! `scheda template`: a blank form of an edition, in any format scheda
//! writes (a workbook to fill in, a PDF to print, ...); with `--from`,
//! next year's form started from last year's ([`scheda::diff::carry`]).

use std::path::{Path, PathBuf};

use clap::Args;
use scheda::diff::{Riportato, carry};
use scheda::messages::{Message, kind};
use scheda::writers::{self, WriteOptions};
use scheda::{Format, Scheda};

use super::io::{Stdout, output_format, read_forms, refuse_overwriting_input, write_output};
use super::{
    CliResult, Common, EXIT_OK, Failure, display_output, edizione_parser, format_parser,
    input_format_parser, parse_edizione, report_warnings, say,
};

#[derive(Debug, Args)]
pub(super) struct TemplateArgs {
    /// The edition of the form (an edition of --templates DIR too).
    #[arg(long = "edition", visible_alias = "edizione", value_name = "EDITION", value_parser = edizione_parser())]
    edizione: String,
    /// The file to write: .xlsx (a workbook to fill in), .pdf (a blank form
    /// to print), .json, .jsonl or .txt; `-` for standard output, with --to.
    #[arg(short, long)]
    output: PathBuf,
    /// Output format, when the extension does not tell.
    #[arg(long, value_name = "FORMAT", ignore_case = true, value_parser = format_parser())]
    to: Option<Format>,
    /// Last year's form (any format scheda reads, of the edition before):
    /// fill in what the edition carries over from it (the base years'
    /// columns, R07, R0C, R0D, the Comune's data), leave the rest blank,
    /// and list both.
    #[arg(long = "from", value_name = "FILE")]
    source: Option<PathBuf>,
    /// The format of --from, when the extension does not tell.
    #[arg(long = "source-format", value_name = "FORMAT", ignore_case = true, value_parser = input_format_parser(), requires = "source")]
    source_format: Option<Format>,
    #[command(flatten)]
    common: Common,
}

pub(super) fn run(args: TemplateArgs) -> CliResult<u8> {
    let templates = args.common.load_templates()?;
    let edizione = parse_edizione(&templates, &args.edizione)?;
    let to = output_format(&args.output, args.to)?;
    let empty = match &args.source {
        Some(source) => started_from(&args, source, edizione, &templates)?,
        None => Scheda::empty(edizione),
    };
    let options = WriteOptions {
        templates,
        layout: None,
    };
    let written =
        writers::write(&empty, to, &options).map_err(|e| Failure::output(&args.output, e))?;
    let name = display_output(&args.output);
    report_warnings(Some(&name), &written.warnings, args.common.strict)?;
    write_output(&args.output, to, &written.value)?;
    Ok(EXIT_OK)
}

/// The form of `edizione` started from last year's form in `source`, with
/// what was carried over and what is left to fill in listed (on standard
/// error when the form goes to standard output).
fn started_from(
    args: &TemplateArgs,
    source: &Path,
    edizione: scheda::Edizione,
    templates: &scheda::Templates,
) -> CliResult<Scheda> {
    refuse_overwriting_input(source, &args.output)?;
    let limits = args.common.limits()?;
    let forms = read_forms(
        source,
        args.source_format,
        args.common.strict,
        (&limits, templates),
        None,
    )?;
    let Some(form) = forms.first() else {
        return Ok(Scheda::empty(edizione));
    };
    let (new, carried, to_fill) =
        carry(form, edizione).map_err(|e| Failure::new(Some(source), e))?;
    let mut lines = vec![say(Message::new(
        kind::TEMPLATE_CARRIED,
        [
            ("n", carried.len().into()),
            ("source", form.edizione.code().into()),
        ],
    ))];
    lines.extend(carried.iter().map(|r| line(r, true)));
    lines.push(say(Message::new(
        kind::TEMPLATE_TO_FILL,
        [("n", to_fill.len().into())],
    )));
    lines.extend(to_fill.iter().map(|r| line(r, false)));
    if args.output == Path::new("-") {
        for l in lines {
            eprintln!("{l}");
        }
    } else {
        let mut out = Stdout::default();
        for l in lines {
            out.line(&l)?;
        }
    }
    Ok(new)
}

/// One field of the lists: `  M12 utenti_2019 (Numero di utenti serviti - 2019): 5`.
fn line(r: &Riportato, with_value: bool) -> String {
    let mut text = format!("  {}", r.codice);
    if let Some(c) = &r.campo {
        text.push(' ');
        text.push_str(c);
    }
    if let Some(h) = &r.colonna {
        text.push_str(&format!(" ({h})"));
    }
    if with_value && let Some(v) = &r.valore {
        text.push_str(": ");
        text.push_str(v);
    }
    text
}
