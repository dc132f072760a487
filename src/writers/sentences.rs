//! The sentences a description's `frasi` entry prints, by their catalogue
//! names (`frasi = ["assistenti", "lep"]`): one table from a name to the
//! sentences the rules chose for it, for every writer that prints them (the
//! PDF's data, the extracted text).

use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity};
use crate::messages::{Message, kind};
use crate::model::Edizione;
use crate::rules::Sentences;

/// The sentences of `frasi` that the catalogue name `name` stands for
/// (`lep`, `quadro2`, ...), in order, possibly none; `None` for a name the
/// rules never choose.
fn chosen<'a>(frasi: &'a Sentences, name: &str) -> Option<Vec<&'a str>> {
    Some(match name {
        "assistenti" => frasi.assistenti.as_deref().into_iter().collect(),
        "lep" => vec![frasi.lep.as_str()],
        "servizi" => frasi.servizi.as_deref().into_iter().collect(),
        "servizi_seguito" => vec![frasi.servizi_seguito.as_str()],
        "quadro2" => frasi.quadro2.iter().map(String::as_str).collect(),
        "quadro3" => frasi.quadro3.iter().map(String::as_str).collect(),
        _ => return None,
    })
}

/// [`chosen`], where a name the rules never choose is an error of the
/// edition's description, at the line (`line`) of its `frasi` entry.
pub(crate) fn named<'a>(
    frasi: &'a Sentences,
    name: &str,
    edizione: Edizione,
    line: usize,
) -> Result<Vec<&'a str>> {
    chosen(frasi, name).ok_or_else(|| {
        Error::new(
            Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::UNKNOWN_SENTENCES,
                    [("edition", edizione.code().into()), ("name", name.into())],
                ),
                Some(Message::new(kind::SENTENCES_HINT, [])),
            )
            .at(Location::file_line(
                format!("editions/{}.toml", edizione.code()),
                line,
            )),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::VoceKind;

    #[test]
    fn every_sentence_name_of_the_built_in_editions_is_chosen() {
        let sentences = Sentences::default();
        for &ed in crate::templates::Templates::builtin().editions() {
            for v in ed.description().quadri.iter().flat_map(|q| &q.voci) {
                if let VoceKind::Frasi(nomi) = &v.kind {
                    for nome in nomi {
                        assert!(chosen(&sentences, nome).is_some(), "{ed}: {nome}");
                    }
                }
            }
        }
        assert!(chosen(&sentences, "nonesuch").is_none());
    }

    #[test]
    fn sentences_are_found_by_their_catalogue_names() {
        let frasi = Sentences {
            lep: "lep".into(),
            quadro2: vec!["a".into(), "b".into()],
            ..Sentences::default()
        };
        let ed = Edizione::builtin("SOC26");
        assert_eq!(named(&frasi, "quadro2", ed, 7).unwrap(), ["a", "b"]);
        assert!(named(&frasi, "assistenti", ed, 7).unwrap().is_empty());
        let err = named(&frasi, "saluti", ed, 7).unwrap_err();
        assert_eq!(
            err.diagnostics
                .first()
                .unwrap()
                .message_in(crate::messages::Lang::It),
            "la descrizione dell'edizione SOC26 stampa le frasi `saluti`, che le regole non \
             scelgono mai"
        );
        let err = err.to_string();
        assert!(err.contains("the sentences `saluti`, which"), "{err}");
        assert!(err.contains("editions/SOC26.toml:7"), "{err}");
    }
}
