//! The form's layout as data: one description per edition (SOC25, SOC26, and
//! whatever edition a `templates/editions/*.toml` file adds at run time).
//!
//! A description ([`Edition`]) holds the edition's years, title and rule
//! parameters, and every quadro with what it prints in order ([`Voce`]):
//! headings, notes, rows with their labels word for word, their columns (header,
//! kind, model field) and the SI/NO questions, and the formula of every
//! derived value ([`expr`]). It is hub data: readers, writers
//! and templates are projections of it, as pandoc's spokes are of its one
//! document type, and a difference between editions is a property of their
//! descriptions, never a test of an edition's name.
//!
//! Descriptions are TOML files (`templates/editions/SOC25.toml` documents the
//! format in its comments), compiled in and replaceable from a directory at
//! run time ([`Registry`]); [`load`] reads one, with errors naming the file and
//! the line. The files themselves, compiled in or from a directory, are read
//! by [`files`]; a [`crate::templates::Templates`] value holds the editions
//! a process works with, as [`Edizione`] handles.

mod edizione;
pub mod expr;
pub mod files;
mod intestazione;
pub mod json;
mod load;
mod registry;
mod riporto;
pub mod sheets;

pub use edizione::Edizione;
pub(crate) use edizione::handles;
pub use expr::{Calcolo, Field};
pub use intestazione::{CampoEnte, INTESTAZIONE, Intestazione};
pub use load::load;
pub use registry::{Registry, Source};
pub use riporto::{Campo, Riporto};

use std::fmt;

use crate::messages::{Message, kind};

/// One edition of the form, as its description file gives it, with every
/// text's placeholders (`{anno}`, `{fabbisogno}`, ...) filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The edition's code (`SOC25`), as it names its files.
    pub codice: String,
    /// The title line printed on every page.
    pub titolo: String,
    /// Pages of the printed form.
    pub pagine: u32,
    /// The extracted-text layout written by default.
    pub layout_testo: Rendering,
    /// The years the form's texts and columns name.
    pub anni: Anni,
    /// The rule parameters that differ between editions.
    pub regole: Regole,
    /// Other spellings of row codes in extracted text (`R0A` -> `ROA`).
    pub spellings: Vec<(String, Vec<String>)>,
    /// The quadri, in order.
    pub quadri: Vec<Quadro>,
    /// The derived values and their formulas, in the order the rules
    /// compute them ([`expr`]).
    pub calcoli: Vec<Calcolo>,
    /// What the rules conclude, each a condition or a choice among
    /// conditions ([`expr::Esito`]), in order.
    pub esiti: Vec<expr::Esito>,
    /// What the batch report gives of a form of this edition, in order
    /// (`riepilogo`): values of the form and outcomes.
    pub riepilogo: Vec<Riepilogo>,
    /// What the edition takes from the edition before it (`[riporto]`),
    /// if it says.
    pub riporto: Option<Riporto>,
}

/// One item of an edition's `riepilogo`: a column of the batch report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Riepilogo {
    /// A value of the form (`R04`, `R01.anno`).
    Valore(Field),
    /// An outcome, by its `[[esito]]` name (`caso`).
    Esito(String),
}

impl Riepilogo {
    /// Its name, as the description writes it (`R04`, `caso`).
    pub fn name(&self) -> String {
        match self {
            Riepilogo::Valore(f) => f.to_string(),
            Riepilogo::Esito(nome) => nome.clone(),
        }
    }
}

/// The years of an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anni {
    /// Y, the reporting year (2024 for SOC25).
    pub anno: i32,
    /// The users' base year (2019).
    pub utenti_base: i32,
    /// The staff's base year (2020).
    pub personale_base: i32,
    /// The population's date, 31/12 of this year (Y - 1).
    pub popolazione: i32,
    /// The year of the ATS estimate in R0E (Y - 1).
    pub stima_ats: i32,
    /// The three years of the fabbisogno standard (`2022-2024`).
    pub fabbisogno: String,
}

