//! The documentation holds together (issue 22): every relative link of
//! README.md, ARCHITECTURE.md, CHANGELOG.md and docs/*.md points to a file
//! that exists, and a `#anchor` to a heading of its target as GitHub names
//! it (or an `<a id>` there); the README stays short, and shows the test
//! command that CI (`.ci/run`) runs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::util::tempdir;

/// The repository.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The documents whose links are checked.
fn documents() -> Vec<PathBuf> {
    let root = root();
    let mut out: Vec<PathBuf> = ["README.md", "ARCHITECTURE.md", "CHANGELOG.md"]
        .iter()
        .map(|name| root.join(name))
        .collect();
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    out.extend(docs);
    out
}

/// The lines of a Markdown text outside fenced code blocks, with their
/// numbers (1-based).
fn prose(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        if marker.len() >= 3 && marker.chars().all(|c| c == marker.chars().next().unwrap()) {
            match &fence {
                None => fence = Some(marker),
                Some(open) if marker.starts_with(open.as_str()) => fence = None,
                Some(_) => {}
            }
            continue;
        }
        if fence.is_none() {
            out.push((i + 1, line.to_string()));
        }
    }
    out
}

/// A line without its inline code spans (a run of N backticks up to the
/// next run of exactly N); an unclosed run stays as it is.
fn without_code_spans(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let run = |at: usize| chars[at..].iter().take_while(|c| **c == '`').count();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let n = run(i);
        let mut j = i + n;
        let mut closed = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let m = run(j);
                if m == n {
                    closed = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => {
                out.push(' ');
                i = end;
            }
            None => {
                out.extend(&chars[i..i + n]);
                i += n;
            }
        }
    }
    out
}

/// The link targets of a line: `[text](target)`, `![alt](target)` and a
/// reference definition `[label]: target`.
fn links(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let mut depth = 0;
        let mut end = after.len();
        for (k, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = k;
                    break;
                }
                ')' => depth -= 1,
                _ => {}
            }
        }
        let inside = after[..end].trim();
        let target = match inside.strip_prefix('<') {
            Some(angled) => angled.split('>').next().unwrap_or(""),
            None => inside.split_whitespace().next().unwrap_or(""),
        };
        out.push(target.to_string());
        rest = &after[end.min(after.len())..];
    }
    let trimmed = line.trim_start();
    if trimmed.starts_with('[')
        && let Some(at) = trimmed.find("]: ")
    {
        let target = trimmed[at + 3..].split_whitespace().next().unwrap_or("");
        out.push(target.to_string());
    }
    out
}

/// Whether a link leaves the repository (a URL, an e-mail address).
fn external(target: &str) -> bool {
    target.contains("://") || target.starts_with("mailto:")
}

/// A text without its HTML tags.
fn without_tags(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// GitHub's anchor for a heading's text: tags and link targets dropped,
/// lower case, every character but letters, digits, `_`, `-` and spaces
/// dropped, each space a `-`.
fn slug(heading: &str) -> String {
    let mut text = without_tags(heading);
    // `[words](target)` shows its words.
    while let Some(at) = text.find("](") {
        let Some(open) = text[..at].rfind('[') else {
            break;
        };
        let close = text[at..].find(')').map_or(text.len(), |k| at + k + 1);
        text = format!("{}{}{}", &text[..open], &text[open + 1..at], &text[close..]);
    }
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-' || *c == ' ')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a Markdown text: each heading's slug (a repeated one
/// with `-1`, `-2`, ... as GitHub numbers them) and every `<a id="...">`
/// or `name="..."`.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, line) in prose(text) {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            let heading = line[hashes..].trim().trim_end_matches('#');
            let base = slug(heading);
            let mut name = base.clone();
            let mut n = 0;
            while out.contains(&name) {
                n += 1;
                name = format!("{base}-{n}");
            }
            out.insert(name);
        }
        for attr in ["id=\"", "name=\""] {
            let mut rest = line.as_str();
            while let Some(at) = rest.find(attr) {
                let after = &rest[at + attr.len()..];
                let end = after.find('"').unwrap_or(after.len());
                out.insert(after[..end].to_string());
                rest = &after[end..];
            }
        }
    }
    out
}

