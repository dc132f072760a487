//! No import cycle inside a folder of `src/` (issue 21): the modules of one
//! folder form a stack, each using only modules below it, so that each can
//! be read (and changed) knowing only what it stands on.
//!
//! For every folder, the graph has an edge from a module to a sibling when
//! its code (tests aside) names the sibling through `super::`, through
//! `crate::` and the folder's path, or in a `use super::{...}` group. The
//! folder's own `mod.rs` (or `foo.rs` beside `foo/`) is the parent, not a
//! sibling: a child may use what the parent defines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules of a folder: name and file.
fn modules(dir: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            let file = path.join("mod.rs");
            let beside = dir.join(format!("{name}.rs"));
            if file.exists() {
                out.insert(name, file);
            } else if beside.exists() {
                out.insert(name, beside);
            }
        } else if path.extension().is_some_and(|e| e == "rs") && name != "mod" {
            out.insert(name, path);
        }
    }
    out
}

/// The code of a file without its test module and its comments (a doc
/// link is not a use).
fn code(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names a file reaches in its parent: `super::x`, the names of
/// `use super::{x, y::z}` groups, and `crate::PATH::x`.
fn reached(code: &str, crate_path: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for prefix in ["super::".to_string(), format!("{crate_path}::")] {
        let mut rest = code;
        while let Some(at) = rest.find(&prefix) {
            let after = &rest[at + prefix.len()..];
            if let Some(group) = after.strip_prefix('{') {
                // The first name of each item of the group, at its top level.
                let mut depth = 0;
                let mut item = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.insert(ident(item.trim()));
                            item.clear();
                            continue;
                        }
                        _ => {}
                    }
                    if depth == 0 {
                        item.push(c);
                    }
                }
                out.insert(ident(item.trim()));
            } else {
                out.insert(ident(after));
            }
            rest = after;
        }
    }
    out
}

/// A cycle of the graph, if it has one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(2) => return None,
            Some(1) => {
                let from = path.iter().position(|n| n == node).unwrap_or(0);
                let mut c = path[from..].to_vec();
                c.push(node.to_string());
                return Some(c);
            }
            _ => {}
        }
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

/// The cycles of every folder under `dir`, as `folder: a -> b -> a`.
fn cycles(src: &Path, dir: &Path, out: &mut Vec<String>) {
    let relative = dir.strip_prefix(src).unwrap();
    let crate_path = std::iter::once("crate".to_string())
        .chain(
            relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string()),
        )
        .collect::<Vec<_>>()
        .join("::");
    let siblings = modules(dir);
    let graph: BTreeMap<String, BTreeSet<String>> = siblings
        .iter()
        .map(|(name, file)| {
            let edges = reached(&code(file), &crate_path)
                .into_iter()
                .filter(|n| n != name && siblings.contains_key(n))
                .collect();
            (name.clone(), edges)
        })
        .collect();
    if let Some(c) = cycle(&graph) {
        out.push(format!("src/{}: {}", relative.display(), c.join(" -> ")));
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            cycles(src, &path, out);
        }
    }
}

#[test]
fn no_folder_of_src_has_an_import_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    cycles(&src, &src, &mut found);
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let code_a = "use super::b::Thing;\nfn f() { super::c::g() }";
    let code_b = "use super::{a::{X, Y}, c};";
    assert_eq!(
        reached(code_a, "crate::x"),
        ["b", "c"].map(String::from).into()
    );
    assert_eq!(
        reached(code_b, "crate::x"),
        ["a", "c"].map(String::from).into()
    );
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    let mut graph = graph;
    graph.get_mut("c").unwrap().clear();
    assert_eq!(cycle(&graph), None);
}
