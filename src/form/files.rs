//! Every file scheda compiles in from `templates/`: the edition descriptions,
//! the sentence catalogues and the Typst layouts, by their path under
//! `templates/`. A directory given with `--templates DIR` replaces any of them
//! with its own file at the same path ([`read`]); `scheda editions --export`
//! writes them back out in that layout. What is made of them, once, is a
//! [`crate::templates::Templates`] value.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::messages::{Message, kind};

// `BUILTIN`: every file under `templates/`, listed by build.rs.
include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));

/// The built-in file at `path` (`sentences/SOC25.j2`), if there is one.
pub fn builtin(path: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

/// Where a file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into scheda.
    Builtin,
    /// Read from this file.
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Builtin => f.write_str("built in"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// The file at `path` under `templates/`: from `dir` where it has one, else
/// built in; `None` when neither has it.
pub fn read(dir: Option<&Path>, path: &str) -> Result<Option<(String, Origin)>> {
    if let Some(dir) = dir {
        let file = dir.join(path);
        if file.is_file() {
            let text = std::fs::read_to_string(&file).map_err(|e| read_failed(&file, &e))?;
            return Ok(Some((text, Origin::File(file))));
        }
    }
    Ok(builtin(path).map(|t| (t.to_string(), Origin::Builtin)))
}

/// The error of a file or folder of a templates directory that cannot be
/// read: its path and the system's reason.
pub(crate) fn read_failed(path: &Path, error: &std::io::Error) -> Error {
    Error::new(Diagnostic::coded(
        Severity::Error,
        Message::new(
            kind::READ_FAILED,
            [
                ("what", path.display().to_string().into()),
                ("reason", error.to_string().into()),
            ],
        ),
        None,
    ))
}

/// The files a Typst layout imports or includes (`#import "common.typ"`),
/// by path, in the order they appear.
pub fn typst_imports(source: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in source.lines() {
        let line = line.trim_start();
        let rest = line
            .strip_prefix("#import")
            .or_else(|| line.strip_prefix("#include"));
        let Some(rest) = rest else { continue };
        let mut parts = rest.split('"');
        if let (Some(_), Some(path)) = (parts.next(), parts.next())
            && path.ends_with(".typ")
            && !out.iter().any(|p| p == path)
        {
            out.push(path.trim_start_matches('/').to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_imports_of_a_layout() {
        let imports = typst_imports(builtin("form.typ").unwrap());
        assert_eq!(imports, ["common.typ"]);
        assert_eq!(
            typst_imports("#include \"/a.typ\"\n#import \"b.typ\": *"),
            ["a.typ", "b.typ"]
        );
    }
}
