//! `scheda convert`: read forms, pick one (`--comune`), warn about printed
//! derived values that disagree with the rules (or `--recompute` them), and
//! write them in one file.

use std::path::PathBuf;

use clap::Args;
use scheda::diagnostic::Diagnostic;
use scheda::form::Rendering;
use scheda::messages::{Message, kind};
use scheda::select::Selector;
use scheda::writers::WriteOptions;
use scheda::{Format, Scheda, rules, writers};

use super::io::{output_format, read_forms, refuse_overwriting_input, write_output};
use super::{
    CliResult, Common, EXIT_OK, Failure, coded, edizione_parser, form_label, format_parser,
    input_format_parser, layout_parser, parse_optional_edizione, report_all, report_warnings, say,
};

#[derive(Debug, Args)]
pub(super) struct ConvertArgs {
    /// The input files (`-` for standard input). Several forms go into one
    /// .xlsx workbook (one row per Comune) or one .jsonl file (one model per
    /// line).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The output file (`-` for standard output, with --to).
    #[arg(short, long)]
    output: PathBuf,
    /// Input format, when the extension does not tell.
    #[arg(long, value_name = "FORMAT", ignore_case = true, value_parser = input_format_parser())]
    from: Option<Format>,
    /// Output format, when the extension does not tell.
    #[arg(long, value_name = "FORMAT", ignore_case = true, value_parser = format_parser())]
    to: Option<Format>,
    /// The edition of forms whose file does not say which it is (a table
    /// of Comuni without an `edizione` column or years in its headers).
    #[arg(long = "edition", visible_alias = "edizione", value_name = "EDITION", value_parser = edizione_parser())]
    edizione: Option<String>,
    /// Convert only the form of this Comune: its name as the form prints it
    /// (case does not matter), or its number N in input order, as `scheda
    /// check` numbers them ("form N").
    #[arg(long, value_name = "NAME|N")]
    comune: Option<Selector>,
    /// Replace the derived values with the computed ones and list each change.
    #[arg(long)]
    recompute: bool,
    /// Text layout to write (by default the edition's own, as its
    /// description says).
    #[arg(long, value_name = "LAYOUT", ignore_case = true, value_parser = layout_parser())]
    layout: Option<Rendering>,
    #[command(flatten)]
    common: Common,
}

/// A form as read, with where it came from.
struct Read {
    label: String,
    form: Scheda,
}

pub(super) fn run(args: ConvertArgs) -> CliResult<u8> {
    let strict = args.common.strict;
    let limits = args.common.limits()?;
    let templates = args.common.load_templates()?;
    let edizione = parse_optional_edizione(&templates, args.edizione.as_deref())?;
    let to = output_format(&args.output, args.to)?;
    if args.layout.is_some() && to != Format::Text {
        return Err(Failure::output(
            &args.output,
            coded(
                Message::new(kind::LAYOUT_NOT_TEXT, [("format", to.to_string().into())]),
                Some(Message::new(kind::LAYOUT_NOT_TEXT_HINT, [])),
            ),
        ));
    }
    let mut read = Vec::new();
    for input in &args.inputs {
        refuse_overwriting_input(input, &args.output)?;
        let forms = read_forms(input, args.from, strict, (&limits, &templates), edizione)?;
        let of = forms.len();
        read.extend(forms.into_iter().enumerate().map(|(i, form)| Read {
            label: form_label(input, i, of, &form),
            form,
        }));
    }
    if let Some(selector) = &args.comune {
        let forms: Vec<Scheda> = read.iter().map(|r| r.form.clone()).collect();
        let at = selector.find(&forms).map_err(|e| {
            let source = match args.inputs.as_slice() {
                [one] => Some(super::display_name(one)),
                _ => None,
            };
            Failure::named(source, e)
        })?;
        read = vec![read.swap_remove(at)];
    }
    if args.recompute {
        for r in &mut read {
            for c in rules::recompute(&mut r.form) {
                let line = Message::new(
                    kind::RECOMPUTED,
                    [
                        ("row", c.printed_code.into()),
                        ("place", c.pointer.into()),
                        ("before", c.before.into()),
                        ("after", c.after.into()),
                    ],
                );
                eprintln!("{}", say(line));
            }
        }
    } else {
        let found: Vec<(String, Vec<Diagnostic>)> = read
            .iter()
            .map(|r| (r.label.clone(), discrepancies(&r.form)))
            .collect();
        let groups: Vec<(Option<&str>, &[Diagnostic])> = found
            .iter()
            .map(|(label, w)| (Some(label.as_str()), w.as_slice()))
            .collect();
        report_all(&groups, strict)?;
    }
    let forms: Vec<Scheda> = read.into_iter().map(|r| r.form).collect();
    let options = WriteOptions {
        templates,
        layout: args.layout,
    };
    let bytes = if let [form] = forms.as_slice() {
        let written =
            writers::write(form, to, &options).map_err(|e| Failure::output(&args.output, e))?;
        let name = super::display_output(&args.output);
        report_warnings(Some(&name), &written.warnings, strict)?;
        written.value
    } else {
        match writers::write_many(&forms, to) {
            Some(result) => {
                let written = result.map_err(|e| Failure::output(&args.output, e))?;
                let name = super::display_output(&args.output);
                report_warnings(Some(&name), &written.warnings, strict)?;
                written.value
            }
            None => {
                return Err(Failure::output(
                    &args.output,
                    super::coded(
                        Message::new(
                            kind::MANY_FORMS_ONE_FILE,
                            [("n", forms.len().into()), ("to", to.to_string().into())],
                        ),
                        Some(Message::new(kind::MANY_FORMS_ONE_FILE_HINT, [])),
                    ),
                ));
            }
        }
    };
    write_output(&args.output, to, &bytes)?;
    Ok(EXIT_OK)
}

/// A warning for every printed derived value of `form` that disagrees with
/// the rules: the output keeps it unless `--recompute` is given.
fn discrepancies(form: &Scheda) -> Vec<Diagnostic> {
    rules::check(form)
        .into_iter()
        .map(|d| d.warning(true))
        .collect()
}
