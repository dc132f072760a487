//! Writer of the official-looking PDF, with Typst embedded as a library.
//!
//! The layout is a pure Typst template per edition (`templates/CODE.typ`,
//! importing the generic form of `templates/common.typ`), compiled into the
//! binary and replaceable from a directory at run time; a new edition brings
//! its own (a copy of an exported one) in its templates directory. The form
//! reaches the template as two virtual files (module `data`):
//! `/edizione.json`, its edition's description as the PDF prints it (the
//! same bytes for every form of the edition, so that Typst evaluates what
//! the layout builds from it once per batch, not once per form), and
//! `/data.json`, its values formatted as the portal prints them and the
//! sentences chosen by [`crate::rules`], all plain strings: the generic form
//! draws every row of any edition. The world the template runs in (module
//! `world`) is closed: the compiled-in Liberation Sans faces, no system
//! font, no file, no network, no clock.
//!
//! The output is PDF/A-3b, tagged, in Italian, carries the form's canonical
//! JSON as an associated file (`scheda.json`, `AFRelationship` Data, which
//! the PDF reader reads first), and is byte-identical for the same input: the document id is fixed, and the creation date and
//! `datetime.today()` come from the form's own date (`ente.data`), or, when
//! it is blank, from 1 January of the year after the reporting year.
//!
//! A [`Renderer`] keeps one world and is meant to be reused: the fonts are
//! parsed once per process, and Typst's memoisation keeps what is the same
//! on every form (labels, headers, the geometry of each row) from one form
//! to the next. Page numbers follow the description's page breaks, so a form
//! is laid out once; one that runs over its official pages is laid out again
//! with counted pages. Renderers are `Send`; for batches use one per
//! worker thread of [`crate::workers::pool`].

mod data;
mod world;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use self::world::{FormFiles, FormWorld, no_layout};
use crate::diagnostic::{Diagnostic, Error, Result, Severity, Warned};
use crate::messages::{Message, kind};
use crate::model::{DataOra, Scheda};
use crate::rules::sentences;
use crate::templates::Templates;

/// The number of pages of the official form of the built-in editions (each
/// edition's description gives its own, `pagine`).
pub const PAGES: usize = 7;

/// How many forms, over all renderers of the process, between two evictions
/// of Typst's memoisation cache (which otherwise grows by ~2.5 MB a form).
/// Measured on 1,000 distinct forms, two workers, interleaved runs: every 8
/// forms peaks at 88-91 MiB, every 4 at 65-83 MiB in the same time; every 2
/// or every form is 15-35% slower (what the forms share is laid out again).
const EVICT_EVERY: usize = 4;

static RENDERED: AtomicUsize = AtomicUsize::new(0);

/// Settings of the PDF writer.
#[derive(Debug, Clone, Default)]
pub struct PdfSettings {
    /// The templates: the layouts (`CODE.typ` for each edition, `common.typ`
    /// and whatever they import) of their directory, where it has them, in
    /// place of the built-in ones or for a new edition, and their sentence
    /// catalogue.
    pub templates: Templates,
}

/// Write one form as PDF. The warnings name the sentences whose wording is
/// UNVERIFIED, characters the font cannot print and a form that does not
/// fit the official 7 pages.
///
/// For more than one form, keep a [`Renderer`]: it is several times faster
/// from the second form on.
pub fn write(scheda: &Scheda, settings: &PdfSettings) -> Result<Warned<Vec<u8>>> {
    Renderer::new(settings)?.render(scheda)
}

/// A reusable PDF renderer: one Typst world, layouts and sentence catalogue
/// loaded once.
pub struct Renderer {
    world: FormWorld,
    /// The `/edizione.json` of each edition rendered so far, by code.
    editions: HashMap<String, Bytes>,
    /// The layouts' directory and the sentence catalogue; also for a form
    /// of an edition the renderer did not start with.
    templates: Templates,
}

impl Renderer {
    /// A renderer with the layouts of `settings.templates` (built in, or of
    /// their directory) for every edition of theirs that has one.
    pub fn new(settings: &PdfSettings) -> Result<Self> {
        let templates = settings.templates.clone();
        let mut world = FormWorld::new();
        for edizione in templates.editions() {
            // An edition without a layout is an error when one of its forms
            // is rendered, not before.
            world.load_layout(templates.dir(), edizione.code())?;
        }
        Ok(Renderer {
            world,
            editions: HashMap::new(),
            templates,
        })
    }