/// The broken relative links of one Markdown file, as `file:line: target:
/// why`, and how many relative links it has.
fn broken(doc: &Path) -> (Vec<String>, usize) {
    let text = std::fs::read_to_string(doc).unwrap();
    let dir = doc.parent().unwrap();
    let mut out = Vec::new();
    let mut count = 0;
    for (number, line) in prose(&text) {
        for target in links(&without_code_spans(&line)) {
            if target.is_empty() || external(&target) {
                continue;
            }
            count += 1;
            let (path, anchor) = match target.split_once('#') {
                Some((path, anchor)) => (path, Some(anchor)),
                None => (target.as_str(), None),
            };
            let file = if path.is_empty() {
                doc.to_path_buf()
            } else {
                dir.join(path.replace("%20", " "))
            };
            let place = format!("{}:{number}: {target}", doc.display());
            if !file.exists() {
                out.push(format!("{place}: no file {}", file.display()));
                continue;
            }
            let Some(anchor) = anchor else { continue };
            if file.extension().is_none_or(|e| e != "md") {
                out.push(format!(
                    "{place}: an anchor into a file that is not Markdown"
                ));
                continue;
            }
            let found = anchors(&std::fs::read_to_string(&file).unwrap());
            if !found.contains(anchor) {
                out.push(format!(
                    "{place}: no heading `{anchor}` in {}",
                    file.display()
                ));
            }
        }
    }
    (out, count)
}

#[test]
fn every_relative_link_of_the_documentation_holds() {
    let mut failures = Vec::new();
    let mut total = 0;
    for doc in documents() {
        let (bad, count) = broken(&doc);
        failures.extend(bad);
        total += count;
    }
    assert!(
        failures.is_empty(),
        "broken links:\n{}",
        failures.join("\n")
    );
    // The README, the guide and the reference link to each other at least
    // this much: a check that finds far fewer is not reading the links.
    assert!(total >= 50, "only {total} relative links found");
}

#[test]
fn the_readme_is_short_and_shows_the_test_command_ci_runs() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines <= 160, "README.md has {lines} lines, more than 160");

    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    let mut after_marker = ci
        .lines()
        .skip_while(|l| l.trim() != "# The README's test command:")
        .skip(1);
    let command = after_marker
        .next()
        .expect(".ci/run names the README's test command after its marker")
        .trim();
    assert!(command.starts_with("cargo test"), "{command}");
    let shown = prose_code_lines(&readme);
    assert!(
        shown.iter().any(|l| l == command),
        "README.md does not show `{command}` (the test command of .ci/run) in a code block"
    );
}

/// The lines of a Markdown text's fenced code blocks, trimmed.
fn prose_code_lines(text: &str) -> Vec<String> {
    let outside: BTreeSet<usize> = prose(text).into_iter().map(|(n, _)| n).collect();
    text.lines()
        .enumerate()
        .filter(|(i, _)| !outside.contains(&(i + 1)))
        .map(|(_, l)| l.trim().to_string())
        .collect()
}

#[test]
fn the_link_check_finds_a_missing_file_and_a_missing_heading() {
    let dir = tempdir("docs-links");
    std::fs::write(
        dir.join("b.md"),
        "# Il lotto: `scheda batch`\n\n## Quadro 1 – Autodiagnosi\n\n## Fonti <a id=\"fonti\"></a>\n\n# Il lotto: `scheda batch`\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("a.md"),
        "[ok](b.md#il-lotto-scheda-batch), [second](b.md#il-lotto-scheda-batch-1), \
         [dash](b.md#quadro-1--autodiagnosi), [id](b.md#fonti), [here](#a)\n\
         # A\n\
         [gone](c.md) and [no heading](b.md#lotto) and ![img](missing.png)\n\
         `[in code](c.md)`\n\
         ```\n[in a block](c.md)\n```\n\
         [web](https://example.org/x.md)\n",
    )
    .unwrap();
    let (bad, count) = broken(&dir.join("a.md"));
    assert_eq!(count, 8, "{bad:?}");
    assert_eq!(bad.len(), 3, "{bad:?}");
    assert!(bad[0].ends_with(&format!("no file {}", dir.join("c.md").display())));
    assert!(bad[1].contains("no heading `lotto`"), "{}", bad[1]);
    assert!(bad[2].contains("missing.png"), "{}", bad[2]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn headings_are_named_as_github_names_them() {
    assert_eq!(slug("The page: `scheda serve`"), "the-page-scheda-serve");
    assert_eq!(
        slug("1. Dal foglio di calcolo o dal PDF del portale"),
        "1-dal-foglio-di-calcolo-o-dal-pdf-del-portale"
    );
    assert_eq!(slug("Quadro 1 – Autodiagnosi"), "quadro-1--autodiagnosi");
    assert_eq!(
        slug("Una nuova edizione / A new edition"),
        "una-nuova-edizione--a-new-edition"
    );
    assert_eq!(slug("Perché `R0B`? [vedi](x.md)"), "perché-r0b-vedi");
}
