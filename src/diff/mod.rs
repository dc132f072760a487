//! What changed between two forms ([`compare`]): of the same Comune, of the
//! same edition or of consecutive ones, read from any format.
//!
//! The comparison walks the edition's description, as every writer does:
//! the Comune's data, then every row and column in the form's order (the
//! inputs, [`Parte::Campo`]), then the values the rules compute
//! ([`Parte::Calcolato`], from [`rules::completed`]), the outcomes
//! ([`Parte::Esito`], [`rules::outcomes`]) and the sentences the rules
//! choose ([`Parte::Frase`]). Values are compared as the form prints them
//! (`130,00`, `SI`), so that a form read from its PDF and from its
//! workbook agree. Two editions pair their fields by row code and column
//! (and by the later edition's `[riporto]`, where it says which field of
//! the edition before a field takes); a field only one edition has is
//! listed apart ([`Confronto::solo_a`], [`Confronto::solo_b`]), not as a
//! difference.
//!
//! [`pair`] pairs the forms of two files or folders by the Comune; [`carry`]
//! starts next year's form from last year's by the description's
//! `[riporto]`.

mod carry;
mod pair;

pub use carry::{Riportato, carry};
pub use pair::{Esame, pair};

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::Result;
use crate::form::{CampoEnte, Colonna, Edition, INTESTAZIONE, Tipo, VoceKind};
use crate::model::{Scheda, Valore};
use crate::number::format_it;
use crate::rules::{self, Catalogue, min_decimals, sentences};

/// Which part of the form a difference is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Parte {
    /// The Comune's data (the header block).
    Ente,
    /// A field the clerk fills in.
    Campo,
    /// A value the rules compute.
    Calcolato,
    /// An outcome of the rules (`caso`, `quadro3_dovuto`).
    Esito,
    /// A sentence the rules choose.
    Frase,
}

impl Parte {
    /// Its name in the JSON and CSV reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Parte::Ente => "ente",
            Parte::Campo => "campo",
            Parte::Calcolato => "calcolato",
            Parte::Esito => "esito",
            Parte::Frase => "frase",
        }
    }
}

/// One field of the form with its value in each form: a difference, or a
/// field of one edition only (the other side `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Differenza {
    /// The part of the form.
    pub parte: Parte,
    /// The quadro, for a row of the form.
    pub quadro: Option<u8>,
    /// The row's code as the form prints it (`ROB` in SOC26); `ente` for
    /// the Comune's data; the outcome's or the sentence's name.
    pub codice: String,
    /// The column within the row (its `campo`), or the Comune's field.
    pub campo: Option<String>,
    /// The row's label as printed.
    pub etichetta: String,
    /// The column's header as printed, if it has one.
    pub colonna: Option<String>,
    /// The value of the first form, as the form prints it; `None` blank.
    pub a: Option<String>,
    /// The value of the second form.
    pub b: Option<String>,
}

/// What differs between two forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confronto {
    /// The first form's edition.
    pub edizione_a: String,
    /// The second form's edition.
    pub edizione_b: String,
    /// Every field whose values differ: the Comune's data and the inputs
    /// in the form's order, then the computed values, the outcomes and the
    /// sentences.
    pub differenze: Vec<Differenza>,
    /// The fields only the first form's edition has, with their values.
    pub solo_a: Vec<Differenza>,
    /// The fields only the second form's edition has.
    pub solo_b: Vec<Differenza>,
}

impl Confronto {
    /// Whether the two forms agree (fields of one edition only aside).
    pub fn uguali(&self) -> bool {
        self.differenze.is_empty()
    }
}

/// A field of a description: where it is and what it holds.
#[derive(Debug, Clone)]
struct Slot<'a> {
    quadro: Option<u8>,
    codice: &'a str,
    printed_code: &'a str,
    campo: Option<&'a str>,
    etichetta: &'a str,
    colonna: Option<&'a Colonna>,
    tipo: Tipo,
    computed: bool,
}

