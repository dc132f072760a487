//! What LibreOffice does to scheda's workbooks: recalculation, edits, the
//! template, protection and validation as it sees them, and a workbook of
//! an edition with rules of its own (`rules_data`). The tests that run
//! LibreOffice's `soffice` are ignored, with the reason, where `build.rs`
//! did not find it; under `CI=true` they run and fail without it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use scheda::model::{Edizione, Scheda};
use scheda::readers;
use scheda::writers::xlsx as writer;
use scheda::{Format, rules};

use crate::util::{SEEDS, blank, dec, dec_of, int_of, missing_tool, read_fixture, set};
use crate::xlsx::models::{hand_built, seed_002};
use crate::xlsx::{open, read_one};

/// Open each workbook in LibreOffice, recalculate every formula and save it
/// again as XLSX (`soffice --convert-to xlsx`). LibreOffice trusts the cached
/// results of a file that says Excel wrote it, so the run uses its own
/// profile with "recalculation on file load: always". `tag` names the
/// profile and the folders of the run: each caller has its own, so that
/// runs of different callers go at once. Panics, naming the package to
/// install, when `soffice` cannot be run.
fn through_libreoffice(tag: &str, files: &[(&str, Vec<u8>)]) -> Vec<Vec<u8>> {
    through_libreoffice_as(tag, files, "xlsx")
}

/// Like [`through_libreoffice`], saving in LibreOffice's format `ext`.
fn through_libreoffice_as(tag: &str, files: &[(&str, Vec<u8>)], ext: &str) -> Vec<Vec<u8>> {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("libreoffice")
        .join(tag);
    let profile = base.join("profile");
    let user = profile.join("user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    let (input, output) = (base.join("in"), base.join("out"));
    for dir in [&input, &output] {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).unwrap();
    }
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, bytes)| {
            let path = input.join(format!("{name}.xlsx"));
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", ext, "--outdir"])
        .arg(&output)
        .args(&paths)
        .output()
        .unwrap_or_else(|e| missing_tool("LibreOffice's soffice", "libreoffice-calc-nogui", e));
    assert!(status.status.success(), "soffice failed: {status:?}");
    files
        .iter()
        .map(|(name, _)| {
            let path: &Path = &output.join(format!("{name}.{ext}"));
            std::fs::read(path).unwrap_or_else(|e| {
                panic!(
                    "LibreOffice did not write {} ({e}): {}",
                    path.display(),
                    String::from_utf8_lossy(&status.stderr)
                )
            })
        })
        .collect()
}

/// What LibreOffice made of this module's workbooks: each recalculated and
/// saved as XLSX, under its name, and the SOC25 template saved as flat ODF
/// XML. Starting `soffice` is most of the time of a run, so the first test
/// that asks has every test's workbooks converted in one run, beside the
/// one to flat ODF (a profile each).
struct Saved {
    xlsx: BTreeMap<String, Vec<u8>>,
    fods: Vec<u8>,
}

fn saved() -> &'static Saved {
    static SAVED: OnceLock<Saved> = OnceLock::new();
    SAVED.get_or_init(|| {
        let files: Vec<(String, Vec<u8>)> = [
            hand_built_workbooks(),
            seed_workbooks(),
            vec![("edited".to_string(), edited_workbook())],
            template_workbooks(),
            vec![("rounding".to_string(), rounding_workbook())],
            vec![("soc27".to_string(), crate::rules_data::soc27_old_workbook())],
        ]
        .concat();
        let named: Vec<(&str, Vec<u8>)> = files
            .iter()
            .map(|(name, bytes)| (name.as_str(), bytes.clone()))
            .collect();
        let template = writer::template(Edizione::builtin("SOC25")).unwrap();
        let (xlsx, mut fods) = std::thread::scope(|scope| {
            let fods =
                scope.spawn(|| through_libreoffice_as("fods", &[("protection", template)], "fods"));
            let xlsx = through_libreoffice("recalculated", &named);
            (
                xlsx,
                fods.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            )
        });
        Saved {
            xlsx: files.into_iter().map(|(name, _)| name).zip(xlsx).collect(),
            fods: fods.remove(0),
        }
    })
}

/// The workbook `name` of [`saved`], as LibreOffice recalculated it.
pub(crate) fn recalculated(name: &str) -> Vec<u8> {
    saved()
        .xlsx
        .get(name)
        .unwrap_or_else(|| panic!("no workbook {name} was given to LibreOffice"))
        .clone()
}

