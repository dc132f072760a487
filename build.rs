//! Two jobs, both at build time:
//!
//! 1. Lists every file under `templates/` (edition descriptions, sentence
//!    catalogues, Typst layouts) for `src/form/files.rs` to compile in, so
//!    that the code names no edition: a new built-in edition is its files.
//! 2. Tells the test suite which external tools it can use.
//!
//! A few integration tests drive programs that are not part of Rust:
//! LibreOffice's `soffice`, poppler's `pdftotext`, and Chromium through its
//! `chromedriver` (with Python's selenium). This script looks for each on
//! `PATH` and sets a cfg for the ones it finds (`has_soffice`,
//! `has_pdftotext`, `has_chromedriver`); it also sets `ci` when the environment variable `CI` is
//! `true` or `1`. A test that needs a tool is marked
//! `#[cfg_attr(all(not(has_TOOL), not(ci)), ignore = "...")]`, so where the
//! tool is missing `cargo test` lists it as ignored with the reason, and under
//! CI it runs and fails, saying which tool is missing. The library and the
//! binary do not use these cfgs.
//!
//! The check reruns when `PATH` or `CI` change, when a tool that was found is
//! removed or replaced (its file is watched), and when a tool that was missing
//! may have been installed: then every absolute directory on `PATH` that
//! exists is watched (a directory's modification time changes when an entry
//! is added). When every tool is found, only their files are watched. Either
//! way a `cargo test` with nothing changed rebuilds nothing.

use std::env;
use std::path::{Path, PathBuf};

/// The tools: the cfg set when found, and the command the tests run.
const TOOLS: [(&str, &str); 3] = [
    ("has_soffice", "soffice"),
    ("has_pdftotext", "pdftotext"),
    ("has_chromedriver", "chromedriver"),
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    builtin_templates();
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rustc-check-cfg=cfg(ci)");
    if env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1") {
        println!("cargo::rustc-cfg=ci");
    }

    let dirs: Vec<PathBuf> = env::var_os("PATH")
        .map(|p| env::split_paths(&p).collect())
        .unwrap_or_default();
    let mut missing = false;
    for (cfg, command) in TOOLS {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        let file = format!("{command}{}", env::consts::EXE_SUFFIX);
        match dirs.iter().map(|d| d.join(&file)).find(|p| executable(p)) {
            Some(path) => {
                println!("cargo::rustc-cfg={cfg}");
                println!("cargo::rerun-if-changed={}", path.display());
            }
            None => missing = true,
        }
    }
    if missing {
        // Only existing absolute directories (cargo reruns the script every
        // time for a path that does not exist, and would read a relative
        // one from the package directory), each once however PATH spells it
        // (`/bin` is often `/usr/bin`).
        let mut seen = Vec::new();
        for dir in dirs.iter().filter(|d| d.is_absolute() && d.is_dir()) {
            let real = dir.canonicalize().unwrap_or_else(|_| dir.clone());
            if !seen.contains(&real) {
                println!("cargo::rerun-if-changed={}", dir.display());
                seen.push(real);
            }
        }
    }
}

/// Whether `path` is a file this user may run (on Unix, with an execute bit).
fn executable(path: &Path) -> bool {
    let Ok(meta) = path.metadata() else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Write `$OUT_DIR/builtin_templates.rs`: every file under `templates/`, by
/// its path there, as `(path, include_str!(absolute path))`, sorted.
fn builtin_templates() {
    println!("cargo::rerun-if-changed=templates");
    let root =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join("templates");
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(rel) = path.strip_prefix(&root) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                files.push((rel, path.display().to_string()));
            }
        }
    }
    files.sort();
    let mut out = format!(
        "/// The built-in files, by path under `templates/` (made by build.rs).\n\
         pub const BUILTIN: [(&str, &str); {}] = [\n",
        files.len()
    );
    // Included from the crate being compiled (`CARGO_MANIFEST_DIR` as the
    // library sees it), not by this script's absolute path: two checkouts
    // that share a target folder then each compile in their own files.
    for (rel, _) in &files {
        out.push_str(&format!(
            "    ({rel:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/templates/{rel}\"))),\n"
        ));
    }
    out.push_str("];\n");
    let dest =
        PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("builtin_templates.rs");
    if std::fs::read_to_string(&dest).ok().as_deref() != Some(out.as_str()) {
        std::fs::write(&dest, out).expect("OUT_DIR is writable");
    }
}
