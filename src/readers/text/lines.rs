//! Lines of an extracted text: splitting, normalisation, and recognising the
//! lines that are print furniture (title, footer, side band, headings, the
//! page-1 header block, the IFEL closing text) rather than data.
//!
//! Normalisation maps every space-like character (NBSP, tab, form feed,
//! U+2000-U+200A, U+202F, U+3000) to one space, collapses runs, trims, maps
//! U+2010, U+2011 and U+2212 to `-`, writes ligatures (`ﬁ`, `ﬂ`, ...) as
//! their letters and drops zero-width characters, so that
//! the rest of the reader compares printed text with plain strings. Line
//! numbers stay those of the input (a form feed is not a line break).

use super::tags;
use crate::form::Intestazione;
use crate::model::Edizione;

/// One line of the input, normalised.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// 1-based line number in the input.
    pub no: usize,
    /// Normalised text (see the module documentation).
    pub text: String,
    /// What kind of print furniture the line is, if any.
    pub furniture: Option<Furniture>,
    /// Whether the raw line has a tab between two pieces of text (a cell
    /// separator of the portal page, not padding).
    pub inner_tab: bool,
    /// Whether the raw line holds an `<input>` or `<textarea>` tag.
    pub has_input: bool,
}

impl Line {
    /// Whether the line is empty after normalisation.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Print furniture: lines that belong to the page, not to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Furniture {
    /// The title of an edition (its `titolo`: `CODE - SOCIALE - SCHEDA DI
    /// MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO YEAR`).
    Title,
    /// `Pagina 4 di 7 Data 25/03/2025 11:18` (or either half of it).
    Footer,
    /// The left-hand band naming the quadro (`Quadro 1`, `Autodiagnosi del`, ...).
    Band,
    /// Group headings and sub-headings (`Strutture`, `Informazioni relative ...`).
    Heading,
    /// The page-1 header block (`Denominazione ...`, `Comune SONDRIO (SO)`).
    Header,
    /// The closing text of the IFEL page (`NOTA BENE`, `ATTENZIONE:`, `ASSISTENZA:`).
    Closing,
    /// What a browser adds to each page it prints: the date and time with
    /// the page's title at the top (`12/4/26, 5:15 PM  SOC25 - ...`), the
    /// page's address and `n/N` at the bottom (`file:///.../scheda.html 6/7`).
    Browser,
    /// A page number alone on its line, as report engines and word
    /// processors print it: `Pagina 5`, `Pag. 5 di 7`, `Page 5 of 7`,
    /// `5 di 7`, `- 5 -`.
    PageNumber,
}

impl Furniture {
    /// Whether the furniture can interrupt the free-text report: page
    /// furniture, which a report running over a page break is printed around.
    pub fn interrupts_text(self) -> bool {
        matches!(
            self,
            Furniture::Title
                | Furniture::Footer
                | Furniture::Band
                | Furniture::Browser
                | Furniture::PageNumber
        )
    }
}

/// Split a text into normalised lines (`\r\n`, `\n` and a lone `\r` end a
/// line). A leading byte-order mark is dropped.
pub(super) fn split(text: &str, editions: &[Edizione]) -> Vec<Line> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut raw = Vec::new();
    let mut rest = text;
    let mut no = 1;
    loop {
        let (line, next) = match rest.find(['\n', '\r']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], Some(&rest[i + skip..]))
            }
            None => (rest, None),
        };
        raw.push((no, line));
        match next {
            Some(n) => rest = n,
            None => break,
        }
        no += 1;
    }
    split_numbered(raw, editions)
}

/// [`split`], knowing the built-in editions.
#[cfg(test)]
pub(super) fn split_builtin(text: &str) -> Vec<Line> {
    split(text, crate::templates::Templates::builtin().editions())
}

