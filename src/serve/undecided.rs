//! What a form still lacks to conclude: for each conclusion of the rules
//! that its blank values leave open, the rows to fill, and the sentences
//! that wait for it. The page says this instead of a sentence it cannot
//! know (a blank form concludes nothing). The words are the page's
//! (Italian, a clerk's), all in [`WORDS`].

use serde::Serialize;

use crate::form::Tipo;
use crate::model::Scheda;
use crate::rules::{Outcomes, completed};

/// The page's words for each open conclusion.
struct Words {
    servizi: &'static str,
    spesa: &'static str,
    quadro3: &'static str,
    assistenti: &'static str,
}

const WORDS: Words = Words {
    servizi: "livello di servizio, Quadro 1",
    spesa: "spesa rispetto al fabbisogno, Quadri 2 e 3",
    quadro3: "risorse aggiuntive da rendicontare, Quadro 3",
    assistenti: "assistenti sociali per abitante, Quadro 1",
};

/// One conclusion the rules cannot draw yet.
#[derive(Debug, Clone, Serialize)]
pub struct Open {
    /// What is not concluded, in the clerk's words.
    pub per: &'static str,
    /// The rows whose blank values keep it open (`R05`, `M12`).
    pub righe: Vec<String>,
    /// The sentences (as the rules' report names them) that wait for it.
    pub frasi: Vec<&'static str>,
}

/// The conclusions of `s` that its blank values leave open.
pub fn undecided(s: &Scheda, o: &Outcomes) -> Vec<Open> {
    // The derived values, printed or computed.
    let full = completed(s);
    let mut open = Vec::new();
    if o.servizi_inferiore.is_none() {
        let mut righe = Vec::new();
        if full.valore("R04", None).is_none() {
            if full.valore("R0B", Some("utenti")).is_none() {
                righe.extend(user_rows(s));
            }
            if s.valore("R03", None).is_none() {
                righe.push("R03".to_string());
            }
        }
        if s.valore("R05", None).is_none() {
            righe.push("R05".to_string());
        }
        open.push(Open {
            per: WORDS.servizi,
            righe,
            frasi: vec!["servizi", "servizi_seguito", "quadro2"],
        });
    }
    match o.spesa_inferiore {
        None => {
            let mut righe = Vec::new();
            if s.valore("R06", None).is_none() {
                righe.push("R06".to_string());
            }
            if crate::rules::spesa_storica(s).is_none() {
                righe.push("R07".to_string());
            }
            open.push(Open {
                per: WORDS.spesa,
                righe,
                frasi: vec!["quadro2", "quadro3"],
            });
        }
        Some(true) if o.quadro3_dovuto.is_none() => open.push(Open {
            per: WORDS.quadro3,
            righe: vec!["R08".to_string()],
            frasi: vec!["quadro3"],
        }),
        _ => {}
    }
    // The Comune's own social workers of the year decide the sentence (R01A,
    // those of the association, may be blank).
    let no_staff = s.valore("R01", Some("anno")).is_none();
    if no_staff || (o.assistenti_nulli == Some(false) && full.valore("R01B", None).is_none()) {
        let mut righe = Vec::new();
        if no_staff {
            righe.push("R01".to_string());
        }
        if s.valore("R03", None).is_none() {
            righe.push("R03".to_string());
        }
        open.push(Open {
            per: WORDS.assistenti,
            righe,
            frasi: vec!["assistenti"],
        });
    }
    open
}

/// The user rows of Quadro 1 (those R0B sums) whose users of the year are
/// blank, as the edition's description lists them; more than three as one
/// span (`gli utenti 2024 di 21 righe (da M12 a R0A)`).
fn user_rows(s: &Scheda) -> Vec<String> {
    let blank: Vec<String> = s
        .edizione
        .description()
        .righe()
        .filter(|(q, r)| *q == 1 && !r.derivata && r.colonne.iter().any(|c| c.tipo == Tipo::Utenti))
        .filter(|(_, r)| s.valore(&r.codice, Some("utenti")).is_none())
        .map(|(_, r)| r.codice.clone())
        .collect();
    match (blank.first(), blank.last()) {
        (Some(first), Some(last)) if blank.len() > 3 => vec![format!(
            "gli utenti {} di {} righe (da {first} a {last})",
            s.anno,
            blank.len()
        )],
        _ => blank,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edizione;

    #[test]
    fn a_blank_form_leaves_every_conclusion_open_and_a_full_one_none() {
        let blank = Scheda::empty(Edizione::builtin("SOC25"));
        let open = undecided(&blank, &crate::rules::outcomes(&blank));
        let per: Vec<&str> = open.iter().map(|o| o.per).collect();
        assert_eq!(per, [WORDS.servizi, WORDS.spesa, WORDS.assistenti]);
        assert!(open[0].righe[0].contains("da M12 a R0A"), "{open:?}");
        assert!(open[0].righe.contains(&"R05".to_string()), "{open:?}");
        assert_eq!(open[1].righe, ["R06", "R07"]);

        let mut full = blank.clone();
        for (code, campo, value) in [
            ("R04", None, 20),
            ("R05", None, 10),
            ("R01", Some("anno"), 1),
            ("R01B", None, 3000),
            ("R06", None, 100),
            ("R07", Some("anno_2017"), 200),
        ] {
            full.set_valore(code, campo, Some(crate::model::Valore::Intero(value)))
                .unwrap();
        }
        let open = undecided(&full, &crate::rules::outcomes(&full));
        assert!(open.is_empty(), "{open:?}");
    }
}