#[test]
#[cfg_attr(
    all(not(has_soffice), not(ci)),
    ignore = "needs LibreOffice's soffice, not found on PATH when built: apt-get install libreoffice-calc-nogui"
)]
fn libreoffice_recalculates_to_the_same_values() {
    // Models whose derived values agree with the rules come back unchanged
    // after LibreOffice recomputed every formula; seed 004's printed values
    // become the computed ones (R04 33,63 where it printed 33,629149).
    for (i, (name, s)) in hand_built().iter().enumerate() {
        let back = read_one(&recalculated(&format!("m{i}")));
        let mut expected = s.clone();
        if *name == "sondrio (seed 004)" {
            let changes = rules::recompute(&mut expected);
            assert!(!changes.is_empty());
            assert_eq!(dec_of(&back, "R04", ""), Some(dec("33.63")));
            assert_eq!(dec_of(&back, "M12", "media_ore"), Some(dec("72.05")));
            // R09, blank in the model, stays blank: nothing it depends on
            // changed (the sheet showed the computed 0,00 all along).
            blank(&mut expected, "R09", "");
        }
        assert_eq!(back, expected, "{name}");
    }
}

#[test]
#[cfg_attr(
    all(not(has_soffice), not(ci)),
    ignore = "needs LibreOffice's soffice, not found on PATH when built: apt-get install libreoffice-calc-nogui"
)]
fn libreoffice_keeps_the_seeds() {
    for seed in SEEDS {
        let s = seed_model(seed);
        let back = read_one(&recalculated(seed));
        let mut expected = s.clone();
        if seed.starts_with("004") {
            rules::recompute(&mut expected);
            assert_eq!(dec_of(&back, "R04", ""), Some(dec("33.63")));
            // R09, which this rendering leaves out, stays blank: nothing it
            // depends on changed.
            set(&mut expected, "R09", "", dec_of(&s, "R09", ""));
        }
        assert_eq!(back, expected, "{seed}");
    }
}

#[test]
#[cfg_attr(
    all(not(has_soffice), not(ci)),
    ignore = "needs LibreOffice's soffice, not found on PATH when built: apt-get install libreoffice-calc-nogui"
)]
fn an_edited_count_updates_the_totals_in_libreoffice() {
    // The clerk raises M12's users by 10 in the sheet: the workbook still
    // caches the old R0B and R04 until a spreadsheet recalculates them.
    let before = seed_002();
    let edited = edited_model();
    assert_eq!(
        int_of(&edited, "R0B", "utenti"),
        Some(28),
        "old total still stored"
    );
    let stale = read_one(&edited_workbook());
    assert_eq!(int_of(&stale, "R0B", "utenti"), Some(28));
    assert_eq!(dec_of(&stale, "R04", ""), Some(dec("2.50")));
    let after = read_one(&recalculated("edited"));
    assert_eq!(int_of(&after, "R0B", "utenti"), Some(38));
    // 38 / 1120 x 100 = 3,3928... -> 3,39.
    assert_eq!(dec_of(&after, "R04", ""), Some(dec("3.39")));
    // The mean of the row follows the new count: 845 / 23 = 36,739 -> 36,74.
    assert_eq!(dec_of(&after, "M12", "media_ore"), Some(dec("36.74")));
    assert_eq!(
        int_of(&after, "R0B", "utenti_2019"),
        int_of(&before, "R0B", "utenti_2019")
    );
}

#[test]
#[cfg_attr(
    all(not(has_soffice), not(ci)),
    ignore = "needs LibreOffice's soffice, not found on PATH when built: apt-get install libreoffice-calc-nogui"
)]
fn the_template_opens_in_libreoffice() {
    for ed in crate::util::builtin_editions() {
        let saved = recalculated(ed.code());
        assert_eq!(read_one(&saved), Scheda::empty(ed), "{ed}");
    }
}

