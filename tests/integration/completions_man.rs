//! `scheda completions SHELL` and `scheda man`: generated from the command
//! definitions, they name every command (and its options); bash reads the
//! bash script without a syntax error, groff (where installed) the pages.

use std::process::Command;

use crate::util::{p, scheda, scheda_in, stderr, stdout, tempdir};

/// Every command of scheda.
const COMMANDS: [&str; 9] = [
    "convert",
    "check",
    "template",
    "diff",
    "editions",
    "batch",
    "serve",
    "completions",
    "man",
];

#[test]
fn completions_name_every_command_in_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = scheda(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(!script.trim().is_empty(), "{shell}: an empty script");
        for command in COMMANDS {
            assert!(script.contains(command), "{shell}: no `{command}`");
        }
        // The options of a command, and a global one (fish names them
        // without dashes).
        for option in ["recompute", "edition", "lang"] {
            assert!(script.contains(option), "{shell}: no `{option}`");
        }
    }
    // The shell's name in any case; an unknown shell is a usage error.
    assert!(scheda(&["completions", "BASH"]).status.success());
    let out = scheda(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn bash_reads_the_bash_completions() {
    let dir = tempdir("completions-bash");
    let script = dir.join("scheda.bash");
    std::fs::write(&script, scheda(&["completions", "bash"]).stdout).unwrap();
    let checked = match Command::new("bash").arg("-n").arg(&script).output() {
        Ok(out) => out,
        Err(e) if cfg!(ci) => crate::util::missing_tool("bash", "bash", e),
        Err(e) => {
            eprintln!("bash cannot be run ({e}): the script's syntax is not checked");
            return;
        }
    };
    assert!(
        checked.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&checked.stderr)
    );
    // Sourced, it registers the completion of `scheda`.
    let registered = Command::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p scheda", p(&script)))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&registered.stdout).contains("scheda"),
        "{}",
        String::from_utf8_lossy(&registered.stderr)
    );
}

#[test]
fn the_man_page_names_every_command() {
    let out = scheda(&["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH scheda 1"), "{page}");
    for command in COMMANDS {
        assert!(
            page.contains(&format!("scheda\\-{command}")),
            "the page names no `{command}`"
        );
    }
    // Rendered by groff where it is installed (not a requirement).
    let dir = tempdir("man-stdout");
    let file = dir.join("scheda.1");
    std::fs::write(&file, &out.stdout).unwrap();
    if let Ok(rendered) = Command::new("groff")
        .args(["-man", "-Tutf8", "-P-c", "-P-b", "-P-u"])
        .arg(&file)
        .output()
    {
        assert!(rendered.status.success(), "{}", stderr(&rendered));
        let text = stdout(&rendered);
        assert!(
            text.contains("convert") && text.contains("--lang"),
            "{text}"
        );
    }
}

#[test]
fn man_writes_one_page_per_command_into_a_folder() {
    let dir = tempdir("man-pages").join("man1");
    let out = scheda_in("it_IT.UTF-8", &["man", "-o", p(&dir)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("scheda-{c}.1"))
        .chain(["scheda.1".to_string()])
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    let convert = std::fs::read_to_string(dir.join("scheda-convert.1")).unwrap();
    assert!(convert.contains(".TH scheda-convert 1"), "{convert}");
    assert!(convert.contains("\\-\\-recompute"), "{convert}");
    // Each page written is said, in the language of messages.
    let said = stderr(&out);
    assert_eq!(said.lines().count(), expected.len(), "{said}");
    assert!(said.lines().all(|l| l.starts_with("scritto ")), "{said}");
}