    /// Render one form as PDF (see [`write()`]). An edition with no layout,
    /// built in or in the templates directory, is an error.
    pub fn render(&mut self, scheda: &Scheda) -> Result<Warned<Vec<u8>>> {
        let code = scheda.edizione.code();
        if !self.world.has_layout(code) && !self.world.load_layout(self.templates.dir(), code)? {
            return Err(no_layout(code));
        }
        let problems = scheda.constraints()?;
        let chosen = sentences::choose(scheda, self.templates.catalogue())?;
        let mut warnings = problems;
        warnings.extend(chosen.warnings);
        let date = form_date(scheda);
        let official = scheda.edizione.description().pagine as usize;
        let (mut document, these) = self.lay_out(scheda, &chosen.value, date, &warnings)?;
        warnings.extend(these);
        set_metadata(&mut document, scheda);

        let pages = document.pages().len();
        if pages != official {
            warnings.push(Diagnostic::coded(
                Severity::Warning,
                Message::new(
                    kind::PAGES_OVER,
                    [("pages", pages.into()), ("official", official.into())],
                ),
                Some(Message::new(kind::PAGES_OVER_HINT, [])),
            ));
        }

        let options = pdf_options(scheda, date)?;
        let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| {
            Error::many(
                errors
                    .iter()
                    .map(|d| {
                        let (severity, message, hint) = self.template_message(d);
                        let message =
                            Message::new(kind::PDF_WRITE_FAILED, [("detail", message.into())]);
                        Diagnostic::coded(severity, message, hint)
                    })
                    .collect(),
            )
            .with_warnings(warnings.clone())
        })?;

        if RENDERED.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
            typst::comemo::evict(2);
        }
        Ok(Warned {
            value: bytes,
            warnings,
        })
    }

    /// The edition's description as the layout reads it, made once per
    /// edition.
    fn edition_json(&mut self, scheda: &Scheda) -> Result<Bytes> {
        let code = scheda.edizione.code();
        if let Some(bytes) = self.editions.get(code) {
            return Ok(bytes.clone());
        }
        let bytes = Bytes::new(data::edition(scheda.edizione.description())?);
        self.editions.insert(code.to_string(), bytes.clone());
        Ok(bytes)
    }

    /// The form laid out by Typst, with the warnings of its data and of the
    /// layout. Page numbers follow the description's page breaks, unless
    /// the form runs over its official pages: then it is laid out again
    /// with counted pages. `before`: the warnings gathered so far, kept in a
    /// failure.
    fn lay_out(
        &mut self,
        scheda: &Scheda,
        chosen: &crate::rules::Sentences,
        date: DataOra,
        before: &[Diagnostic],
    ) -> Result<(PagedDocument, Vec<Diagnostic>)> {
        let code = scheda.edizione.code();
        let edition = self.edition_json(scheda)?;
        let today = Datetime::from_ymd(date.year, date.month, date.day)
            .ok_or_else(|| date_invalid(date))?;
        let official = scheda.edizione.description().pagine as usize;
        let model = crate::writers::json::write(scheda)?;
        let mut document = None;
        for counted in [false, true] {
            let form = data::build(scheda, chosen, counted)
                .map_err(|e| e.with_warnings(before.to_vec()))?;
            let files = FormFiles {
                edition: edition.clone(),
                data: form.json,
                model: model.clone(),
            };
            self.world.set_form(code, files, today)?;
            let compiled = typst::compile::<PagedDocument>(&self.world);
            let mut these: Vec<Diagnostic> = form.warnings;
            these.extend(
                compiled
                    .warnings
                    .iter()
                    .map(|d| self.template_diagnostic(d)),
            );
            let compiled = compiled.output.map_err(|errors| {
                let mut all = before.to_vec();
                all.extend(these.clone());
                Error::many(errors.iter().map(|d| self.template_diagnostic(d)).collect())
                    .with_warnings(all)
            })?;
            let fits = compiled.pages().len() == official;
            document = Some((compiled, these));
            if fits {
                break;
            }
        }
        document.ok_or_else(|| {
            Error::new(Diagnostic::coded(
                Severity::Error,
                Message::new(kind::LAYOUT_FAILED, []),
                Some(Message::new(kind::WRITER_INTERNAL_HINT, [])),
            ))
        })
    }

    /// A Typst diagnostic as one of ours, located in its template.
    fn template_diagnostic(&self, d: &SourceDiagnostic) -> Diagnostic {
        let (severity, message, hint) = self.template_message(d);
        Diagnostic::coded(severity, message, hint)
    }

    /// A Typst diagnostic's severity, message and hint: its English text
    /// framed, with the layout file and line where it points.
    fn template_message(&self, d: &SourceDiagnostic) -> (Severity, Message, Option<Message>) {
        let detail = d.message.to_string();
        let message = match d.span.id() {
            Some(id) => {
                let line = self
                    .world
                    .range(d.span)
                    .and_then(|range| {
                        typst::World::source(&self.world, id)
                            .ok()?
                            .lines()
                            .byte_to_line(range.start)
                    })
                    .map(|l| format!(":{}", l + 1))
                    .unwrap_or_default();
                let file = format!("{}{line}", FormWorld::path_of(id));
                Message::new(
                    kind::LAYOUT_PROBLEM_AT,
                    [("detail", detail.into()), ("file", file.into())],
                )
            }
            None => Message::new(kind::LAYOUT_PROBLEM, [("detail", detail.into())]),
        };
        let severity = match d.severity {
            TypstSeverity::Error => Severity::Error,
            TypstSeverity::Warning => Severity::Warning,
        };
        let hint = d
            .hints
            .first()
            .map(|h| Message::new(kind::LAYOUT_HINT, [("detail", h.v.to_string().into())]));
        (severity, message, hint)
    }
}