#[test]
#[cfg_attr(
    all(not(has_soffice), not(ci)),
    ignore = "needs LibreOffice's soffice, not found on PATH when built: apt-get install libreoffice-calc-nogui"
)]
fn libreoffice_sees_protection_validation_and_print_setup() {
    // Opened in LibreOffice and saved as flat ODF XML, the template keeps
    // what makes it safe to edit: sheet protection without a password,
    // unlocked inputs, Italian validation messages, SI/NO lists, A4 fitted
    // to the width, grouped number formats and the fixed creation date.
    let xml = String::from_utf8(saved().fods.clone()).unwrap();
    assert!(xml.contains(r#"table:protected="true""#), "protected sheet");
    assert!(!xml.contains("table:protection-key="), "without a password");
    assert!(
        xml.contains(r#"style:cell-protect="none""#),
        "unlocked inputs"
    );
    for message in [
        "Inserire un numero intero non negativo",
        "al massimo due decimali",
        "Scegliere SI o NO",
        "Testo libero, al massimo 6.000 caratteri.",
        "Il valore deve essere un numero intero maggiore o uguale a zero.",
    ] {
        assert!(xml.contains(message), "validation message {message:?}");
    }
    assert!(
        xml.contains(r#"&quot;SI&quot;;&quot;NO&quot;"#),
        "SI/NO list"
    );
    let a4 = ["8.2681in", "21.001cm", "210mm"];
    assert!(
        a4.iter()
            .any(|w| xml.contains(&format!(r#"fo:page-width="{w}""#))),
        "A4"
    );
    assert!(
        xml.contains(r#"style:scale-to-X="1""#),
        "fitted to one page wide"
    );
    assert!(
        xml.contains(r#"number:grouping="true""#),
        "grouped thousands"
    );
    assert!(
        xml.contains("<meta:creation-date>2025-01-01T00:00:00"),
        "fixed date"
    );
}

/// A form whose M15 mean is 7390 / 16 = 461,875: 461,88 rounded half up,
/// 461,87 rounded half to even. The mean is blank.
fn m15_half_way() -> Scheda {
    let mut s = Scheda::empty(Edizione::builtin("SOC25"));
    set(&mut s, "M15", "utenti", 16);
    set(&mut s, "M15", "ore", 7390);
    s
}

#[test]
fn rounding_is_half_up_in_the_sheet_as_in_the_rules() {
    // 7390 / 16 = 461,875 -> 461,88 (not 461,87 as half-to-even would give).
    let s = m15_half_way();
    // Blank in the model: the cell caches the computed value, and the form
    // reads back blank as it was.
    let bytes = writer::write(&s).unwrap();
    assert_eq!(
        open(&bytes, "Scheda").value("M15", 5),
        calamine::Data::Float(461.88)
    );
    assert_eq!(read_one(&bytes), s);
}

#[test]
#[cfg_attr(
    all(not(has_soffice), not(ci)),
    ignore = "needs LibreOffice's soffice, not found on PATH when built: apt-get install libreoffice-calc-nogui"
)]
fn rounding_is_half_up_in_libreoffice_as_in_the_rules() {
    // A wrong printed value is what LibreOffice replaces with its own.
    assert_eq!(
        dec_of(&read_one(&recalculated("rounding")), "M15", "media_ore"),
        Some(dec("461.88"))
    );
}

// The workbooks the tests above give LibreOffice, made where
// [`recalculated`] can make them all at once.

/// The hand-built models' workbooks, `m0` to `m5`.
fn hand_built_workbooks() -> Vec<(String, Vec<u8>)> {
    hand_built()
        .iter()
        .enumerate()
        .map(|(i, (_, s))| (format!("m{i}"), writer::write(s).unwrap()))
        .collect()
}

/// A seed read from its text.
fn seed_model(seed: &str) -> Scheda {
    let text = read_fixture(&format!("{seed}.txt"));
    readers::read(&text, Format::Text).unwrap().value.remove(0)
}

/// Each seed's workbook, under the seed's name.
fn seed_workbooks() -> Vec<(String, Vec<u8>)> {
    SEEDS
        .iter()
        .map(|seed| (seed.to_string(), writer::write(&seed_model(seed)).unwrap()))
        .collect()
}

/// Seed 002 with M12's users raised by 10, R0B and R04 left as they were.
fn edited_model() -> Scheda {
    let mut edited = seed_002();
    set(&mut edited, "M12", "utenti", Some(23));
    edited
}

fn edited_workbook() -> Vec<u8> {
    writer::write(&edited_model()).unwrap()
}

/// Each built-in edition's blank template, under the edition's code.
fn template_workbooks() -> Vec<(String, Vec<u8>)> {
    crate::util::builtin_editions()
        .iter()
        .map(|ed| (ed.code().to_string(), writer::template(*ed).unwrap()))
        .collect()
}

/// [`m15_half_way`] with its mean printed 461,87 (rounded half to even).
fn rounding_workbook() -> Vec<u8> {
    let mut s = m15_half_way();
    set(&mut s, "M15", "media_ore", Some(dec("461.87")));
    writer::write(&s).unwrap()
}
