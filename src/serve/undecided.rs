//! What a form still lacks to conclude: for each conclusion of the rules
//! that its blank values leave open, the rows to fill, and the sentences
//! that wait for it. The page says this instead of a sentence it cannot
//! know (a blank form concludes nothing).
//!
//! All of it follows the edition's description: the conclusions are its
//! `[[esito]]` entries that blank values leave open ([`rules::undecided`]),
//! named by their `descrizione` (outcomes with the same words are one
//! conclusion); the rows are the blank inputs their conditions and the
//! formulas they read lead to, in the form's order; the sentences are the
//! `frasi` of the outcome and of every outcome that names it.

use serde::Serialize;

use crate::form::Field;
use crate::messages::{Lang, Message, kind};
use crate::model::Scheda;
use crate::rules;

/// One conclusion the rules cannot draw yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Open {
    /// What is not concluded, in the clerk's words (the outcome's
    /// `descrizione`).
    pub per: String,
    /// The rows whose blank values keep it open (`R05`, `M12`), in the
    /// form's order; more than three of one column as one item.
    pub righe: Vec<String>,
    /// The sentences (as the description's `frasi` entries name them) that
    /// wait for it.
    pub frasi: Vec<String>,
}

/// The conclusions of `s` that its blank values leave open, the rows'
/// words in `lang`.
pub fn undecided(s: &Scheda, lang: Lang) -> Vec<Open> {
    let esiti = &s.edizione.description().esiti;
    let mut out: Vec<(Open, Vec<Field>)> = Vec::new();
    for u in rules::undecided(s) {
        // The sentences of the outcome, then those of every later outcome
        // that names it, or names one that does.
        let mut waiting = vec![u.index];
        for (i, e) in esiti.iter().enumerate().skip(u.index + 1) {
            if e.reads().iter().any(|r| waiting.contains(r)) {
                waiting.push(i);
            }
        }
        let frasi: Vec<String> = waiting
            .iter()
            .filter_map(|&i| esiti.get(i))
            .flat_map(|e| e.frasi.iter().cloned())
            .collect();
        match out.iter_mut().find(|(o, _)| o.per == u.esito.descrizione) {
            Some((o, inputs)) => {
                extend(&mut o.frasi, frasi);
                extend(inputs, u.inputs);
            }
            None => out.push((
                Open {
                    per: u.esito.descrizione.clone(),
                    righe: Vec::new(),
                    frasi: unique(frasi),
                },
                u.inputs,
            )),
        }
    }
    for (o, inputs) in &mut out {
        o.righe = rows(s, inputs, lang);
    }
    out.into_iter().map(|(o, _)| o).collect()
}

/// `more` added to `to`, each item once.
fn extend<T: PartialEq>(to: &mut Vec<T>, more: Vec<T>) {
    for x in more {
        if !to.contains(&x) {
            to.push(x);
        }
    }
}

/// `items`, each once, in order.
fn unique<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out = Vec::new();
    extend(&mut out, items);
    out
}

