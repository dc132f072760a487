//! Forms built by hand for the tests: the seeds' values, free text that
//! looks like formulas and markup, blanks everywhere.

use scheda::model::{DataOra, Edizione, Scheda};
use scheda::readers;

use crate::util::{dec, set, set_relazione, user_rows};

/// The MODEL.md example (seed 002, SOC25, case C, Quadro 3 compiled).
const SEED_002: &str = r#"{
  "schema_version": 1, "edizione": "SOC25", "anno": 2024,
  "ente": { "denominazione": null, "provincia": null, "codice": null, "data": null },
  "quadro1": {
    "M12": { "utenti_2019": 15, "utenti": 13, "ore": 845, "media_ore": 65.00 },
    "M15": { "utenti_2019": 1, "utenti": 5, "ore": 275, "media_ore": 55.00 },
    "M18": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M21": { "utenti_2019": 2, "utenti": 4, "ore": 240, "media_ore": 60.00 },
    "M24": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M27": { "utenti_2019": 2, "utenti": 4, "ore": 160, "media_ore": 40.00 },
    "M30": { "utenti_2019": 0, "utenti": 0 },
    "M35": { "utenti_2019": 1, "utenti": 1 }, "M36": { "utenti_2019": 0, "utenti": 0 },
    "M37": { "utenti_2019": 0, "utenti": 0 }, "M38": { "utenti_2019": 0, "utenti": 0 },
    "M39": { "utenti_2019": 0, "utenti": 0 }, "M40": { "utenti_2019": 0, "utenti": 1 },
    "M41": { "utenti_2019": 0, "utenti": 0 },
    "M44": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M47": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M50": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M53": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M56": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M59": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "R0A": { "utenti_2019": 0, "utenti": 0 }, "R0B": { "utenti_2019": 21, "utenti": 28 },
    "R0C": "TORTONA",
    "R0D": "CONSORZIO INTERCOMUNALE SOCIO-ASSISTENZIALE CISA TORTONA",
    "R0E": 4718,
    "R01": { "anno_2020": 0.00, "anno": 0.00 }, "R01A": 0.00, "R01B": 0,
    "R02": { "anno_2020": 0.00, "anno": 0.00 },
    "R03": 1120, "R04": 2.50, "R05": 4.49
  },
  "quadro2": { "R06": 53895.69, "R07": { "anno_2017": 34786.95, "anno_2021": 51475.22 }, "R08": 4391.81 },
  "quadro3": {
    "R09": 2420.47,
    "R10": { "numero": 0.00, "modalita": null, "spesa": 0.00 },
    "R11": { "numero": 0.00, "modalita": null, "spesa": 0.00 },
    "R12": { "descrizione": null, "spesa": 0.00 },
    "R13": 0.00, "R14": 3396.00, "R15": 3396.00
  },
  "quadro4": {
    "risposte": { "R34": false, "R35": false, "R36": false, "R37": false, "R38": false, "R39": true },
    "relazione": "Il trasferimento statale è stato utilizzato per coprire ..."
  }
}"#;

pub(crate) fn seed_002() -> Scheda {
    readers::json::read(SEED_002.as_bytes()).unwrap().value
}

/// Every user row filled from `rows` (code, 2019, Y, hours, printed mean).
fn fill_users(s: &mut Scheda, rows: &[(&str, u64, u64, u64, &str)]) {
    for (code, hours) in user_rows(s.edizione) {
        let (u19, u, ore, media) = rows
            .iter()
            .find(|r| r.0 == code)
            .map_or((0, 0, 0, "0.00"), |r| (r.1, r.2, r.3, r.4));
        set(s, &code, "utenti_2019", u19);
        set(s, &code, "utenti", u);
        if hours {
            set(s, &code, "ore", ore);
            set(s, &code, "media_ore", dec(media));
        }
    }
}

