//! The edition as JSON, for what lays the form out from data as on paper:
//! the PDF's Typst layouts (`/edizione.json`) and the clerk's page (`GET
//! /api/editions/CODE`). One projection of the description, entry by
//! entry, in [`quadri`]; each of them adds what only it knows to the rows,
//! their columns and the header block's fields ([`Extras`]: the PDF its
//! words' advances, the page the model's pointers).
//!
//! The shape: one object per quadro, in order: `numero` (a number),
//! `fascia` (the lines of the side band) and `voci`, what it prints in
//! order, each with its kind in `voce`:
//! - `intestazione`: the header block; `campi`, the Comune's fields
//!   ([`INTESTAZIONE`]), each with `campo` (its name in the model and in
//!   the form's `ente`), `etichetta` (the label as printed), `valore`
//!   (`testo` or `data`) and `riga` (whether the printed block gives it a
//!   line of its own; the province is printed after the name);
//! - `nota` (`testo`, `grassetto`), `gruppo`, `barra`, `didascalia`
//!   (`testo`);
//! - `riga`: `codice`, `etichetta` (the label as printed) and `colonne`,
//!   each with `tipo` (`utenti`, `euro`, `testo`, `relazione`, ...),
//!   `intestazione` (the header, or null), `larghezza` (in column units, a
//!   number), `derivata` (whether the rules compute it) and `vuoto` (what
//!   is printed when it is blank, or null);
//! - `domanda`: `codice`, `etichetta` and `colonne`, the one `sino` column
//!   of a question seen as a row ([`Riga::domanda`]);
//! - `frasi`: `nomi` (the sentences' catalogue names) and `indice`, its
//!   place among the edition's `frasi` entries;
//! - `pagina`: a page break.

use serde_json::{Map, Value, json};

use super::{Colonna, Edition, INTESTAZIONE, Intestazione, Rendering, Riga, VoceKind};

/// What a consumer adds to the edition's JSON: keys of its own on each row
/// (and question), each column, each field of the header block.
pub trait Extras {
    /// Keys added to row `riga` of quadro `quadro` (a question seen as a
    /// row too), after its label.
    fn riga(&self, _quadro: u8, _riga: &Riga, _out: &mut Map<String, Value>) {}

    /// Keys added to column `colonna` of row `riga`.
    fn colonna(
        &self,
        _quadro: u8,
        _riga: &Riga,
        _colonna: &Colonna,
        _out: &mut Map<String, Value>,
    ) {
    }

    /// Keys added to a field of the header block.
    fn campo(&self, _campo: &Intestazione, _out: &mut Map<String, Value>) {}
}

/// The quadri of `ed` as JSON (see the module's documentation), every
/// entry that `rendering` prints, with a consumer's `extras`.
pub fn quadri(ed: &Edition, rendering: Rendering, extras: &impl Extras) -> Value {
    let mut frasi = 0;
    let quadri = ed.quadri.iter().map(|q| {
        let voci: Vec<Value> = q
            .voci
            .iter()
            .filter(|v| v.in_rendering(rendering))
            .map(|v| match &v.kind {
                VoceKind::Intestazione => {
                    let campi: Vec<Value> = INTESTAZIONE
                        .iter()
                        .map(|i| {
                            let mut out = object(json!({
                                "campo": i.nome,
                                "etichetta": i.etichetta,
                                "valore": i.valore(),
                                "riga": i.riga,
                            }));
                            extras.campo(i, &mut out);
                            Value::Object(out)
                        })
                        .collect();
                    json!({"voce": "intestazione", "campi": campi})
                }
                VoceKind::Nota {
                    testo, grassetto, ..
                } => json!({"voce": "nota", "testo": testo, "grassetto": grassetto}),
                VoceKind::Gruppo(testo) => json!({"voce": "gruppo", "testo": testo}),
                VoceKind::Barra(testo) => json!({"voce": "barra", "testo": testo}),
                VoceKind::Didascalia(testo) => json!({"voce": "didascalia", "testo": testo}),
                VoceKind::Pagina => json!({"voce": "pagina"}),
                VoceKind::Riga(riga) => row("riga", q.numero, riga, extras),
                VoceKind::Domanda { codice, etichetta } => row(
                    "domanda",
                    q.numero,
                    &Riga::domanda(codice, etichetta),
                    extras,
                ),
                VoceKind::Frasi(nomi) => {
                    frasi += 1;
                    json!({"voce": "frasi", "nomi": nomi, "indice": frasi - 1})
                }
            })
            .collect();
        json!({"numero": q.numero, "fascia": q.fascia, "voci": voci})
    });
    Value::Array(quadri.collect())
}

/// A row (or a question, `voce`) with its columns.
fn row(voce: &str, quadro: u8, riga: &Riga, extras: &impl Extras) -> Value {
    let mut out = object(json!({
        "voce": voce,
        "codice": riga.codice,
        "etichetta": riga.etichetta,
    }));
    extras.riga(quadro, riga, &mut out);
    let colonne: Vec<Value> = riga
        .colonne
        .iter()
        .map(|c| {
            let mut column = object(json!({
                "tipo": c.tipo.name(),
                "intestazione": c.intestazione,
                "larghezza": c.larghezza,
                "derivata": c.derivata || riga.derivata,
                "vuoto": c.vuoto,
            }));
            extras.colonna(quadro, riga, c, &mut column);
            Value::Object(column)
        })
        .collect();
    out.insert("colonne".into(), Value::Array(colonne));
    Value::Object(out)
}

/// The keys of an object made by `json!`.
fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Edizione;

    struct Marked;

    impl Extras for Marked {
        fn riga(&self, quadro: u8, _: &Riga, out: &mut Map<String, Value>) {
            out.insert("quadro".into(), quadro.into());
        }
        fn colonna(&self, _: u8, _: &Riga, c: &Colonna, out: &mut Map<String, Value>) {
            out.insert("campo".into(), json!(c.campo));
        }
        fn campo(&self, i: &Intestazione, out: &mut Map<String, Value>) {
            out.insert("pointer".into(), i.pointer().into());
        }
    }

    #[test]
    fn every_entry_once_with_a_consumers_keys() {
        let ed = Edizione::builtin("SOC25").description();
        let quadri = quadri(ed, Rendering::Pdf, &Marked);
        let voci: Vec<&Value> = quadri
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|q| q["voci"].as_array().unwrap())
            .collect();
        let header = voci.iter().find(|v| v["voce"] == "intestazione").unwrap();
        assert_eq!(header["campi"][2]["etichetta"], "Codice indentificativo");
        assert_eq!(header["campi"][1]["riga"], false, "the province");
        assert_eq!(header["campi"][3]["valore"], "data");
        assert_eq!(header["campi"][3]["pointer"], "/ente/data");
        let m12 = voci.iter().find(|v| v["codice"] == "M12").unwrap();
        assert_eq!(m12["quadro"], 1);
        assert_eq!(m12["colonne"][1]["campo"], "utenti");
        assert_eq!(m12["colonne"][3]["derivata"], true, "the mean");
        let domanda = voci.iter().find(|v| v["voce"] == "domanda").unwrap();
        assert_eq!(domanda["colonne"][0]["tipo"], "sino");
        let indici: Vec<&Value> = voci
            .iter()
            .filter(|v| v["voce"] == "frasi")
            .map(|v| &v["indice"])
            .collect();
        assert!(indici.iter().enumerate().all(|(i, n)| **n == i));
        assert!(voci.iter().any(|v| v["voce"] == "pagina"));
    }
}
