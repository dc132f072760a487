//! The portal page as a browser copies it (seed 003, SOC26): tab-separated
//! cells, the column headers on the line above the values, Quadro 3's input
//! fields as `<input type="text" value="..."/>` tags (no `value` when blank).

use super::labels::{DIDASCALIA_R16, DIDASCALIA_R23, Labels, SEZIONI};
use super::{Lines, dec, header_fields, int, paragraphs};
use crate::diagnostic::Result;
use crate::model::{Domanda, Edizione, RIGA_TOTALE, RIGHE_UTENTI, Scheda, TipoRiga};
use crate::rules::Sentences;

fn cell(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

/// The value cells of a row: a blank cell among filled ones is written as
/// an empty input field, which keeps its place; a wholly blank row stays
/// empty.
fn row_cells(values: &[Option<String>]) -> Vec<String> {
    let any = values.iter().any(Option::is_some);
    values
        .iter()
        .map(|v| match v {
            Some(v) => v.clone(),
            None if any => input(None),
            None => String::new(),
        })
        .collect()
}

/// An input field: `<input type="text" value="0,00"/>`, or without a value
/// when blank. The value is escaped as HTML would be.
fn input(value: Option<&str>) -> String {
    match value {
        Some(v) => format!(
            "<input type=\"text\" value=\"{}\"/>",
            v.replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ),
        None => "<input type=\"text\"/>".to_string(),
    }
}

/// Write the portal layout of `s`.
pub fn write(s: &Scheda, frasi: &Sentences) -> Result<String> {
    let l = Labels::of(s.edizione);
    let y = s.anno;
    let ys = y.to_string();
    let mut o = Lines::default();
    let title = s.edizione.title();
    let q1 = &s.quadro1;

    o.blank();
    o.blank();
    o.line(&title);
    o.blank();
    for (label, value) in header_fields(s) {
        o.cells(&[label, &value]);
    }
    o.blank();
    o.line("Quadro 1");
    o.line(" Autodiagnosi del");
    o.line(" numero di utenti serviti");
    o.blank();
    o.line(&l.intro());
    o.blank();

    let headers = l.colonne_utenti();
    let mut gruppo = "";
    for def in RIGHE_UTENTI.iter().chain([&RIGA_TOTALE]) {
        if def.gruppo != gruppo {
            gruppo = def.gruppo;
            o.line(gruppo);
            o.blank();
        }
        let u = q1.utenti(def.code).unwrap_or_default();
        let label = def.label().replacen(def.code, &l.codice(def.code), 1);
        if def.kind == TipoRiga::ConOre {
            o.cells(&["", &headers[0], &headers[1], &headers[2], &headers[3]]);
            let v = row_cells(&[
                int(u.utenti_2019),
                int(u.utenti),
                int(u.ore),
                dec(u.media_ore, 2),
            ]);
            o.cells(&[&label, &v[0], &v[1], &v[2], &v[3]]);
        } else {
            o.cells(&["", &headers[0], &headers[1], "", ""]);
            o.cells(&[
                &label,
                cell(&int(u.utenti_2019)),
                cell(&int(u.utenti)),
                "",
                "",
            ]);
        }
        o.blank();
        if def.code == "M40" {
            o.line(&title);
            o.blank();
            o.line("Quadro 1");
            o.line(" Autodiagnosi del numero di utenti serviti");
            o.blank();
        }
    }

    o.line(Labels::ATS);
    o.blank();
    for (label, value) in [(Labels::R0C, &q1.R0C), (Labels::R0D, &q1.R0D)] {
        o.line(label);
        o.blank();
        if let Some(v) = value {
            o.line(&v.split_whitespace().collect::<Vec<_>>().join(" "));
            o.blank();
        }
    }
    o.line(&l.r0e());
    o.blank();
    match q1.R0E {
        Some(n) => o.line(&format!("1 assistente sociale ogni: {n} abitanti")),
        None => o.line("NON CALCOLABILE"),
    }
    o.blank();
    o.line(Labels::COMUNE);
    o.blank();
    if s.edizione == Edizione::SOC26 {
        o.line(Labels::ASSISTENTI);
        o.blank();
    }
    o.cells(&[Labels::R01, "2020", &ys]);
    let v = row_cells(&[dec(q1.R01.anno_2020, 2), dec(q1.R01.anno, 2)]);
    o.cells(&["", &v[0], &v[1]]);
    o.blank();
    o.cells(&[Labels::R01A, &ys]);
    o.cells(&["", cell(&dec(q1.R01A, 2))]);
    o.blank();
    o.line(&title);
    o.blank();
    o.line("Quadro 1");
    o.line(" Autodiagnosi del numero di utenti serviti");
    o.blank();
    o.cells(&[Labels::R01B, "", "Abitanti"]);
    o.cells(&["1 assistente ogni :", "", cell(&int(q1.R01B))]);
    if let Some(t) = &frasi.assistenti {
        o.cells(&[t, "", ""]);
    }
    o.cells(&[&frasi.lep, "", ""]);
    if s.edizione == Edizione::SOC26 {
        o.cells(&[Labels::ALTRE_FIGURE, "", ""]);
    }
    o.cells(&[l.r02(), "2020", &ys]);
    let v = row_cells(&[dec(q1.R02.anno_2020, 2), dec(q1.R02.anno, 2)]);
    o.cells(&["", &v[0], &v[1]]);
    if s.edizione == Edizione::SOC26 {
        for ((_, label), value) in Labels::R02_SOC26.iter().zip([q1.R02X, q1.R02Y, q1.R02A]) {
            o.cells(&[label, "", &ys]);
            o.cells(&["", "", cell(&dec(value, 2))]);
        }
    }
    o.cells(&[Labels::R03, &l.r03_colonna(), ""]);
    o.cells(&["", cell(&int(q1.R03)), ""]);
    o.cells(&[&l.r04(), &ys, ""]);
    o.cells(&["", cell(&dec(q1.R04, 2)), ""]);
    o.cells(&[&l.r05(), &ys, ""]);
    o.cells(&["", cell(&dec(q1.R05, 2)), ""]);
    if let Some(t) = &frasi.servizi {
        o.cells(&[t, "", ""]);
    }
    o.cells(&[&frasi.servizi_seguito, "", ""]);
    o.blank();

    // Quadro 2.
    let q2 = &s.quadro2;
    o.line(&title);
    o.line("Quadro 2");
    o.blank();
    o.line(" Autodiagnosi della");
    o.line(" spesa per il sociale");
    o.blank();
    o.cells(&["Autodiagnosi della spesa per il sociale", "", ""]);
    o.cells(&["Spesa per il sociale", "", ""]);
    o.cells(&[l.r06(), cell(&dec(q2.R06, 2)), ""]);
    o.cells(&[l.r07(), "2017", "2021"]);
    let v = row_cells(&[dec(q2.R07.anno_2017, 2), dec(q2.R07.anno_2021, 2)]);
    o.cells(&["", &v[0], &v[1]]);
    o.cells(&[&l.r08(), cell(&dec(q2.R08, 2)), ""]);
    for p in &frasi.quadro2 {
        o.cells(&[p, "", ""]);
    }
    o.blank();

    // Quadro 3.
    let q3 = &s.quadro3;
    o.line(&title);
    o.line("Quadro 3");
    o.blank();
    o.line(&format!("Obiettivi di servizio {y}"));
    o.blank();
    o.line(l.quadro3_header());
    o.line(&format!("OBIETTIVI DI SERVIZIO {y}"));
    o.blank();
    match dec(q3.R09, 2) {
        Some(v) => o.cells(&[&format!(" {}", l.r09()), &v]),
        None => o.line(&format!(" {}", l.r09())),
    }
    o.blank();
    o.line(&format!("OBIETTIVI DI SERVIZIO QUALITATIVI {y}"));
    o.blank();
    for (label, row) in [(Labels::R10, &q3.R10), (Labels::R11, &q3.R11)] {
        o.cells(&[
            "",
            "Numero",
            "Modalità di determinazione della spesa aggiuntiva",
            "Spesa aggiuntiva",
        ]);
        o.cells(&[
            label,
            &input(dec(row.numero, 2).as_deref()),
            &input(row.modalita.as_deref()),
            &input(dec(row.spesa, 2).as_deref()),
        ]);
        o.blank();
    }
    o.cells(&["", "", "Spesa aggiuntiva"]);
    o.cells(&[
        Labels::R12,
        &input(q3.R12.descrizione.as_deref()),
        &input(dec(q3.R12.spesa, 2).as_deref()),
    ]);
    o.blank();
    o.line(&format!("OBIETTIVI DI SERVIZIO QUANTITATIVI {y}"));
    o.blank();
    for (label, value) in [(Labels::R13, q3.R13), (Labels::R14, q3.R14)] {
        o.cells(&["", "Spesa aggiuntiva"]);
        o.cells(&[label, &input(dec(value, 2).as_deref())]);
        o.blank();
    }
    o.line("TOTALE");
    o.blank();
    o.cells(&["", "Spesa aggiuntiva"]);
    o.cells(&[&l.r15(), &input(dec(q3.R15, 2).as_deref())]);
    for p in &frasi.quadro3 {
        o.line(p);
    }
    o.blank();

    // Quadro 4.
    o.line(&title);
    o.blank();
    o.line("Quadro 4");
    o.blank();
    o.line("Relazione in formato");
    o.line("strutturato");
    o.blank();
    o.line("Relazione in formato strutturato");
    o.blank();
    if s.edizione == Edizione::SOC25 {
        for sezione in &SEZIONI {
            o.line(sezione.header);
            o.line(sezione.intro);
            o.blank();
            for (n, label) in sezione.domande {
                let answer = Domanda::new(*n).and_then(|d| s.quadro4.risposte.get(&d).copied());
                let answer = match answer {
                    Some(true) => "SI",
                    Some(false) => "NO",
                    None => "",
                };
                o.cells(&[&format!("R{n} - {label}"), answer]);
                match n {
                    16 => o.line(DIDASCALIA_R16),
                    23 => o.line(DIDASCALIA_R23),
                    _ => {}
                }
            }
            o.blank();
        }
    }
    o.line("Relazione in formato libero");
    o.blank();
    o.line(
        "R16 - Relazione in formato"
            .replace("R16", s.edizione.relazione_code())
            .as_str(),
    );
    o.line("libero (massimo 6.000");
    o.line("caratteri)");
    if let Some(text) = &s.quadro4.relazione {
        for p in paragraphs(text) {
            o.blank();
            o.line(p);
        }
    }
    Ok(o.text)
}