/// Normalise lines already split, each with its 1-based number in the
/// input; the titles and bands are those of `editions`.
pub(super) fn split_numbered<'a>(
    raw: impl IntoIterator<Item = (usize, &'a str)>,
    editions: &[Edizione],
) -> Vec<Line> {
    let titles = Titles::of(editions);
    let mut out: Vec<Line> = Vec::new();
    for (no, raw) in raw {
        let mut l = line(no, raw, &titles);
        // A band line or a title wrapped before its year (`Obiettivi di
        // servizio` / `2024`): the year is band, or title, too.
        if l.furniture.is_none() && is_year(&l.text) {
            l.furniture = out
                .iter()
                .rev()
                .find(|p: &&Line| !p.is_blank())
                .and_then(|p| p.furniture)
                .filter(|f| matches!(f, Furniture::Band | Furniture::Title));
        }
        out.push(l);
    }
    code_printed_twice(&mut out);
    out
}

/// A row code printed in a column of its own as well as at the start of the
/// label (a workbook printed to PDF): `R08 R08 - Risorse ...` reads as
/// `R08 - Risorse ...`, and a line holding only the code, followed by the
/// label that starts with it, is dropped.
fn code_printed_twice(lines: &mut [Line]) {
    let is_code = |w: &str| {
        (2..=5).contains(&w.len())
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.bytes()
                .skip(1)
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && w.bytes().any(|b| b.is_ascii_digit())
    };
    for i in 0..lines.len() {
        let Some(text) = lines.get(i).map(|l| l.text.clone()) else {
            continue;
        };
        let mut words = text.splitn(3, ' ');
        let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        if is_code(first) && first == second {
            if let (Some(line), Some(rest)) = (lines.get_mut(i), text.get(first.len() + 1..)) {
                line.text = rest.to_string();
            }
            continue;
        }
        if is_code(&text) {
            let next = lines.iter().skip(i + 1).find(|l| !l.is_blank());
            let label_follows = next.is_some_and(|n| {
                n.text
                    .strip_prefix(text.as_str())
                    .is_some_and(|rest| rest.starts_with([' ', '-']))
            });
            if let Some(line) = lines.get_mut(i).filter(|_| label_follows) {
                line.text.clear();
            }
        }
    }
}

fn line(no: usize, raw: &str, titles: &Titles) -> Line {
    let has_input = raw.contains("<input") || raw.contains("<textarea");
    let inner_tab = raw
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
        .contains('\t');
    let text = if raw.contains('<') {
        normalize(&tags::replace_tags(raw))
    } else {
        normalize(raw)
    };
    let furniture = classify_with(&text, titles);
    Line {
        no,
        text,
        furniture,
        inner_tab,
        has_input,
    }
}

/// Normalise one line (see the module documentation).
pub(super) fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if let Some(letters) = ligature(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(letters);
            continue;
        }
        let c = match c {
            '\u{2010}' | '\u{2011}' | '\u{2212}' => '-',
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{00AD}' | '\u{2060}' => {
                continue;
            }
            c if c.is_whitespace() || c == '\u{a0}' => {
                space = !out.is_empty();
                continue;
            }
            c if c.is_control() => {
                space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The letters a Latin ligature stands for (its NFKC form): typesetting
/// engines draw `fi` as `ﬁ` (U+FB01), and a PDF's text keeps the ligature.
fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return None,
    })
}

/// Band lines, lower case, as the portal's PDF prints them.
const BAND: [&str; 9] = [
    "autodiagnosi del",
    "autodiagnosi del numero di utenti serviti",
    "autodiagnosi della",
    "spesa per il sociale",
    "autodiagnosi della spesa per il sociale",
    "relazione in formato",
    "strutturato",
    "relazione in formato strutturato",
    "relazione in formato libero",
];

/// Group headings, lower case.
const HEADINGS: [&str; 4] = [
    "interventi e servizi",
    "contributi economici",
    "strutture",
    "totale",
];

/// The title lines of some editions, normalised, and their side
/// bands (`fascia`) lower case, their lines joined (`autodiagnosi del numero
/// di utenti serviti`).
struct Titles(Vec<String>, Vec<String>);

