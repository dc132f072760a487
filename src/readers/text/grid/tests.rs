//! Tests of [`super`] (grid.rs).

use super::*;

fn texts(text: &str) -> Vec<String> {
    lines(text, crate::templates::Templates::builtin().editions())
        .unwrap()
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn a_blank_cell_keeps_its_column() {
    let text = "\
R09 - Risorse aggiuntive             3.396,00
                                                 Modalità di
R10 - Assistenti sociali aggiuntivi (per      determinazione della
ab.)                                 Numero    spesa aggiuntiva     Spesa aggiuntiva
                                       0,00                                    12,50
";
    let got = texts(text);
    let want = [
        "R10 - Assistenti sociali aggiuntivi (per ab.)".to_string(),
        "Numero".to_string(),
        "Modalità di determinazione della spesa aggiuntiva".to_string(),
        "Spesa aggiuntiva".to_string(),
        format!("0,00 {BLANK} 12,50"),
    ];
    assert_eq!(got[2..7], want, "{got:?}");
}

#[test]
fn label_lines_go_with_the_row_they_continue() {
    // A workbook: cells aligned at the bottom, the label wraps upwards.
    let bottom = "\
R0C        Denominazione ATS (fonte: Ministero del Lavoro)        SEBINO - 5
           Ente/Comune capofila dell'ATS (fonte: Ministero del
R0D        Lavoro)                                                ISEO
R01        Numero di assistenti sociali in forza al Comune        1,00     2,00
";
    let got = texts(bottom);
    assert_eq!(
        got[2],
        "R0D - Ente/Comune capofila dell'ATS (fonte: Ministero del Lavoro)"
    );
    // A web page: aligned at the top, the label wraps downwards.
    let top = "\
R0D - Ente/Comune capofila dell'ATS (fonte: Ministero del         ISEO
Lavoro)
R01 - Numero di assistenti sociali in forza al Comune (con        1,00     2,00
qualsiasi forma contrattuale, anche mediante
esternalizzazione)
";
    let got = texts(top);
    assert_eq!(
        got[0],
        "R0D - Ente/Comune capofila dell'ATS (fonte: Ministero del Lavoro)"
    );
    assert_eq!(got[1], "ISEO");
    assert!(got[2].ends_with("mediante esternalizzazione)"), "{got:?}");
    assert_eq!(got[3], "1,00 2,00");
}

#[test]
fn an_answer_under_its_header_stays_with_its_row() {
    let text = "\
R06 - Fabbisogno standard monetario sociale                     124120,25
R20 - Digitalizzazione dei servizi sociali                      Risposta
                                                                      NO
R21 - Sviluppo della rete territoriale integrata con l'ambito   Risposta
                                                                      SI
";
    let got = texts(text);
    assert_eq!(
        got[2..8],
        [
            "R20 - Digitalizzazione dei servizi sociali",
            "Risposta",
            "NO",
            "R21 - Sviluppo della rete territoriale integrata con l'ambito",
            "Risposta",
            "SI",
        ],
        "{got:?}"
    );
}

#[test]
fn a_note_beside_the_values_takes_its_column() {
    let text = "\
  Codice     Descrizione                   Valore                Note
R06        Fabbisogno standard monetario  1984440,83            precompilato
";
    let got = texts(text);
    assert!(
        got.contains(&"1984440,83 precompilato".to_string()),
        "{got:?}"
    );
}