/// The rule parameters of an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regole {
    /// Whether Quadro 4 has the structured SI/NO questions.
    pub domande: bool,
    /// The code of the free-text report (`R40`, `R16`).
    pub relazione: String,
}

/// A rendering of the form, where renderings print it differently: scheda's
/// PDF, and the layouts of extracted text that the text reader knows and
/// the text writer writes (the edition's `layout_testo` by default). The
/// one name of a text layout, for the description files, the command line
/// (`--layout`), the text reader's detection and the text writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rendering {
    /// scheda's PDF.
    Pdf,
    /// The portal's PDF (or scheda's) through pdftotext: each row's label,
    /// then its column headers, then its values on a line of their own.
    Pdftotext,
    /// The portal page copied as text: tab-separated cells, `<input>` tags
    /// for the editable fields of Quadro 3.
    Portale,
    /// A copy of the IFEL page (read only): values on the label's line,
    /// `R00C` codes, dotted thousands, no Quadro 3 when there is nothing to
    /// report.
    Ifel,
    /// `pdftotext -layout` of a PDF of the form (read only): cells side by
    /// side, aligned with spaces, which the text reader puts back in
    /// reading order first.
    PdftotextLayout,
}

impl Rendering {
    /// The extracted-text layouts the text writer writes, with the name
    /// and the other word that `--layout` takes for each.
    pub const WRITTEN: [(Rendering, &'static str, &'static str); 2] = [
        (Rendering::Pdftotext, "pdftotext", "pdf"),
        (Rendering::Portale, "portal", "portale"),
    ];

    /// The name used in description files.
    pub fn name(self) -> &'static str {
        match self {
            Rendering::Pdf => "pdf",
            Rendering::Pdftotext => "pdftotext",
            Rendering::Portale => "portale",
            Rendering::Ifel => "ifel",
            Rendering::PdftotextLayout => "pdftotext -layout",
        }
    }

    /// The text layout that `--layout` names (any case): `pdftotext` (or
    /// `pdf`), `portal` (or `portale`).
    pub fn written_named(name: &str) -> Result<Rendering, Message> {
        let lower = name.to_ascii_lowercase();
        Rendering::WRITTEN
            .iter()
            .find(|(_, name, alias)| [*name, *alias].contains(&lower.as_str()))
            .map(|(r, _, _)| *r)
            .ok_or_else(|| Message::new(kind::TEXT_LAYOUT_UNKNOWN, [("name", lower.into())]))
    }
}

/// A text layout as messages and the command line name it (`portal`,
/// `pdftotext -layout`).
impl fmt::Display for Rendering {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rendering::Portale => "portal",
            other => other.name(),
        })
    }
}

/// One quadro of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quadro {
    /// 1 to 4.
    pub numero: u8,
    /// The lines of the side band naming the quadro.
    pub fascia: Vec<String>,
    /// The quadro's name where a heading names it (`Quadro 4 - Relazione`),
    /// if it is not the band's lines joined (description key `titolo`).
    pub titolo: Option<String>,
    /// What the quadro prints, in order.
    pub voci: Vec<Voce>,
}

/// One thing a quadro prints, possibly only in some renderings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voce {
    /// What it is.
    pub kind: VoceKind,
    /// The renderings that print it; `None` for all of them.
    pub solo: Option<Vec<Rendering>>,
    /// How the portal page arranges this entry and the ones after it, to
    /// the end of the quadro or the next entry that says; `None` to go on
    /// as before (a quadro starts in [`Disposizione::Blocchi`]).
    pub portale: Option<Disposizione>,
    /// The line of the description it comes from.
    pub line: usize,
    /// Whether a rendering laid out line by line (the workbook) sets it
    /// apart with a blank line before it (description key `spazio`).
    pub spazio: bool,
}

/// How the portal page arranges a run of entries (the `portale` key): the
/// shape of its HTML tables, as a browser copies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disposizione {
    /// Each row its own small table, followed by an empty line.
    Blocchi,
    /// One table of cells: headings, rows and sentences one per line.
    Tabella,
    /// Each row its own table of input fields.
    Campi,
}