/// Every field of `ed` with a value: the rows' columns and the questions,
/// in the form's order.
fn slots(ed: &Edition) -> Vec<Slot<'_>> {
    let mut out = Vec::new();
    for q in &ed.quadri {
        for v in &q.voci {
            match &v.kind {
                VoceKind::Riga(r) => {
                    for c in &r.colonne {
                        out.push(Slot {
                            quadro: Some(q.numero),
                            codice: &r.codice,
                            printed_code: ed.printed_code(&r.codice),
                            campo: c.campo.as_deref(),
                            etichetta: &r.etichetta,
                            colonna: Some(c),
                            tipo: c.tipo,
                            computed: r.derivata || c.derivata,
                        });
                    }
                }
                VoceKind::Domanda { codice, etichetta } => out.push(Slot {
                    quadro: Some(q.numero),
                    codice,
                    printed_code: codice,
                    campo: None,
                    etichetta,
                    colonna: None,
                    tipo: Tipo::Sino,
                    computed: false,
                }),
                _ => {}
            }
        }
    }
    out
}

/// A value as the form prints it: numbers in the portal's notation with the
/// decimals the form prints for the column's kind (`130,00`), SI/NO
/// answers as words, texts as given.
pub fn printed(v: &Valore, tipo: Tipo) -> String {
    match v {
        Valore::Intero(n) => format_it(Decimal::from(*n), min_decimals(tipo)),
        Valore::Decimale(d) => format_it(*d, min_decimals(tipo)),
        Valore::Testo(t) => t.clone(),
        Valore::SiNo(true) => "SI".to_string(),
        Valore::SiNo(false) => "NO".to_string(),
    }
}

/// The printed value of a field of `s`.
fn value_of(s: &Scheda, slot: &Slot) -> Option<String> {
    s.valore(slot.codice, slot.campo)
        .map(|v| printed(&v, slot.tipo))
}

/// The field of the second edition paired with `slot` of the first: the
/// field the later edition's `[riporto]` names, else the same row and
/// column holding the same kind of value.
fn partner(slot: &Slot, a: &Edition, b: &Edition, b_slots: &[Slot<'_>]) -> Option<usize> {
    let by_code = |codice: &str, campo: Option<&str>| {
        b_slots
            .iter()
            .position(|s| s.codice == codice && s.campo == campo && s.tipo == slot.tipo)
    };
    let field = |codice: &str, campo: Option<&str>| crate::form::Campo::Valore {
        codice: codice.to_string(),
        campo: campo.map(str::to_string),
    };
    let me = field(slot.codice, slot.campo);
    // The later edition says which of its fields takes this one.
    if let Some(r) = b.riporto.as_ref().filter(|r| r.da == a.codice)
        && let Some((to, _)) = r.campi.iter().find(|(_, from)| *from == me)
        && let crate::form::Campo::Valore { codice, campo } = to
    {
        return by_code(codice, campo.as_deref());
    }
    // This edition says which field of the earlier one it takes.
    if let Some(r) = a.riporto.as_ref().filter(|r| r.da == b.codice)
        && let Some((_, from)) = r.campi.iter().find(|(to, _)| *to == me)
        && let crate::form::Campo::Valore { codice, campo } = from
    {
        return by_code(codice, campo.as_deref());
    }
    by_code(slot.codice, slot.campo)
}

fn entry(slot: &Slot, parte: Parte, a: Option<String>, b: Option<String>) -> Differenza {
    Differenza {
        parte,
        quadro: slot.quadro,
        codice: slot.printed_code.to_string(),
        campo: slot.campo.map(str::to_string),
        etichetta: slot.etichetta.to_string(),
        colonna: slot.colonna.and_then(|c| c.intestazione.clone()),
        a,
        b,
    }
}

/// An outcome's or a sentence's value as text: `SI`/`NO`, a choice's
/// value, the sentences joined by a space.
fn shown(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Bool(true) => Some("SI".to_string()),
        Value::Bool(false) => Some("NO".to_string()),
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(shown).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
        other => Some(other.to_string()),
    }
}

