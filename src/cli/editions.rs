//! `scheda editions`: the editions scheda knows and where each description
//! comes from; `--export CODE DIR` writes every file that defines one, in the
//! layout that `--templates DIR` reads back.

use std::path::{Path, PathBuf};

use clap::Args;
use scheda::diagnostic::{Diagnostic, Error, Severity};
use scheda::form::Registry;
use scheda::messages::{Message, kind};
use scheda::templates;

use super::io::Stdout;
use super::{CliResult, Common, EXIT_OK, Failure, coded, say};

#[derive(Debug, Args)]
pub(super) struct EditionsArgs {
    /// Write the files that define an edition into DIR: its description
    /// (editions/CODE.toml), its sentence catalogue (sentences/CODE.j2), its
    /// Typst layout (CODE.typ, or the generic form.typ that draws every
    /// edition without one) and the files the layout imports. Rename the
    /// first two to a new code and edit them to make a new edition.
    #[arg(long, num_args = 2, value_names = ["EDIZIONE", "DIR"])]
    export: Option<Vec<String>>,
    #[command(flatten)]
    common: Common,
}

pub(super) fn run(args: EditionsArgs) -> CliResult<u8> {
    let dir = args.common.templates.as_deref();
    let registry = Registry::from_templates(dir).map_err(|e| Failure::new(None, e))?;
    match args.export.as_deref() {
        Some([code, out]) => export(&registry, dir, code, Path::new(out)),
        _ => {
            let mut out = Stdout::default();
            for (edition, source) in registry.iter() {
                let source = match source {
                    scheda::templates::Origin::Builtin => {
                        say(Message::new(kind::EDITION_BUILT_IN, []))
                    }
                    other => other.to_string(),
                };
                out.line(&format!(
                    "{}\t{}\t{}",
                    edition.codice, edition.anni.anno, source
                ))?;
            }
            Ok(EXIT_OK)
        }
    }
}

/// The files that define `code`, by path under `templates/`, with their text.
fn files_of(
    registry: &Registry,
    dir: Option<&Path>,
    code: &str,
) -> scheda::Result<Vec<(String, String)>> {
    let Some(edition) = registry.get(code) else {
        let known = registry.codes().to_string();
        return Err(Error::new(Diagnostic::coded(
            Severity::Error,
            Message::new(
                kind::EDITION_NOT_KNOWN,
                [("code", code.into()), ("known", known.clone().into())],
            ),
            Some(Message::new(
                kind::EDITIONS_ARE_HINT,
                [("known", known.into())],
            )),
        )));
    };
    let code = &edition.codice;
    // The edition's own layout, or the generic one that draws it.
    let own = format!("{code}.typ");
    let layout = if templates::read(dir, &own)?.is_some() {
        own
    } else {
        "form.typ".to_string()
    };
    let mut paths = vec![
        format!("editions/{code}.toml"),
        format!("sentences/{code}.j2"),
        layout,
    ];
    let mut out: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while let Some(path) = paths.get(i).cloned() {
        i += 1;
        let Some((text, _)) = templates::read(dir, &path)? else {
            return Err(Error::new(Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::EDITION_HAS_NO_FILE,
                    [("code", code.as_str().into()), ("path", path.into())],
                ),
                Some(Message::new(kind::EDITION_HAS_NO_FILE_HINT, [])),
            )));
        };
        if path.ends_with(".typ") {
            for import in templates::typst_imports(&text) {
                if !paths.contains(&import) {
                    paths.push(import);
                }
            }
        }
        out.push((path, text));
    }
    Ok(out)
}

fn export(registry: &Registry, dir: Option<&Path>, code: &str, out: &Path) -> CliResult<u8> {
    let files = files_of(registry, dir, code).map_err(|e| Failure::new(None, e))?;
    // Refuse before writing anything: an existing file is never replaced.
    for (path, _) in &files {
        let target = out.join(path);
        if target.exists() {
            return Err(Failure::new(
                None,
                coded(
                    Message::new(
                        kind::EXPORT_EXISTS,
                        [("path", target.display().to_string().into())],
                    ),
                    Some(Message::new(kind::EXPORT_EXISTS_HINT, [])),
                ),
            ));
        }
    }
    for (path, text) in &files {
        let target = out.join(path);
        write_new(&target, text).map_err(|e| {
            Failure::new(
                None,
                coded(
                    Message::new(
                        kind::FAILED_TO_WRITE,
                        [
                            ("path", target.display().to_string().into()),
                            ("error", scheda::messages::io_reason(&e).into()),
                        ],
                    ),
                    None,
                ),
            )
        })?;
        eprintln!(
            "{}",
            say(Message::new(
                kind::WROTE,
                [("path", target.display().to_string().into())]
            ))
        );
    }
    Ok(EXIT_OK)
}

/// Write `text` to a new file whole: a temporary file beside it
/// (`.NAME.tmp-PID`), renamed.
fn write_new(target: &Path, text: &str) -> std::io::Result<()> {
    let parent: PathBuf = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    scheda::batch::files::write_whole(target, text.as_bytes())
}