impl Disposizione {
    /// Every arrangement, with its name in description files.
    pub const ALL: [(Disposizione, &'static str); 3] = [
        (Disposizione::Blocchi, "blocchi"),
        (Disposizione::Tabella, "tabella"),
        (Disposizione::Campi, "campi"),
    ];
}

impl Voce {
    /// Whether `rendering` prints this entry.
    pub fn in_rendering(&self, rendering: Rendering) -> bool {
        self.solo.as_ref().is_none_or(|r| r.contains(&rendering))
    }
}

/// What a [`Voce`] prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoceKind {
    /// The header block: the Comune's data ([`INTESTAZIONE`]).
    Intestazione,
    /// A paragraph; bold where `grassetto`; opening Quadro 4 section
    /// `sezione` where given.
    Nota {
        /// The text.
        testo: String,
        /// Printed bold.
        grassetto: bool,
        /// The Quadro 4 section this note opens.
        sezione: Option<u8>,
    },
    /// A group heading (`Interventi e servizi`).
    Gruppo(String),
    /// A full-width heading bar (`Informazioni relative al Comune`).
    Barra(String),
    /// A row of the form.
    Riga(Riga),
    /// The sentences the rules choose, by catalogue name.
    Frasi(Vec<String>),
    /// A SI/NO question of Quadro 4.
    Domanda {
        /// Its code (`R16`).
        codice: String,
        /// Its label as printed (`R16 - Scelta ...`).
        etichetta: String,
    },
    /// A caption under a question.
    Didascalia(String),
    /// A page break.
    Pagina,
}

/// A row of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Riga {
    /// The row's code as the model names it (`R0A`).
    pub codice: String,
    /// The label as printed, code included (`ROA - Utenti Multiutenza`).
    pub etichetta: String,
    /// Other wordings of the label met in extracted text.
    pub varianti: Vec<String>,
    /// The columns, in order.
    pub colonne: Vec<Colonna>,
    /// Whether the rules compute the whole row (R0B).
    pub derivata: bool,
    /// Whether the JSON model leaves the row out when it is blank (the
    /// "di cui" rows SOC26 added; description key `facoltativa`).
    pub facoltativa: bool,
}

/// A column of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colonna {
    /// The model field within the row (`utenti_2019`); `None` for a row of
    /// one value.
    pub campo: Option<String>,
    /// What the column holds.
    pub tipo: Tipo,
    /// The header printed above the values, if any.
    pub intestazione: Option<String>,
    /// Other wordings of the header met in extracted text (the other
    /// edition's, the IFEL page's); a bare number among them is a year some
    /// page prints as the column's header.
    pub varianti: Vec<String>,
    /// Whether the rules compute it.
    pub derivata: bool,
    /// Its width in column units (1 unless wider).
    pub larghezza: u8,
    /// How a value is printed, `{}` standing for it
    /// (`1 assistente ogni : {}`).
    pub formato: Option<String>,
    /// What is printed when the value is blank (`NON CALCOLABILE`).
    pub vuoto: Option<String>,
}

/// The kind of value a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tipo {
    /// A count of users (whole, not negative).
    Utenti,
    /// A count of hours (whole, not negative).
    Ore,
    /// Mean hours, two decimals (derived).
    Media,
    /// A staff count, two decimals.
    Personale,
    /// Inhabitants (whole).
    Abitanti,
    /// Inhabitants per social worker (whole), R01B.
    Rapporto,
    /// Inhabitants per social worker at ATS level, or blank when not
    /// computable (R0E).
    RapportoAts,
    /// A percentage, two decimals.
    Percentuale,
    /// A euro amount, two decimals.
    Euro,
    /// A short text.
    Testo,
    /// A SI/NO answer.
    Sino,
    /// The free-text report (at most 6.000 characters).
    Relazione,
}