/// The document's title, author and keywords, set here rather than with
/// `set document(...)` in the template: a per-form value in the styles would
/// defeat Typst's memoisation from one form to the next. A template's own
/// wins.
fn set_metadata(document: &mut PagedDocument, scheda: &Scheda) {
    let meta = data::metadata(scheda);
    let info = document.info_mut();
    if info.title.is_none() {
        info.title = Some(meta.title.into());
    }
    if info.author.is_empty() {
        info.author = meta.author.into_iter().map(Into::into).collect();
    }
    if info.keywords.is_empty() {
        info.keywords = meta.keywords.into_iter().map(Into::into).collect();
    }
}

/// The error of a form's date that is no date.
fn date_invalid(date: DataOra) -> Error {
    Error::new(Diagnostic::coded(
        Severity::Error,
        Message::new(kind::FORM_DATE_INVALID, [("date", date.format_it().into())]),
        None,
    ))
}

/// The date the PDF carries: the form's own (`ente.data`), or 1 January of
/// the year after the reporting year at 00:00 when it is blank. Never the
/// clock.
fn form_date(s: &Scheda) -> DataOra {
    s.ente.data.unwrap_or(DataOra {
        year: s.anno + 1,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
    })
}

/// PDF/A-3b (which allows the attached JSON), tagged, with a fixed document id and the form's date in
/// Italian local time.
fn pdf_options(s: &Scheda, date: DataOra) -> Result<PdfOptions> {
    let internal = |message: Message| {
        Error::new(Diagnostic::coded(
            Severity::Error,
            message,
            Some(Message::new(kind::WRITER_INTERNAL_HINT, [])),
        ))
    };
    let standards = PdfStandards::new(&[PdfStandard::A_3b]).map_err(|e| {
        internal(Message::new(
            kind::PDFA_FAILED,
            [("error", e.message().to_string().into())],
        ))
    })?;
    let datetime =
        Datetime::from_ymd_hms(date.year, date.month, date.day, date.hour, date.minute, 0)
            .ok_or_else(|| date_invalid(date))?;
    let timestamp = Timestamp::new_local(datetime, rome_offset_minutes(date))
        .ok_or_else(|| internal(Message::new(kind::TIMESTAMP_FAILED, [])))?;
    let ident = format!(
        "scheda/{}/{}",
        s.edizione.code(),
        s.ente
            .codice
            .as_deref()
            .or(s.ente.denominazione.as_deref())
            .unwrap_or("")
    );
    Ok(PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some(format!("scheda {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(timestamp),
        standards,
        tagged: true,
        ..PdfOptions::default()
    })
}

/// The UTC offset of Italian local time at `d` (read as local time): +60
/// minutes, +120 in summer time (from the last Sunday of March, 02:00, to
/// the last Sunday of October, 03:00).
fn rome_offset_minutes(d: DataOra) -> i32 {
    let last_sunday = |month: u8| -> u8 {
        let day = 31u8;
        day - weekday(d.year, month, day)
    };
    let (start, end) = (last_sunday(3), last_sunday(10));
    let summer = match d.month {
        4..=9 => true,
        3 => d.day > start || (d.day == start && d.hour >= 2),
        10 => d.day < end || (d.day == end && d.hour < 3),
        _ => false,
    };
    if summer { 120 } else { 60 }
}

/// Day of the week, 0 = Sunday (Sakamoto's method).
fn weekday(year: i32, month: u8, day: u8) -> u8 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let w = (y + y / 4 - y / 100 + y / 400 + T[usize::from(month - 1)] + i32::from(day)) % 7;
    u8::try_from(w.rem_euclid(7)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: i32, month: u8, day: u8, hour: u8) -> DataOra {
        DataOra::new(year, month, day, hour, 0).unwrap()
    }

    #[test]
    fn a_renderer_can_move_to_a_worker_thread() {
        fn send<T: Send>() {}
        send::<Renderer>();
    }

    #[test]
    fn italian_summer_time() {
        assert_eq!(weekday(2025, 3, 30), 0);
        assert_eq!(weekday(2026, 3, 29), 0);
        assert_eq!(rome_offset_minutes(at(2025, 3, 25, 11)), 60);
        assert_eq!(rome_offset_minutes(at(2025, 3, 30, 1)), 60);
        assert_eq!(rome_offset_minutes(at(2025, 3, 30, 3)), 120);
        assert_eq!(rome_offset_minutes(at(2026, 3, 20, 10)), 60);
        assert_eq!(rome_offset_minutes(at(2025, 5, 31, 12)), 120);
        assert_eq!(rome_offset_minutes(at(2025, 10, 26, 2)), 120);
        assert_eq!(rome_offset_minutes(at(2025, 10, 26, 3)), 60);
        assert_eq!(rome_offset_minutes(at(2026, 1, 1, 0)), 60);
    }
}