/// The rows of `inputs`, in the order the edition's description lists
/// them, each once; where more than three rows are blank in one column
/// (`utenti`), one item for them, at the first's place, naming the column
/// by its header.
fn rows(s: &Scheda, inputs: &[Field], lang: Lang) -> Vec<String> {
    let description = s.edizione.description();
    // (row, column) in the form's order.
    let ordered: Vec<&Field> = description
        .righe()
        .flat_map(|(_, r)| inputs.iter().filter(move |f| f.codice == r.codice))
        .collect();
    let many = |campo: &Option<String>| {
        campo.is_some() && ordered.iter().filter(|f| &f.campo == campo).count() > 3
    };
    let mut out: Vec<String> = Vec::new();
    let mut spans: Vec<&Option<String>> = Vec::new();
    for f in &ordered {
        if !many(&f.campo) {
            if !out.contains(&f.codice) {
                out.push(f.codice.clone());
            }
            continue;
        }
        if spans.contains(&&f.campo) {
            continue;
        }
        spans.push(&f.campo);
        let of_column: Vec<&&Field> = ordered.iter().filter(|g| g.campo == f.campo).collect();
        let column = description
            .riga(&f.codice)
            .and_then(|r| r.colonne.iter().find(|c| c.campo == f.campo))
            .and_then(|c| c.intestazione.clone())
            .unwrap_or_else(|| f.to_string());
        let last = of_column.last().map_or(f.codice.as_str(), |g| &g.codice);
        let span = Message::new(
            kind::OPEN_ROWS_SPAN,
            [
                ("column", column.into()),
                ("count", of_column.len().into()),
                ("first", f.codice.as_str().into()),
                ("last", last.into()),
            ],
        );
        out.push(span.render(lang));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::form::Tipo;
    use crate::model::{Edizione, Valore};

    const SERVIZI: &str = "livello di servizio, Quadro 1";
    const SPESA: &str = "spesa rispetto al fabbisogno, Quadri 2 e 3";
    const QUADRO3: &str = "risorse aggiuntive da rendicontare, Quadro 3";
    const ASSISTENTI: &str = "assistenti sociali per abitante, Quadro 1";

    /// `s` with each (code, field, value); a value with a dot a decimal.
    fn with(mut s: Scheda, values: &[(&str, Option<&str>, &str)]) -> Scheda {
        for (code, campo, v) in values {
            let v = match v.parse::<u64>() {
                Ok(n) => Valore::Intero(n),
                Err(_) => Valore::Decimale(v.parse().unwrap()),
            };
            s.set_valore(code, *campo, Some(v)).unwrap();
        }
        s
    }

    /// Every input the conclusions read, given: R04 printed (so no user
    /// row is asked for), spending not below need.
    fn full(ed: Edizione) -> Scheda {
        with(
            Scheda::empty(ed),
            &[
                ("R04", None, "20.00"),
                ("R05", None, "10.00"),
                ("R01", Some("anno"), "1.00"),
                ("R03", None, "3000"),
                ("R06", None, "100.00"),
                ("R07", Some("anno_2017"), "200.00"),
            ],
        )
    }

    /// (per, rows, sentences) of each open conclusion.
    fn open(s: &Scheda, lang: Lang) -> Vec<(String, Vec<String>, Vec<String>)> {
        undecided(s, lang)
            .into_iter()
            .map(|o| (o.per, o.righe, o.frasi))
            .collect()
    }

    /// An open conclusion as a test writes it: per, rows, sentences.
    type Expected = (&'static str, Vec<&'static str>, Vec<&'static str>);

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_open_conclusions_follow_the_description() {
        let users = "«Numero di utenti serviti - 2024» di 21 righe (da M12 a R0A)";
        let users_26 = "«Numero di utenti serviti - 2025» di 21 righe (da M12 a R0A)";
        let blank_expected = |users: &'static str| {
            vec![
                (
                    SERVIZI,
                    vec![users, "R03", "R05"],
                    vec!["servizi", "servizi_seguito", "quadro2"],
                ),
                (SPESA, vec!["R06", "R07"], vec!["quadro2", "quadro3"]),
                (ASSISTENTI, vec!["R01", "R03"], vec!["assistenti"]),
            ]
        };
        let blank25 = Scheda::empty(Edizione::builtin("SOC25"));
        let blank26 = Scheda::empty(Edizione::builtin("SOC26"));
        let mut only_r06 = full(Edizione::builtin("SOC25"));
        only_r06.set_valore("R06", None, None).unwrap();
        // Spending below need (R07 200 < R06 300), R08 blank: whether
        // Quadro 3 is due waits for R08 (through R09).
        let below26 = with(full(Edizione::builtin("SOC26")), &[("R06", None, "300.00")]);
        // The Comune's own staff blank, the association's given: R01B is
        // computed, the sentence is known.
        let mut association = with(full(Edizione::builtin("SOC25")), &[("R01A", None, "2.00")]);
        association.set_valore("R01", Some("anno"), None).unwrap();
        // R03 blank and R04 printed: only the social workers wait for it.
        let mut no_r03 = full(Edizione::builtin("SOC25"));
        no_r03.set_valore("R03", None, None).unwrap();
        // One R07 column is enough.
        let mut r07_2021 = with(
            full(Edizione::builtin("SOC25")),
            &[("R07", Some("anno_2021"), "150.00")],
        );
        r07_2021.set_valore("R07", Some("anno_2017"), None).unwrap();
        let cases: Vec<(&str, Scheda, Vec<Expected>)> = vec![
            ("blank SOC25", blank25, blank_expected(users)),
            ("blank SOC26", blank26, blank_expected(users_26)),
            (
                "only R06 missing",
                only_r06,
                vec![(SPESA, vec!["R06"], vec!["quadro2", "quadro3"])],
            ),
            (
                "SOC26 below need",
                below26,
                vec![(QUADRO3, vec!["R08"], vec!["quadro3"])],
            ),
            ("association staff", association, vec![]),
            (
                "no R03",
                no_r03,
                vec![(ASSISTENTI, vec!["R03"], vec!["assistenti"])],
            ),
            ("full", full(Edizione::builtin("SOC25")), vec![]),
            ("R07 2021 given", r07_2021, vec![]),
        ];
        for (name, s, expected) in cases {
            let expected: Vec<(String, Vec<String>, Vec<String>)> = expected
                .into_iter()
                .map(|(per, righe, frasi)| (per.to_string(), strings(&righe), strings(&frasi)))
                .collect();
            assert_eq!(open(&s, Lang::It), expected, "{name}");
        }
    }

    #[test]
    fn a_span_of_rows_speaks_the_language_asked() {
        let blank = Scheda::empty(Edizione::builtin("SOC25"));
        let open = undecided(&blank, Lang::En);
        assert_eq!(
            open[0].righe[0],
            "“Numero di utenti serviti - 2024” of 21 rows (M12 to R0A)"
        );
        // Four blank user rows are one item; three are named.
        let mut s = full(Edizione::builtin("SOC25"));
        s.set_valore("R04", None, None).unwrap();
        let users: Vec<String> = s
            .edizione
            .description()
            .righe()
            .filter(|(_, r)| {
                !r.derivata
                    && r.colonne
                        .iter()
                        .any(|c| c.tipo == Tipo::Utenti && !c.derivata)
            })
            .map(|(_, r)| r.codice.clone())
            .collect();
        for code in &users[3..] {
            s.set_valore(code, Some("utenti"), Some(Valore::Intero(1)))
                .unwrap();
        }
        assert_eq!(undecided(&s, Lang::It)[0].righe, users[..3]);
        s.set_valore(&users[3], Some("utenti"), None).unwrap();
        assert_eq!(
            undecided(&s, Lang::It)[0].righe,
            ["«Numero di utenti serviti - 2024» di 4 righe (da M12 a M21)"]
        );
    }
}