/// What differs between `a` and `b` (see the module's documentation). The
/// sentences come from `catalogue`.
pub fn compare(a: &Scheda, b: &Scheda, catalogue: &Catalogue) -> Result<Confronto> {
    let (ea, eb) = (a.edizione.description(), b.edizione.description());
    let mut differenze = Vec::new();
    // The Comune's data.
    for i in &INTESTAZIONE {
        let (va, vb) = (ente(a, i.campo), ente(b, i.campo));
        if va != vb {
            differenze.push(Differenza {
                parte: Parte::Ente,
                quadro: None,
                codice: "ente".to_string(),
                campo: Some(i.nome.to_string()),
                etichetta: i.etichetta.to_string(),
                colonna: None,
                a: va,
                b: vb,
            });
        }
    }
    // The rows, inputs then computed values, each in the form's order.
    let (sa, sb) = (slots(ea), slots(eb));
    let (full_a, full_b) = (rules::completed(a), rules::completed(b));
    let mut paired = vec![false; sb.len()];
    let mut computed = Vec::new();
    let (mut solo_a, mut solo_b) = (Vec::new(), Vec::new());
    for slot in &sa {
        let (sa_form, sb_form) = if slot.computed {
            (&full_a, &full_b)
        } else {
            (a, b)
        };
        let va = value_of(sa_form, slot);
        let Some(j) = partner(slot, ea, eb, &sb) else {
            solo_a.push(entry(slot, part_of(slot), va, None));
            continue;
        };
        if let Some(p) = paired.get_mut(j) {
            *p = true;
        }
        let other = sb.get(j).unwrap_or(slot);
        let vb = value_of(sb_form, other);
        if va != vb {
            let e = entry(slot, part_of(slot), va, vb);
            if slot.computed {
                computed.push(e);
            } else {
                differenze.push(e);
            }
        }
    }
    for (slot, _) in sb.iter().zip(&paired).filter(|(_, p)| !**p) {
        let form = if slot.computed { &full_b } else { b };
        solo_b.push(entry(slot, part_of(slot), None, value_of(form, slot)));
    }
    differenze.extend(computed);
    // The outcomes, by the names of the descriptions' `[[esito]]`.
    let (oa, ob) = (
        serde_json::to_value(rules::outcomes(a)).unwrap_or(Value::Null),
        serde_json::to_value(rules::outcomes(b)).unwrap_or(Value::Null),
    );
    let mut names: Vec<&str> = Vec::new();
    for e in ea.esiti.iter().chain(&eb.esiti) {
        if !names.contains(&e.nome.as_str()) {
            names.push(&e.nome);
        }
    }
    for name in names {
        let (va, vb) = (oa.get(name).and_then(shown), ob.get(name).and_then(shown));
        if va != vb {
            differenze.push(named(Parte::Esito, name, va, vb));
        }
    }
    // The sentences, by the names the descriptions print them under.
    let (fa, fb) = (
        sentences::choose(a, catalogue)?.value,
        sentences::choose(b, catalogue)?.value,
    );
    let (fa, fb) = (
        serde_json::to_value(fa).unwrap_or(Value::Null),
        serde_json::to_value(fb).unwrap_or(Value::Null),
    );
    let mut names: Vec<&str> = Vec::new();
    for v in ea.quadri.iter().chain(&eb.quadri).flat_map(|q| &q.voci) {
        if let VoceKind::Frasi(list) = &v.kind {
            for n in list {
                if !names.contains(&n.as_str()) {
                    names.push(n);
                }
            }
        }
    }
    for name in names {
        let (va, vb) = (fa.get(name).and_then(shown), fb.get(name).and_then(shown));
        if va != vb {
            differenze.push(named(Parte::Frase, name, va, vb));
        }
    }
    Ok(Confronto {
        edizione_a: a.edizione.code().to_string(),
        edizione_b: b.edizione.code().to_string(),
        differenze,
        solo_a,
        solo_b,
    })
}

/// A field of the Comune's data of `s` as the form prints it.
pub fn ente(s: &Scheda, campo: CampoEnte) -> Option<String> {
    match campo {
        CampoEnte::Denominazione => s.ente.denominazione.clone(),
        CampoEnte::Provincia => s.ente.provincia.clone(),
        CampoEnte::Codice => s.ente.codice.clone(),
        CampoEnte::Data => s.ente.data.map(|d| d.format_it()),
    }
}

fn part_of(slot: &Slot) -> Parte {
    if slot.computed {
        Parte::Calcolato
    } else {
        Parte::Campo
    }
}

/// An outcome or a sentence, by its name.
fn named(parte: Parte, name: &str, a: Option<String>, b: Option<String>) -> Differenza {
    Differenza {
        parte,
        quadro: None,
        codice: name.to_string(),
        campo: None,
        etichetta: name.to_string(),
        colonna: None,
        a,
        b,
    }
}
