//! The official PDF as pdftotext prints it (seeds 000-002): each row's label
//! wrapped as in its narrow cell, the column headers, then the values of the
//! row on one line; the side band, title and footer at the end of each of
//! the seven pages, pages separated by a form feed.

use super::labels::{DIDASCALIA_R16, DIDASCALIA_R23, Labels, SEZIONI};
use super::{Lines, dec, header_fields, int, paragraphs};
use crate::diagnostic::{Diagnostic, Error, Location, Result};
use crate::model::{Edizione, RIGA_TOTALE, RIGHE_UTENTI, RigaDef, Scheda, TipoRiga};
use crate::rules::Sentences;

/// Width of the narrow label cells, in characters.
const NARROW: usize = 32;
/// Width of the full-width texts, in characters.
const WIDE: usize = 140;

struct Out {
    lines: Lines,
    page: u8,
    edizione: Edizione,
    date: Option<String>,
}

impl Out {
    fn line(&mut self, line: &str) {
        self.lines.line(line);
    }

    fn blank(&mut self) {
        self.lines.blank();
    }

    fn para(&mut self, line: &str) {
        self.lines.para(line);
    }

    /// A text wrapped at `width` followed by a blank line.
    fn wrapped(&mut self, text: &str, width: usize) {
        for line in wrap(text, width) {
            self.line(&line);
        }
        self.blank();
    }

    /// Close the page: side band, title, footer, form feed.
    fn page_end(&mut self, band: &[&str]) {
        for line in band {
            self.line(line);
        }
        self.blank();
        self.para(&self.edizione.title());
        let footer = match &self.date {
            Some(d) => format!("Pagina {} di 7 Data {d}", self.page),
            None => format!("Pagina {} di 7", self.page),
        };
        self.para(&footer);
        if self.page < 7 {
            self.lines.text.push('\x0c');
        }
        self.page += 1;
    }

    /// The values of a row on one line (nothing when all are blank).
    fn values(&mut self, code: &str, cells: &[Option<String>]) -> Result<()> {
        let given: Vec<&String> = cells.iter().flatten().collect();
        if given.is_empty() {
            return Ok(());
        }
        if given.len() != cells.len() {
            return Err(Error::new(
                Diagnostic::error(format!(
                    "row {code} has both blank and filled cells, which the pdftotext layout cannot tell apart"
                ))
                .at(Location::row(code))
                .with_hint("write it with --layout portal, which keeps blank cells, or fill the row"),
            ));
        }
        let line = given
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        self.para(&line);
        Ok(())
    }
}

/// Greedy word wrap at `width` characters (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

fn band_quadro1() -> [&'static str; 3] {
    ["Quadro 1", "Autodiagnosi del", "numero di utenti serviti"]
}

