//! The command line's help in the language of messages: Italian under an
//! Italian locale or `--lang it` (the commands, the options, clap's own
//! words, the man pages and the completions), English as the doc comments
//! write it otherwise.

use std::process::{Command, Output};

use crate::util::{scheda, scheda_in, stderr, stdout};

const IT: &str = "it_IT.UTF-8";

/// English of the doc comments and of clap that the Italian help must not
/// show.
const ENGLISH: [&str; 16] = [
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "[OPTIONS]",
    "<COMMAND>",
    "[default:",
    "possible values",
    "Possible values",
    "Print help",
    "when the extension does not tell",
    "Turn every warning into a failure",
    "The language of messages",
    "Convert forms between",
    "Worker threads",
    "Exit codes",
];

/// The Italian help has none of [`ENGLISH`], and clap's words in Italian.
fn assert_italian(what: &str, help: &str) {
    for english in ENGLISH {
        assert!(!help.contains(english), "{what}: `{english}` in\n{help}");
    }
    for italian in ["Uso: scheda", "Opzioni:", "Mostra l'aiuto"] {
        assert!(help.contains(italian), "{what}: no `{italian}` in\n{help}");
    }
}

/// `scheda ARGS` with only `LANG` set (no LC_ALL, no LC_MESSAGES).
fn scheda_with_lang(lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scheda"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .expect("the scheda binary runs")
}

#[test]
fn help_is_italian_under_an_italian_locale() {
    let out = scheda_with_lang(IT, &["--help"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let help = stdout(&out);
    assert_italian("scheda --help", &help);
    for text in [
        "Uso: scheda [OPZIONI] <COMANDO>",
        "Comandi:",
        "  convert      Converte le schede tra testo estratto, JSON, JSON Lines, PDF e XLSX",
        "  help         Mostra questo aiuto, o l'aiuto dei comandi indicati",
        "--lang <LINGUA>",
        "[valori possibili: it, en]",
        "  -V, --version        Mostra la versione",
        "Codici di uscita: 0 tutto a posto;",
    ] {
        assert!(help.contains(text), "no `{text}` in\n{help}");
    }

    let help = stdout(&scheda_in(IT, &["convert", "--help"]));
    assert_italian("convert --help", &help);
    for text in [
        "Uso: scheda convert [OPZIONI] --output <FILE> <FILE>...",
        "Il formato da scrivere, quando l'estensione non lo dice",
        "Valori possibili:\n",
        "- txt:   testo estratto (pdftotext, una copia della pagina del portale)",
        "- pdftotext: il testo del PDF del portale, estratto con pdftotext",
        "--recompute\n          Sostituisce i valori calcolati stampati con quelli calcolati",
        "[valori possibili: SOC25, SOC26]",
        "[alias: --edizione]",
        "Mostra l'aiuto (in breve con '-h')",
    ] {
        assert!(help.contains(text), "no `{text}` in\n{help}");
    }
    // The positional arguments under their heading, before the options.
    let (arguments, options) = (help.find("Argomenti:\n"), help.find("Opzioni:\n"));
    assert!(arguments.is_some() && arguments < options, "{help}");

    let help = stdout(&scheda_in(IT, &["help", "batch"]));
    assert_italian("help batch", &help);
    for text in [
        "Uso: scheda batch [OPZIONI] --output <CARTELLA> <FILE>...",
        "--to <FORMATO,...>",
        "[predefinito: pdf]",
        "Resoconto (CARTELLA/report.csv, o --report FILE; .json per il JSON)",
        "file; riga; esito (fatto, mantenuto, non riuscito, saltato); Comune;",
    ] {
        assert!(help.contains(text), "no `{text}` in\n{help}");
    }

    let help = stdout(&scheda_in(IT, &["serve", "-h"]));
    assert_italian("serve -h", &help);
    for text in [
        "--bind <INDIRIZZO:PORTA>",
        "[predefinito: 127.0.0.1:8080]",
        "Quanti secondi al massimo può durare una richiesta [predefinito: 60]",
        "Mostra l'aiuto (più dettagli con '--help')",
    ] {
        assert!(help.contains(text), "no `{text}` in\n{help}");
    }

    // `--lang it` under any locale; and `scheda` alone prints the help
    // (on standard error, exit code 2).
    let help = stdout(&scheda(&["--lang", "it", "check", "--help"]));
    assert_italian("--lang it check --help", &help);
    assert!(help.contains("Con --json, lo standard output"), "{help}");
    let out = scheda_in(IT, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_italian("scheda", &stderr(&out));
}

/// English stays the doc comments' and clap's, whatever the locale when
/// `--lang en` is given.
#[test]
fn help_is_english_under_another_locale_or_lang_en() {
    let c = stdout(&scheda_with_lang("C", &["convert", "--help"]));
    let en = stdout(&scheda_in(IT, &["--lang", "en", "convert", "--help"]));
    assert_eq!(c, en);
    for text in [
        "Usage: scheda convert [OPTIONS] --output <OUTPUT> <INPUTS>...",
        "      --to <FORMAT>\n          Output format, when the extension does not tell\n\n          Possible values:\n          - txt:   extracted text (pdftotext, a copy of the portal page)\n",
        "          [alias: --edizione]\n          [possible values: SOC25, SOC26]\n",
        "  -h, --help\n          Print help (see a summary with '-h')\n",
    ] {
        assert!(c.contains(text), "no `{text}` in\n{c}");
    }
    let c = stdout(&scheda(&["batch", "-h"]));
    assert!(
        c.contains("The formats to write, separated by commas: one file per form and format [default: pdf] [possible values: txt, json, jsonl, pdf, xlsx]"),
        "{c}"
    );
    assert!(!c.contains("Uso:") && !c.contains("Opzioni"), "{c}");
}

/// The man pages and the completions are made from the same texts.
#[test]
fn man_pages_and_completions_are_italian_under_an_italian_locale() {
    let page = stdout(&scheda_in(IT, &["man"]));
    assert!(
        page.contains(
            ".SH NAME\nscheda \\- Converte, controlla e rigenera la Scheda di monitoraggio"
        ),
        "{page}"
    );
    assert!(page.contains(".SH COMANDI\n"), "{page}");
    assert!(page.contains("[valori possibili: it, en]"), "{page}");
    assert!(
        !page.contains("Print help") && !page.contains("[default"),
        "{page}"
    );
    let english = stdout(&scheda(&["man"]));
    assert!(
        english.contains(".SH NAME\nscheda \\- Convert, check and regenerate"),
        "{english}"
    );

    let fish = stdout(&scheda_in(IT, &["completions", "fish"]));
    for text in [
        "-l recompute -d 'Sostituisce i valori calcolati stampati con quelli calcolati",
        "-f -a \"convert\" -d 'Converte le schede tra testo estratto, JSON, JSON Lines, PDF e XLSX'",
        "txt\\t'testo estratto (pdftotext, una copia della pagina del portale)'",
        // The Italian alias is still offered.
        "-l edition -l edizione -d 'L\\'edizione delle schede",
    ] {
        assert!(fish.contains(text), "no `{text}` in\n{fish}");
    }
    // Descriptions alone: what `--help` appends is not in them.
    assert!(
        !fish.contains("[valori possibili") && !fish.contains("Print help"),
        "{fish}"
    );
    let english = stdout(&scheda(&["completions", "fish"]));
    assert!(
        english.contains("-l recompute -d 'Replace the derived values with the computed ones"),
        "{english}"
    );
}