impl Titles {
    fn of(editions: &[Edizione]) -> Titles {
        let titles = editions
            .iter()
            .map(|e| normalize(&e.description().titolo))
            .collect();
        let mut bands: Vec<String> = band_lines(editions.iter().copied())
            .into_iter()
            .map(|lines| lines.join(" "))
            .collect();
        bands.sort();
        bands.dedup();
        Titles(titles, bands)
    }
}

/// The lines of each side band of `editions`, normalised, lower case.
fn band_lines(editions: impl Iterator<Item = Edizione>) -> Vec<Vec<String>> {
    editions
        .flat_map(|e| &e.description().quadri)
        .map(|q| {
            q.fascia
                .iter()
                .map(|l| normalize(l).to_lowercase())
                .collect()
        })
        .collect()
}

/// Whether `text` (normalised) is one line of a side band of `ed` or an
/// edition known with it. Only where no column header can stand (the header block):
/// `Numero di utenti serviti` is both a band line and the first line of a
/// header as pdftotext splits it.
pub(super) fn is_band_line(text: &str, ed: Edizione) -> bool {
    let lower = text.to_lowercase();
    band_lines(ed.known_with())
        .iter()
        .flatten()
        .any(|l| *l == lower)
}

/// What kind of furniture a normalised line is.
#[cfg(test)]
pub(super) fn classify(text: &str) -> Option<Furniture> {
    classify_with(
        text,
        &Titles::of(crate::templates::Templates::builtin().editions()),
    )
}

/// What kind of furniture a normalised line is, `titles` being those of
/// the known editions.
fn classify_with(text: &str, titles: &Titles) -> Option<Furniture> {
    if text.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(' ').collect();
    if is_title(text, &lower, titles) {
        Some(Furniture::Title)
    } else if is_footer(&words) {
        Some(Furniture::Footer)
    } else if is_browser_line(&words) {
        Some(Furniture::Browser)
    } else if is_page_number(&words) {
        Some(Furniture::PageNumber)
    } else if lower == crate::form::sheets::ENTE_COLUMNS.join(" ").to_lowercase() {
        // The `Ente` sheet of a workbook printed to PDF, after the form.
        Some(Furniture::Closing)
    } else if lower.starts_with("nota bene")
        || lower.starts_with("attenzione:")
        || lower.starts_with("assistenza:")
        || lower == "attenzione"
        || lower == "assistenza"
    {
        Some(Furniture::Closing)
    } else if BAND.contains(&lower.as_str()) || titles.1.contains(&lower) || is_quadro_band(&words)
    {
        Some(Furniture::Band)
    } else if let Some(kind) = obiettivi(&words) {
        Some(kind)
    } else if HEADINGS.contains(&lower.as_str())
        || lower.starts_with("informazioni relative ")
        || is_table_header(&words)
    {
        Some(Furniture::Heading)
    } else if is_header_block(text, &lower) {
        Some(Furniture::Header)
    } else {
        None
    }
}

/// The title line: the title of a known edition (spacing aside), or a line
/// that reads like one, an edition's code (`SOC` and digits) followed by
/// `scheda di monitoraggio`: the code of an edition this build may not know.
fn is_title(text: &str, lower: &str, titles: &Titles) -> bool {
    let coded = lower
        .strip_prefix("soc")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    coded && lower.contains("scheda di monitoraggio") || titles.0.iter().any(|t| t == text)
}

/// `Quadro 2`, `Quadro 2 - Autodiagnosi ...`, `4 - QUADRO DELLA RELAZIONE ...`.
fn is_quadro_band(words: &[&str]) -> bool {
    let digit = |w: &str| matches!(w, "1" | "2" | "3" | "4");
    match words {
        ["quadro", n] => digit(n),
        ["quadro", n, "-", ..] => digit(n),
        [n, "-", "quadro", ..] => digit(n),
        _ => false,
    }
}

