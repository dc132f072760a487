//! The header block: the Comune's data that the form prints above Quadro 1
//! (`Denominazione`, `Codice indentificativo`, `Data ultima modifica`), in
//! one list with the form's labels. Every rendering that prints or reads the
//! block takes its fields and labels from here: the PDF's layouts (through
//! `/edizione.json`), the page (through `GET /api/editions/CODE`), the
//! extracted text, the workbook's `Ente` sheet (whose keys they are), their
//! readers, and the model's paths of the Comune's fields.

/// A field of the Comune's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CampoEnte {
    /// The Comune's name.
    Denominazione,
    /// The province's two letters.
    Provincia,
    /// The Comune's code on the portal.
    Codice,
    /// The date of the form's last change.
    Data,
}

/// A field of the Comune's data and how the form labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Intestazione {
    /// The field.
    pub campo: CampoEnte,
    /// Its name in the model (`denominazione`: `/ente/denominazione`) and
    /// in a layout's data.
    pub nome: &'static str,
    /// The label the form prints before it, word for word (`Codice
    /// indentificativo`, sic); the key of the workbook's `Ente` sheet.
    pub etichetta: &'static str,
    /// Other wordings of the label met in files (`Codice identificativo`).
    pub varianti: &'static [&'static str],
    /// Whether it holds a date and time (`dd/mm/yyyy hh:mm` as printed),
    /// else a text.
    pub data: bool,
    /// Whether the printed block gives it a line of its own: the province
    /// is printed after the Comune's name instead (`SONDRIO (SO)`).
    pub riga: bool,
}

const DENOMINAZIONE: Intestazione = Intestazione {
    campo: CampoEnte::Denominazione,
    nome: "denominazione",
    etichetta: "Denominazione",
    varianti: &[],
    data: false,
    riga: true,
};

const PROVINCIA: Intestazione = Intestazione {
    campo: CampoEnte::Provincia,
    nome: "provincia",
    etichetta: "Provincia",
    varianti: &[],
    data: false,
    riga: false,
};

const CODICE: Intestazione = Intestazione {
    campo: CampoEnte::Codice,
    nome: "codice",
    etichetta: "Codice indentificativo",
    varianti: &["Codice identificativo"],
    data: false,
    riga: true,
};

const DATA: Intestazione = Intestazione {
    campo: CampoEnte::Data,
    nome: "data",
    etichetta: "Data ultima modifica",
    varianti: &[],
    data: true,
    riga: true,
};

/// The Comune's fields, in the model's order.
pub const INTESTAZIONE: [Intestazione; 4] = [DENOMINAZIONE, PROVINCIA, CODICE, DATA];

impl CampoEnte {
    /// Its entry of [`INTESTAZIONE`].
    pub const fn intestazione(self) -> &'static Intestazione {
        match self {
            CampoEnte::Denominazione => &DENOMINAZIONE,
            CampoEnte::Provincia => &PROVINCIA,
            CampoEnte::Codice => &CODICE,
            CampoEnte::Data => &DATA,
        }
    }

    /// The label the form prints before it.
    pub const fn etichetta(self) -> &'static str {
        self.intestazione().etichetta
    }

    /// Its name in the model.
    pub const fn nome(self) -> &'static str {
        self.intestazione().nome
    }
}

impl Intestazione {
    /// The fields the printed block has a line for, in order.
    pub fn stampate() -> impl Iterator<Item = &'static Intestazione> {
        let all: &'static [Intestazione] = &INTESTAZIONE;
        all.iter().filter(|i| i.riga)
    }

    /// The label and its other wordings.
    pub fn etichette(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.etichetta).chain(self.varianti.iter().copied())
    }

    /// The JSON pointer of its field in the model (`/ente/denominazione`).
    pub fn pointer(&self) -> String {
        format!("/ente/{}", self.nome)
    }

    /// What it holds, as an edition's JSON says it: `data` or `testo`.
    pub fn valore(&self) -> &'static str {
        if self.data { "data" } else { "testo" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_finds_its_own_entry() {
        for i in &INTESTAZIONE {
            assert_eq!(i.campo.intestazione(), i);
        }
        let printed: Vec<&str> = Intestazione::stampate().map(|i| i.etichetta).collect();
        assert_eq!(
            printed,
            [
                "Denominazione",
                "Codice indentificativo",
                "Data ultima modifica"
            ]
        );
    }
}