impl Tipo {
    /// Every kind, with its name in description files.
    pub const ALL: [(Tipo, &'static str); 12] = [
        (Tipo::Utenti, "utenti"),
        (Tipo::Ore, "ore"),
        (Tipo::Media, "media"),
        (Tipo::Personale, "personale"),
        (Tipo::Abitanti, "abitanti"),
        (Tipo::Rapporto, "rapporto"),
        (Tipo::RapportoAts, "rapporto_ats"),
        (Tipo::Percentuale, "percentuale"),
        (Tipo::Euro, "euro"),
        (Tipo::Testo, "testo"),
        (Tipo::Sino, "sino"),
        (Tipo::Relazione, "relazione"),
    ];

    /// The kind's name in description files.
    pub fn name(self) -> &'static str {
        Tipo::ALL
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("?", |(_, n)| n)
    }
}

impl Quadro {
    /// The quadro's name: its `titolo`, else the band's lines joined
    /// (`Autodiagnosi della spesa per il sociale`).
    pub fn nome(&self) -> String {
        self.titolo.clone().unwrap_or_else(|| self.fascia.join(" "))
    }
}

impl Riga {
    /// A SI/NO question seen as a row of one `sino` column, for the
    /// renderings that lay questions out as rows (the workbook).
    pub fn domanda(codice: &str, etichetta: &str) -> Riga {
        Riga {
            codice: codice.to_string(),
            etichetta: etichetta.to_string(),
            varianti: Vec::new(),
            colonne: vec![Colonna {
                campo: None,
                tipo: Tipo::Sino,
                intestazione: None,
                derivata: false,
                larghezza: 1,
                formato: None,
                vuoto: None,
                varianti: Vec::new(),
            }],
            derivata: false,
            facoltativa: false,
        }
    }
}

impl Edition {
    /// Every row, in the form's order, with its quadro's number.
    pub fn righe(&self) -> impl Iterator<Item = (u8, &Riga)> {
        self.quadri.iter().flat_map(|q| {
            q.voci.iter().filter_map(move |v| match &v.kind {
                VoceKind::Riga(r) => Some((q.numero, r)),
                _ => None,
            })
        })
    }

    /// The row named `codice`, if the edition has it.
    pub fn riga(&self, codice: &str) -> Option<&Riga> {
        self.righe().map(|(_, r)| r).find(|r| r.codice == codice)
    }

    /// The SI/NO questions of Quadro 4, in order: code and label.
    pub fn domande(&self) -> impl Iterator<Item = (&str, &str)> {
        self.quadri
            .iter()
            .flat_map(|q| &q.voci)
            .filter_map(|v| match &v.kind {
                VoceKind::Domanda { codice, etichetta } => {
                    Some((codice.as_str(), etichetta.as_str()))
                }
                _ => None,
            })
    }

    /// The rule that computes the field `codice`.`campo`, if one does.
    pub fn calcolo(&self, codice: &str, campo: Option<&str>) -> Option<&Calcolo> {
        self.calcoli
            .iter()
            .find(|c| c.campo.codice == codice && c.campo.campo.as_deref() == campo)
    }

    /// The code of a row as the edition prints it: the first word of its
    /// label when that is one of the code's spellings (`ROB` in SOC26), else
    /// the code. Messages name rows so, as the clerk reads them on the form.
    pub fn printed_code<'a>(&'a self, codice: &'a str) -> &'a str {
        self.riga(codice)
            .and_then(|r| r.etichetta.split_whitespace().next())
            .filter(|first| *first != codice && self.spellings_of(codice).contains(first))
            .unwrap_or(codice)
    }

    /// Every spelling of a row code in extracted text, the code first.
    pub fn spellings_of<'a>(&'a self, codice: &'a str) -> Vec<&'a str> {
        let mut out = vec![codice];
        if let Some((_, other)) = self.spellings.iter().find(|(c, _)| c == codice) {
            out.extend(other.iter().map(String::as_str));
        }
        out
    }
}