/// `Obiettivi di servizio 2024` (the band of Quadro 3) and the headings
/// `OBIETTIVI DI SERVIZIO QUALITATIVI 2024` / `QUANTITATIVI`.
fn obiettivi(words: &[&str]) -> Option<Furniture> {
    match words {
        ["obiettivi", "di", "servizio"] => Some(Furniture::Band),
        ["obiettivi", "di", "servizio", y] if is_year(y) => Some(Furniture::Band),
        [
            "obiettivi",
            "di",
            "servizio",
            "qualitativi" | "quantitativi",
            rest @ ..,
        ] if matches!(rest, [] | [_]) && rest.iter().all(|y| is_year(y)) => {
            Some(Furniture::Heading)
        }
        _ => None,
    }
}

/// The header line of a sheet's table printed to PDF: `Codice Descrizione
/// 2020 2024`, `Codice Descrizione Valore Note`, or either of its first two
/// words, or `Note`, alone on a line (a layout that sets them apart).
fn is_table_header(words: &[&str]) -> bool {
    // The headers of the form's columns as a sheet names them, Quadro 3's
    // (`Numero`, `Spesa aggiuntiva`, a second `Descrizione`) included.
    const WORDS: [&str; 13] = [
        "descrizione",
        "valore",
        "note",
        "abitanti",
        "anno",
        "importo",
        "risposta",
        "valori",
        "numero",
        "spesa",
        "aggiuntiva",
        "modalità",
        "euro",
    ];
    match words {
        ["codice"] | ["descrizione"] | ["note"] => true,
        ["codice", "descrizione", rest @ ..] => {
            rest.iter().all(|w| WORDS.contains(w) || is_year(w))
        }
        _ => false,
    }
}

/// Whether the text's tables have a notes column beside the values: a
/// table header line of a sheet ending with `Note` (`Codice Descrizione
/// Valore Note`), or `Note` alone where the header spans several lines.
pub(super) fn has_notes_column(lines: &[Line]) -> bool {
    lines.iter().any(|l| {
        let lower = l.text.to_lowercase();
        l.furniture == Some(Furniture::Heading)
            && (lower == "note" || lower.starts_with("codice ") && lower.ends_with(" note"))
    })
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.starts_with("20") && w.bytes().all(|b| b.is_ascii_digit())
}

/// `Pagina 4 di 7 Data 25/03/2025 11:18`, `Pagina 4 di 7`, `Data 25/03/2025 11:18`.
fn is_footer(words: &[&str]) -> bool {
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let rest = match words {
        ["pagina", n, "di", m, rest @ ..] if number(n) && number(m) => rest,
        rest => rest,
    };
    if rest.len() == words.len() && !matches!(rest.first(), Some(&"data")) {
        return false;
    }
    match rest {
        [] => true,
        ["data", date] => is_date(date),
        ["data", date, time] => is_date(date) && is_time(time),
        _ => false,
    }
}