/// Seed 004 as printed (SONDRIO, SOC25): integer means, euro amounts with
/// thousands, R04 with six decimals, no Quadro 3, answers of section 1.
pub(super) fn sondrio() -> Scheda {
    let mut s = Scheda::empty(Edizione::builtin("SOC25"));
    s.ente.denominazione = Some("SONDRIO".into());
    s.ente.provincia = Some("SO".into());
    fill_users(
        &mut s,
        &[
            ("M12", 327, 1131, 81489, "72"),
            ("M15", 183, 313, 48797, "156"),
            ("M18", 100, 120, 2880, "24"),
            ("M21", 332, 526, 28119, "53"),
            ("M24", 62, 166, 1138, "7"),
            ("M27", 43, 282, 17643, "63"),
            ("M30", 3660, 3488, 0, ""),
            ("M35", 77, 103, 0, ""),
            ("M36", 28, 59, 0, ""),
            ("M38", 18, 26, 0, ""),
            ("M40", 188, 676, 0, ""),
            ("M44", 400, 240, 2475, "10"),
            ("M47", 0, 0, 0, "0"),
            ("M50", 0, 0, 0, "0"),
            ("M53", 0, 0, 0, "0"),
            ("M56", 0, 0, 0, "0"),
            ("M59", 937, 32, 2304, "72"),
        ],
    );
    set(&mut s, "R0B", "utenti_2019", Some(6355));
    set(&mut s, "R0B", "utenti", Some(7162));
    set(&mut s, "R0C", "", Some("SONDRIO"));
    set(&mut s, "R0D", "", Some("SONDRIO"));
    set(&mut s, "R0E", "", Some(3483));
    set(&mut s, "R01", "anno_2020", Some(dec("7")));
    set(&mut s, "R01", "anno", Some(dec("16")));
    set(&mut s, "R01A", "", Some(dec("0")));
    set(&mut s, "R01B", "", Some(1331));
    set(&mut s, "R02", "anno_2020", Some(dec("2")));
    set(&mut s, "R02", "anno", Some(dec("3")));
    set(&mut s, "R03", "", Some(21297));
    set(&mut s, "R04", "", Some(dec("33.629149")));
    set(&mut s, "R05", "", Some(dec("8.69")));
    set(&mut s, "R06", "", Some(dec("1984440.83")));
    set(&mut s, "R07", "anno_2017", Some(dec("1831062.70")));
    set(&mut s, "R07", "anno_2021", Some(dec("3827129.97")));
    set(&mut s, "R08", "", Some(dec("140850.26")));
    for (n, v) in [
        (16, true),
        (17, true),
        (18, true),
        (19, false),
        (20, true),
        (21, true),
        (22, false),
    ] {
        s.set_risposta(&format!("R{n}"), Some(v));
    }
    s
}

/// Seed 003 (CUMIGNANO SUL NAVIGLIO, SOC26): header block, R02X/R02Y/R02A,
/// R09 blank, free text in R16.
pub(super) fn cumignano() -> Scheda {
    let mut s = Scheda::empty(Edizione::builtin("SOC26"));
    s.ente.denominazione = Some("CUMIGNANO SUL NAVIGLIO".into());
    s.ente.codice = Some("CR039SIF11WQ".into());
    s.ente.data = DataOra::new(2026, 3, 20, 10, 30);
    fill_users(
        &mut s,
        &[
            ("M12", 2, 0, 0, "0.00"),
            ("M15", 1, 0, 0, "0.00"),
            ("M21", 4, 1, 0, "0.00"),
            ("M27", 1, 0, 0, "0.00"),
            ("M30", 9, 9, 0, ""),
            ("M35", 2, 3, 0, ""),
            ("M36", 0, 1, 0, ""),
        ],
    );
    set(&mut s, "R0B", "utenti_2019", Some(19));
    set(&mut s, "R0B", "utenti", Some(14));
    set(&mut s, "R0C", "", Some("CREMA"));
    set(&mut s, "R0D", "", Some("COMUNE DI CREMA"));
    set(&mut s, "R0E", "", Some(2569));
    set(&mut s, "R01", "anno_2020", Some(dec("1.00")));
    set(&mut s, "R01", "anno", Some(dec("1.00")));
    set(&mut s, "R01A", "", Some(dec("0.00")));
    set(&mut s, "R01B", "", Some(399));
    set(&mut s, "R02", "anno_2020", Some(dec("0.00")));
    set(&mut s, "R02", "anno", Some(dec("0.00")));
    set(&mut s, "R02X", "", Some(dec("0.00")));
    set(&mut s, "R02Y", "", Some(dec("0.00")));
    set(&mut s, "R02A", "", Some(dec("0.00")));
    set(&mut s, "R03", "", Some(399));
    set(&mut s, "R04", "", Some(dec("3.51")));
    set(&mut s, "R05", "", Some(dec("5.08")));
    set(&mut s, "R06", "", Some(dec("21733.32")));
    set(&mut s, "R07", "anno_2017", Some(dec("15721.61")));
    set(&mut s, "R07", "anno_2021", Some(dec("29562.20")));
    set(&mut s, "R08", "", Some(dec("721.05")));
    set(&mut s, "R10", "numero", Some(dec("0.00")));
    set(&mut s, "R10", "spesa", Some(dec("0.00")));
    set(&mut s, "R11", "numero", Some(dec("0.00")));
    set(&mut s, "R11", "spesa", Some(dec("0.00")));
    set(&mut s, "R12", "spesa", Some(dec("0.00")));
    set(&mut s, "R13", "", Some(dec("0.00")));
    set(&mut s, "R14", "", Some(dec("0.00")));
    set(&mut s, "R15", "", Some(dec("0.00")));
    s
}

