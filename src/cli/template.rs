//! `scheda template`: a blank form of an edition, in any format scheda
//! writes (a workbook to fill in, a PDF to print, ...).

use std::path::PathBuf;

use clap::Args;
use scheda::writers::{self, WriteOptions};
use scheda::{Format, Scheda};

use super::io::{output_format, write_output};
use super::{
    CliResult, Common, EXIT_OK, Failure, display_output, edizione_parser, format_parser,
    parse_edizione, report_warnings,
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
    #[command(flatten)]
    common: Common,
}

pub(super) fn run(args: TemplateArgs) -> CliResult<u8> {
    let templates = args.common.load_templates()?;
    let edizione = parse_edizione(&templates, &args.edizione)?;
    let to = output_format(&args.output, args.to)?;
    let empty = Scheda::empty(edizione);
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