/// A page number alone on its line (see [`Furniture::PageNumber`]):
/// `pagina n`, `pag. n`, `page n`, `p. n`, each optionally followed by
/// `di m` / `of m` / `/ m`; `n di m`, `n of m`; `- n -` (any dash).
fn is_page_number(words: &[&str]) -> bool {
    let number = |w: &str| (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    let word = |w: &str| matches!(w, "pagina" | "pag." | "pag" | "page" | "p." | "pg." | "pp.");
    let of = |w: &str| matches!(w, "di" | "of" | "/" | "de");
    let dash = |w: &str| matches!(w, "-" | "\u{2013}" | "\u{2014}");
    let within = |n: &str, m: &str| match (n.parse::<u32>(), m.parse::<u32>()) {
        (Ok(n), Ok(m)) => 0 < n && n <= m,
        _ => false,
    };
    match words {
        [w, n] => word(w) && (number(n) || page_count(n)),
        [w, n, o, m] => word(w) && number(n) && of(o) && number(m) && within(n, m),
        [a, n, b] => {
            number(a) && of(n) && number(b) && within(a, b) || dash(a) && number(n) && dash(b)
        }
        [one] => ['-', '\u{2013}', '\u{2014}'].iter().any(|d| {
            one.strip_prefix(*d)
                .and_then(|r| r.strip_suffix(*d))
                .is_some_and(|n| number(n.trim()))
        }),
        _ => false,
    }
}

/// A line a browser prints on each page (see [`Furniture::Browser`]): a
/// date and a time, in any locale's order (`12/4/26, 5:15 PM`, `04/12/26,
/// 17:15`, `2026-12-04 17:15`), then anything (the page's title); an address
/// (`file://`, `http://`, `https://`), then anything (`6/7`); a lone page
/// count `n/N`.
fn is_browser_line(words: &[&str]) -> bool {
    let address = ["file://", "http://", "https://"];
    match words {
        [first, ..] if address.iter().any(|a| first.starts_with(a)) => true,
        [count] => page_count(count),
        [date, time, rest @ ..] => {
            // The date alone with a time is a value (`20/03/2026 10:30`):
            // the browser puts a comma after it, or the title after both.
            let comma = date.ends_with(',');
            let date = date.strip_suffix(',').unwrap_or(date);
            let numeric_date = [['/'], ['.'], ['-']].iter().any(|sep| {
                let parts: Vec<&str> = date.split(sep).collect();
                parts.len() == 3
                    && parts.iter().all(|p| {
                        (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
                    })
            });
            numeric_date
                && is_time(time.strip_suffix(',').unwrap_or(time))
                && (comma || !rest.is_empty())
        }
        _ => false,
    }
}

/// `n/N`: page `n` of `N`.
fn page_count(w: &str) -> bool {
    let Some((n, total)) = w.split_once('/') else {
        return false;
    };
    match (n.parse::<u32>(), total.parse::<u32>()) {
        (Ok(n), Ok(total)) => 0 < n && n <= total,
        _ => false,
    }
}

pub(super) fn is_date(w: &str) -> bool {
    let parts: Vec<&str> = w.split('/').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `11:18` or `11:18:05`.
fn is_time(w: &str) -> bool {
    let parts: Vec<&str> = w.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The page-1 header block: a line's label and its value, if any
/// ([`Intestazione::stampate`]: `Denominazione X`, `Codice indentificativo
/// X`, `Data ultima modifica X`; not R0C's `Denominazione ATS`), and the
/// IFEL page's `Comune SONDRIO (SO)`.
fn is_header_block(text: &str, lower: &str) -> bool {
    let labelled = Intestazione::stampate()
        .flat_map(Intestazione::etichette)
        .any(|label| {
            lower
                .strip_prefix(label.to_lowercase().as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        });
    labelled && !lower.starts_with("denominazione ats") || comune(text).is_some()
}

/// `Comune SONDRIO (SO)` -> (`SONDRIO`, `SO`).
pub(super) fn comune(text: &str) -> Option<(String, String)> {
    let rest = text.strip_prefix("Comune ")?;
    let (name, prov) = rest.trim_end().rsplit_once('(')?;
    let prov = prov.strip_suffix(')')?.trim();
    let name = name.trim();
    (prov.len() == 2 && prov.chars().all(|c| c.is_ascii_alphabetic()) && !name.is_empty())
        .then(|| (name.to_string(), prov.to_ascii_uppercase()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn normalises_spaces_hyphens_and_invisible_characters() {
        assert_eq!(
            normalize("\u{c}  M12\u{a0}\u{2010}\u{a0}Utenti\t\tfamiglia \u{200b}e minori  "),
            "M12 - Utenti famiglia e minori"
        );
        assert_eq!(normalize("06\u{2011}88816323 \u{2212}3"), "06-88816323 -3");
        assert_eq!(normalize(" \t \u{a0}"), "");
        // Ligatures, as typesetting engines draw them, are their letters.
        assert_eq!(
            normalize("Codice indenti\u{fb01}cativo, a\u{fb00}erente, \u{fb02}usso, u\u{fb03}cio"),
            "Codice indentificativo, afferente, flusso, ufficio"
        );
    }

    #[test]
    fn splits_every_line_ending_and_keeps_line_numbers() {
        let lines = split_builtin("\u{feff}a\r\nb\rc\n\u{c}d\n");
        let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(got, [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "")]);
    }

    #[test]
    fn recognises_print_furniture() {
        use Furniture::*;
        for (text, kind) in [
            (
                "SOC25 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2024",
                Some(Title),
            ),
            ("Pagina 4 di 7 Data 25/03/2025 11:18", Some(Footer)),
            ("Pagina 4 di 7", Some(Footer)),
            ("Data 25/03/2025 11:18", Some(Footer)),
            ("Quadro 1", Some(Band)),
            ("Autodiagnosi della spesa per il sociale", Some(Band)),
            ("Obiettivi di servizio 2024", Some(Band)),
            (
                "4 - QUADRO DELLA RELAZIONE IN FORMATO STRUTTURATO",
                Some(Band),
            ),
            (
                "QUADRO 2 - AUTODIAGNOSI DELLA SPESA PER IL SOCIALE",
                Some(Band),
            ),
            ("OBIETTIVI DI SERVIZIO QUALITATIVI 2024", Some(Heading)),
            ("OBIETTIVI DI SERVIZIO 2024", Some(Band)),
            ("Obiettivi di servizio 2024 e 2025", None),
            ("Informazioni relative al Comune 2020 2024", Some(Heading)),
            ("Strutture", Some(Heading)),
            ("Comune SONDRIO (SO)", Some(Header)),
            ("Denominazione CUMIGNANO SUL NAVIGLIO", Some(Header)),
            ("NOTA BENE", Some(Closing)),
            ("ATTENZIONE:", Some(Closing)),
            ("Numero di utenti serviti", None),
            ("12/4/26, 5:15 PM", Some(Browser)),
            (
                "04/12/26, 17:15 SOC25 - SOCIALE - SCHEDA DI MONITORAGGIO",
                Some(Browser),
            ),
            ("2026-12-04 17:15 Scheda", Some(Browser)),
            ("file:///tmp/x/scheda.html 6/7", Some(Browser)),
            ("https://portale.example.it/scheda?id=3 1/7", Some(Browser)),
            ("6/7", Some(Browser)),
            ("8/7", None),
            ("20/03/2026 10:30", None),
            (
                "R0C - Denominazione ATS (fonte: Ministero del Lavoro)",
                None,
            ),
            ("Data la situazione, il Comune ha deciso", None),
            ("Pagina 4 del bilancio", None),
            ("Codice Descrizione 2020 2024", Some(Heading)),
            ("Codice Descrizione Valore Note", Some(Heading)),
            ("Codice", Some(Heading)),
            ("Codice CR039SIF11WQ", None),
            ("Codice Descrizione dell'intervento", None),
            ("Pagina 5", Some(PageNumber)),
            ("Pag. 5 di 7", Some(PageNumber)),
            ("Page 2 of 7", Some(PageNumber)),
            ("page 2/7", Some(PageNumber)),
            ("3 di 7", Some(PageNumber)),
            ("- 3 -", Some(PageNumber)),
            ("\u{2013} 3 \u{2013}", Some(PageNumber)),
            ("-3-", Some(PageNumber)),
            ("Pagina 5 bis", None),
            ("9 di 7", None),
            ("- 3", None),
            ("3", None),
            ("8 36 0 0,00", None),
        ] {
            assert_eq!(classify(&normalize(text)), kind, "{text}");
        }
    }

    #[test]
    fn reads_the_ifel_comune_line() {
        assert_eq!(
            comune("Comune SONDRIO (SO)"),
            Some(("SONDRIO".into(), "SO".into()))
        );
        assert_eq!(
            comune("Comune REGGIO NELL'EMILIA (re)"),
            Some(("REGGIO NELL'EMILIA".into(), "RE".into()))
        );
        assert_eq!(comune("Comune dovrà indicare"), None);
    }
}