/// Write the pdftotext layout of `s`.
pub fn write(s: &Scheda, frasi: &Sentences) -> Result<String> {
    let l = Labels::of(s.edizione);
    let y = s.anno;
    let mut o = Out {
        lines: Lines::default(),
        page: 1,
        edizione: s.edizione,
        date: s.ente.data.map(|d| d.format_it()),
    };
    let q1 = &s.quadro1;

    // Page 1: header block (what is known of it, and only when the Comune is:
    // the SOC25 seeds have none), intro, users up to M40.
    let known = s.ente.denominazione.is_some() || s.ente.codice.is_some();
    let header = if known { header_fields(s) } else { Vec::new() };
    for (label, value) in &header {
        o.line(&format!("{label} {value}"));
    }
    if !header.is_empty() {
        o.blank();
    }
    o.wrapped(&l.intro(), WIDE);
    let headers = l.colonne_utenti();
    let mut gruppo = "";
    for def in RIGHE_UTENTI.iter().chain([&RIGA_TOTALE]) {
        if def.gruppo != gruppo {
            gruppo = def.gruppo;
            o.para(gruppo);
        }
        user_row(&mut o, &l, def, s, &headers)?;
        if def.code == "M40" {
            o.page_end(&band_quadro1());
        }
    }

    // ATS and Comune.
    o.line(Labels::ATS);
    o.para(Labels::R0C);
    if let Some(t) = &q1.R0C {
        o.para(t);
    }
    o.para(Labels::R0D);
    if let Some(t) = &q1.R0D {
        o.para(t);
    }
    o.wrapped(&l.r0e(), WIDE);
    match q1.R0E {
        Some(n) => o.para(&format!("1 assistente sociale ogni: {n} abitanti")),
        None => o.para("NON CALCOLABILE"),
    }
    o.line(Labels::COMUNE);
    if s.edizione == Edizione::SOC26 {
        o.para(Labels::ASSISTENTI);
    } else {
        o.para(Labels::COMUNE);
    }
    o.wrapped(Labels::R01, NARROW);
    o.para(&format!("2020 {y}"));
    o.values("R01", &[dec(q1.R01.anno_2020, 2), dec(q1.R01.anno, 2)])?;
    o.wrapped(Labels::R01A, NARROW);
    o.para(&y.to_string());
    o.values("R01A", &[dec(q1.R01A, 2)])?;
    o.page_end(&band_quadro1());

    // Page 3: R01B to the end of Quadro 1.
    o.wrapped(Labels::R01B, NARROW);
    o.para("Abitanti");
    if let Some(n) = q1.R01B {
        o.para(&format!("1 assistente ogni : {n}"));
    }
    if s.edizione == Edizione::SOC26 {
        o.para(Labels::ALTRE_FIGURE);
    }
    o.wrapped(l.r02(), NARROW);
    o.para(&format!("2020 {y}"));
    o.values("R02", &[dec(q1.R02.anno_2020, 2), dec(q1.R02.anno, 2)])?;
    if s.edizione == Edizione::SOC26 {
        for ((code, label), value) in Labels::R02_SOC26.iter().zip([q1.R02X, q1.R02Y, q1.R02A]) {
            o.wrapped(label, NARROW);
            o.para(&y.to_string());
            o.values(code, &[dec(value, 2)])?;
        }
    }
    if let Some(t) = &frasi.assistenti {
        o.para(t);
    }
    o.para(&frasi.lep);
    o.wrapped(Labels::R03, NARROW);
    o.wrapped(&l.r03_colonna(), 22);
    o.values("R03", &[int(q1.R03)])?;
    o.wrapped(&l.r04(), NARROW);
    o.para(&y.to_string());
    o.values("R04", &[dec(q1.R04, 2)])?;
    o.wrapped(&l.r05(), NARROW);
    o.para(&y.to_string());
    o.values("R05", &[dec(q1.R05, 2)])?;
    if let Some(t) = &frasi.servizi {
        o.para(t);
    }
    o.para(&frasi.servizi_seguito);
    o.page_end(&band_quadro1());

    // Page 4: Quadro 2.
    let q2 = &s.quadro2;
    o.line("Autodiagnosi della spesa per il sociale");
    o.para("Spesa per il sociale");
    o.wrapped(l.r06(), NARROW);
    o.values("R06", &[dec(q2.R06, 2)])?;
    o.wrapped(l.r07(), NARROW);
    o.para("2017 2021");
    o.values("R07", &[dec(q2.R07.anno_2017, 2), dec(q2.R07.anno_2021, 2)])?;
    o.wrapped(&l.r08(), NARROW);
    o.values("R08", &[dec(q2.R08, 2)])?;
    for p in &frasi.quadro2 {
        o.para(p);
    }
    o.page_end(&["Quadro 2", "Autodiagnosi della", "spesa per il sociale"]);

    // Page 5: Quadro 3.
    let q3 = &s.quadro3;
    o.wrapped(l.quadro3_header(), WIDE);
    o.para(&format!("OBIETTIVI DI SERVIZIO {y}"));
    o.wrapped(&l.r09(), NARROW);
    o.values("R09", &[dec(q3.R09, 2)])?;
    o.para(&format!("OBIETTIVI DI SERVIZIO QUALITATIVI {y}"));
    for (code, label, row) in [("R10", Labels::R10, &q3.R10), ("R11", Labels::R11, &q3.R11)] {
        o.wrapped(label, NARROW);
        o.line("Numero Modalità di");
        o.line("determinazione della");
        o.para("spesa aggiuntiva");
        o.para("Spesa aggiuntiva");
        let modalita = row.modalita.as_deref().map(one_line);
        o.values(code, &[dec(row.numero, 2), dec(row.spesa, 2)])?;
        if let Some(m) = modalita {
            o.para(&m);
        }
    }
    o.wrapped(Labels::R12, NARROW);
    o.para("Spesa aggiuntiva");
    o.values("R12", &[dec(q3.R12.spesa, 2)])?;
    if let Some(d) = q3.R12.descrizione.as_deref() {
        o.para(&one_line(d));
    }
    o.para(&format!("OBIETTIVI DI SERVIZIO QUANTITATIVI {y}"));
    for (code, label, value) in [("R13", Labels::R13, q3.R13), ("R14", Labels::R14, q3.R14)] {
        o.wrapped(label, NARROW);
        o.para("Spesa aggiuntiva");
        o.values(code, &[dec(value, 2)])?;
    }
    o.para("TOTALE");
    o.wrapped(&l.r15(), NARROW);
    o.para("Spesa aggiuntiva");
    o.values("R15", &[dec(q3.R15, 2)])?;
    for p in &frasi.quadro3 {
        o.para(p);
    }
    o.page_end(&["Quadro 3", &format!("Obiettivi di servizio {y}")]);

    // Pages 6-7: Quadro 4.
    let band4 = ["Quadro 4", "Relazione in formato", "strutturato"];
    if s.edizione == Edizione::SOC25 {
        for sezione in &SEZIONI {
            o.wrapped(sezione.header, WIDE);
            o.wrapped(sezione.intro, WIDE);
            for (n, label) in sezione.domande {
                o.wrapped(&format!("R{n} - {label}"), NARROW);
                let answer = crate::model::Domanda::new(*n)
                    .and_then(|d| s.quadro4.risposte.get(&d).copied());
                match answer {
                    Some(true) => o.para("SI"),
                    Some(false) => o.para("NO"),
                    None => {}
                }
                match n {
                    16 => o.para(DIDASCALIA_R16),
                    23 => o.para(DIDASCALIA_R23),
                    29 => o.page_end(&band4),
                    _ => {}
                }
            }
        }
        o.line("Relazione in formato strutturato");
    } else {
        o.para("Relazione in formato strutturato");
        o.page_end(&band4);
    }
    o.para("Relazione in formato libero");
    o.wrapped(&l.relazione(), NARROW);
    if let Some(text) = &s.quadro4.relazione {
        for p in paragraphs(text) {
            o.para(p);
        }
    }
    o.page_end(&band4);
    Ok(o.lines.text)
}

/// A free text on one line (its line breaks become spaces).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn user_row(
    o: &mut Out,
    l: &Labels,
    def: &RigaDef,
    s: &Scheda,
    headers: &[String; 4],
) -> Result<()> {
    let label = def.label().replacen(def.code, &l.codice(def.code), 1);
    o.wrapped(&label, NARROW);
    let u = s.quadro1.utenti(def.code).unwrap_or_default();
    let with_hours = def.kind == TipoRiga::ConOre;
    let n = if with_hours { 4 } else { 2 };
    for h in &headers[..n] {
        // `Numero di utenti serviti - 2019` -> two lines, as pdftotext does.
        match h.rsplit_once(" - ") {
            Some((a, b)) if h.starts_with("Numero") => {
                o.line(a);
                o.para(&format!("- {b}"));
            }
            _ => o.wrapped(h, 20),
        }
    }
    let mut cells = vec![int(u.utenti_2019), int(u.utenti)];
    if with_hours {
        cells.push(int(u.ore));
        cells.push(dec(u.media_ore, 2));
    }
    o.values(def.code, &cells)
}