/// Text that looks like formulas and markup, with newlines and spaces.
const TRICKY: &str =
    "=SUM(A1)\n+39 02 1234\n'citazione'\n#set page(\"a4\")\n  spazi  \n€ 1.000,00 — l’utenza";

/// A SOC25 form with free text everywhere, answers of two sections, staff
/// with decimals and a partly blank Quadro 1 (whose totals stay blank).
pub(super) fn texts_and_blanks() -> Scheda {
    let mut s = Scheda::empty(Edizione::builtin("SOC25"));
    s.ente.denominazione = Some("=1+1".into());
    s.ente.codice = Some("019114".into());
    s.ente.data = DataOra::new(2025, 3, 25, 11, 18);
    set(&mut s, "M12", "utenti_2019", 16);
    set(&mut s, "M12", "utenti", 16);
    set(&mut s, "M12", "ore", 7390);
    set(&mut s, "M12", "media_ore", dec("461.88"));
    set(&mut s, "M15", "utenti", Some(0));
    set(&mut s, "M15", "ore", Some(12));
    set(&mut s, "M15", "media_ore", Some(dec("0.00")));
    set(&mut s, "M30", "utenti_2019", Some(0));
    set(&mut s, "R0C", "", Some(TRICKY));
    set(&mut s, "R01", "anno", Some(dec("1.5")));
    set(&mut s, "R01A", "", Some(dec("0.25")));
    set(&mut s, "R01B", "", Some(1000));
    set(&mut s, "R03", "", Some(1750));
    set(&mut s, "R05", "", Some(dec("4.49")));
    set(
        &mut s,
        "R10",
        "modalita",
        Some("Costo medio\ndi un assistente"),
    );
    set(&mut s, "R11", "spesa", Some(dec("0.10")));
    set(&mut s, "R12", "descrizione", Some(TRICKY));
    set(&mut s, "R14", "", Some(dec("0.20")));
    set(&mut s, "R15", "", Some(dec("0.30")));
    s.set_risposta("R16", Some(true));
    s.set_risposta("R23", Some(false));
    set_relazione(&mut s, Some(format!("{TRICKY}\n{}", "x".repeat(5800))));
    s
}

pub(crate) fn hand_built() -> Vec<(&'static str, Scheda)> {
    vec![
        ("seed 002", seed_002()),
        ("sondrio (seed 004)", sondrio()),
        ("cumignano (seed 003)", cumignano()),
        ("texts and blanks", texts_and_blanks()),
        ("empty SOC25", Scheda::empty(Edizione::builtin("SOC25"))),
        ("empty SOC26", Scheda::empty(Edizione::builtin("SOC26"))),
    ]
}
