//! Reader for PDFs of the form: the text of each page, in content-stream
//! order, handed to the extracted-text reader ([`super::text`]).
//!
//! The text is taken with lopdf, page by page, in the order the page draws
//! it, the way `pdftotext -raw` reads: glyph runs that follow one another on
//! the same baseline and in the same font size make one line, every other
//! run starts a new line. scheda's own PDFs draw each row as the official
//! form does (label, column headers, then the values on one baseline), so
//! the lines read like the pdftotext text of the official PDF: the text
//! reader's input.
//!
//! A damaged PDF, an encrypted one, or one that does not carry the form gets
//! an error, never a panic.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use super::text;
use crate::diagnostic::{Diagnostic, Error, Location, Result, Warned};
use crate::model::Scheda;

/// Most decompressed bytes read from one page (the form's pages hold a few
/// hundred kilobytes; this stops decompression bombs).
const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// Most nested form XObjects followed.
const MAX_XOBJECT_DEPTH: usize = 8;

/// Two runs are on the same baseline when their origins differ by less than
/// this (in points).
const BASELINE_TOLERANCE: f32 = 0.5;

/// Read the form a PDF carries: scheda's own PDFs come back to the model
/// they were written from. The warnings are those of the text reader and
/// pages whose text could not be read.
pub fn read(bytes: &[u8]) -> Result<Warned<Scheda>> {
    let extracted = extract_text(bytes)?;
    match read_text(&extracted.value) {
        Ok(mut out) => {
            let mut warnings = extracted.warnings;
            warnings.append(&mut out.warnings);
            out.warnings = warnings;
            Ok(out)
        }
        Err(e) => Err(e.with_warnings(extracted.warnings)),
    }
}

/// Read the text extracted from a PDF of the form in content-stream order:
/// [`extract_text`], or `pdftotext -raw`.
pub fn read_text(extracted: &str) -> Result<Warned<Scheda>> {
    if let Err(e) = text::detect(extracted) {
        let reason = e
            .diagnostics
            .first()
            .map(|d| d.message.clone())
            .unwrap_or_default();
        return Err(Error::new(
            Diagnostic::error(format!(
                "the PDF does not carry a {} form ({reason})",
                crate::model::Edizione::ALL.map(|e| e.code()).join("/")
            ))
            .with_hint("give the PDF of the form, as printed by the portal or written by scheda"),
        ));
    }
    text::read_str(extracted)
}

/// The text of every page of a PDF, in content-stream order: one line per
/// run of text on one baseline in one size, pages separated by an empty
/// line. Pages that cannot be read become warnings.
pub fn extract_text(bytes: &[u8]) -> Result<Warned<String>> {
    let doc = Document::load_mem(bytes).map_err(|e| {
        Error::new(
            Diagnostic::error(format!("failed to read the PDF ({e})"))
                .with_hint("the file is damaged or is not a PDF"),
        )
    })?;
    if doc.is_encrypted() {
        return Err(Error::new(
            Diagnostic::error("failed to read the PDF (it is protected by a password)")
                .with_hint("save a copy of the form without a password and read that"),
        ));
    }
    let mut warnings = Vec::new();
    let mut pages_text = Vec::new();
    let encodings = RefCell::new(BTreeMap::new());
    for (number, page_id) in doc.get_pages() {
        match page_lines(&doc, &encodings, page_id) {
            Ok((lines, undecoded)) => {
                if undecoded {
                    warnings.push(
                        Diagnostic::warning("some text of this page could not be decoded")
                            .at(Location::Page {
                                page: number as usize,
                            })
                            .with_hint("a font of the page has no usable text encoding"),
                    );
                }
                pages_text.push(lines.join("\n"));
            }
            Err(e) => warnings.push(
                Diagnostic::warning(format!("failed to read the text of this page ({e})")).at(
                    Location::Page {
                        page: number as usize,
                    },
                ),
            ),
        }
    }
    let mut text = pages_text.join("\n\n");
    text.push('\n');
    Ok(Warned {
        value: text,
        warnings,
    })
}

/// One run of text as drawn: where its origin is, its size, its text.
#[derive(Debug)]
struct Run {
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

/// A 2-D affine matrix `[a b c d e f]`, as PDF writes it.
#[derive(Debug, Clone, Copy)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` followed by `then` (PDF order: `self x then`).
    fn then(self, then: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        if ops.len() != 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, op) in m.iter_mut().zip(ops) {
            *slot = number(op)?;
        }
        Some(Matrix(m))
    }
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The state of the content-stream walk of one page.
struct Walker<'a> {
    doc: &'a Document,
    /// Font encodings already parsed, by font object (pages share fonts).
    encodings: &'a RefCell<BTreeMap<ObjectId, Option<Rc<Encoding<'a>>>>>,
    runs: Vec<Run>,
    undecoded: bool,
}

/// The graphics and text state the walk tracks.
#[derive(Clone)]
struct State<'a> {
    ctm: Matrix,
    text_matrix: Matrix,
    line_matrix: Matrix,
    leading: f32,
    font_size: f32,
    encoding: Option<Rc<Encoding<'a>>>,
}

fn page_lines<'a>(
    doc: &'a Document,
    encodings: &'a RefCell<BTreeMap<ObjectId, Option<Rc<Encoding<'a>>>>>,
    page_id: ObjectId,
) -> std::result::Result<(Vec<String>, bool), String> {
    let content = doc
        .get_page_content_with_limit(page_id, MAX_PAGE_BYTES)
        .map_err(|e| e.to_string())?;
    let resources = page_resources(doc, page_id);
    let mut walker = Walker {
        doc,
        encodings,
        runs: Vec::new(),
        undecoded: false,
    };
    walker.walk(&content, &resources, Matrix::IDENTITY, 0)?;
    Ok((join_runs(&walker.runs), walker.undecoded))
}

/// The merged resource dictionary of a page (its own over its ancestors').
fn page_resources(doc: &Document, page_id: ObjectId) -> Dictionary {
    let mut merged = Dictionary::new();
    if let Ok((direct, ids)) = doc.get_page_resources(page_id) {
        let dicts = direct
            .into_iter()
            .chain(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
        for dict in dicts {
            for (key, value) in dict.iter() {
                if !merged.has(key) {
                    merged.set(key.clone(), value.clone());
                }
            }
        }
    }
    merged
}

impl<'a> Walker<'a> {
    fn walk(
        &mut self,
        content: &[u8],
        resources: &Dictionary,
        base: Matrix,
        depth: usize,
    ) -> std::result::Result<(), String> {
        let content = Content::decode(content).map_err(|e| e.to_string())?;
        let fonts = self.fonts(resources);
        let mut state = State {
            ctm: base,
            text_matrix: Matrix::IDENTITY,
            line_matrix: Matrix::IDENTITY,
            leading: 0.0,
            font_size: 0.0,
            encoding: None,
        };
        let mut stack: Vec<State> = Vec::new();
        // Marked-content spans carrying /ActualText replace the text of
        // the glyphs they hold; the stack holds one entry per open span.
        let mut spans: Vec<Option<String>> = Vec::new();
        for op in &content.operations {
            let args = &op.operands;
            match op.operator.as_str() {
                "q" => stack.push(state.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        state = s;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(args) {
                        state.ctm = m.then(state.ctm);
                    }
                }
                "BT" => {
                    state.text_matrix = Matrix::IDENTITY;
                    state.line_matrix = Matrix::IDENTITY;
                }
                "Tf" => {
                    state.font_size = args.get(1).and_then(number).unwrap_or(0.0);
                    state.encoding = args
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| fonts.iter().find(|(k, _)| k.as_slice() == n))
                        .map(|(_, e)| e.clone());
                }
                "TL" => state.leading = args.first().and_then(number).unwrap_or(0.0),
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(args) {
                        state.text_matrix = m;
                        state.line_matrix = m;
                    }
                }
                "Td" | "TD" => {
                    let tx = args.first().and_then(number).unwrap_or(0.0);
                    let ty = args.get(1).and_then(number).unwrap_or(0.0);
                    if op.operator == "TD" {
                        state.leading = -ty;
                    }
                    state.line_matrix = Matrix::translate(tx, ty).then(state.line_matrix);
                    state.text_matrix = state.line_matrix;
                }
                "T*" => {
                    state.line_matrix =
                        Matrix::translate(0.0, -state.leading).then(state.line_matrix);
                    state.text_matrix = state.line_matrix;
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        state.line_matrix =
                            Matrix::translate(0.0, -state.leading).then(state.line_matrix);
                        state.text_matrix = state.line_matrix;
                    }
                    let strings: Vec<&Object> = match op.operator.as_str() {
                        "TJ" => args
                            .first()
                            .and_then(|a| a.as_array().ok())
                            .map(|a| a.iter().collect())
                            .unwrap_or_default(),
                        "\"" => args.get(2).into_iter().collect(),
                        _ => args.first().into_iter().collect(),
                    };
                    let text = if spans.iter().any(Option::is_some) {
                        // Inside an /ActualText span: its text stands for the glyphs.
                        String::new()
                    } else {
                        self.decode(&state, &strings)
                    };
                    self.push_run(&state, text);
                }
                "BDC" => {
                    let actual = args
                        .get(1)
                        .and_then(|p| match p {
                            Object::Dictionary(d) => Some(d),
                            Object::Name(name) => resources
                                .get(b"Properties")
                                .ok()
                                .and_then(|o| self.dict(o))
                                .and_then(|props| props.get(name).ok())
                                .and_then(|o| self.dict(o)),
                            _ => None,
                        })
                        .and_then(|d| d.get(b"ActualText").ok())
                        .and_then(|t| lopdf::decode_text_string(t).ok());
                    spans.push(actual);
                }
                "BMC" => spans.push(None),
                "EMC" => {
                    if let Some(Some(text)) = spans.pop() {
                        self.push_run(&state, text);
                    }
                }
                "Do" if depth < MAX_XOBJECT_DEPTH => {
                    let Some(name) = args.first().and_then(|n| n.as_name().ok()) else {
                        continue;
                    };
                    let Some(stream) = resources
                        .get(b"XObject")
                        .ok()
                        .and_then(|o| self.dict(o))
                        .and_then(|x| x.get(name).ok())
                        .and_then(|o| o.as_reference().ok())
                        .and_then(|id| self.doc.get_object(id).ok())
                        .and_then(|o| o.as_stream().ok())
                    else {
                        continue;
                    };
                    if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
                        continue;
                    }
                    let matrix = stream
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(|m| m.as_array().ok())
                        .and_then(|m| Matrix::from_operands(m))
                        .unwrap_or(Matrix::IDENTITY);
                    let inner = stream
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|o| self.dict(o))
                        .cloned()
                        .unwrap_or_else(|| resources.clone());
                    let data = stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone());
                    self.walk(&data, &inner, matrix.then(state.ctm), depth + 1)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The dictionary `o` is or refers to.
    fn dict<'o>(&'o self, o: &'o Object) -> Option<&'o Dictionary> {
        match o {
            Object::Dictionary(d) => Some(d),
            Object::Reference(id) => self.doc.get_dictionary(*id).ok(),
            _ => None,
        }
    }

    /// The text encodings of the fonts of `resources`, by resource name
    /// (fonts written inline in the resources are not followed).
    fn fonts(&self, resources: &Dictionary) -> Vec<(Vec<u8>, Rc<Encoding<'a>>)> {
        let doc: &'a Document = self.doc;
        let Some(fonts) = resources.get(b"Font").ok().and_then(|o| self.dict(o)) else {
            return Vec::new();
        };
        fonts
            .iter()
            .filter_map(|(name, value)| {
                let id = value.as_reference().ok()?;
                let encoding = self
                    .encodings
                    .borrow_mut()
                    .entry(id)
                    .or_insert_with(|| {
                        let font: &'a Dictionary = doc.get_dictionary(id).ok()?;
                        let encoding = font
                            .get_font_encoding_with_limit(doc, MAX_PAGE_BYTES)
                            .ok()?;
                        Some(Rc::new(encoding))
                    })
                    .clone()?;
                Some((name.clone(), encoding))
            })
            .collect()
    }

    /// The text of the strings of a text-showing operator.
    fn decode(&mut self, state: &State, strings: &[&Object]) -> String {
        let Some(encoding) = &state.encoding else {
            self.undecoded = true;
            return String::new();
        };
        let mut out = String::new();
        for s in strings {
            if let Object::String(bytes, _) = s {
                match Document::decode_text(encoding, bytes) {
                    Ok(text) => out.push_str(&text),
                    Err(_) => self.undecoded = true,
                }
            }
        }
        out
    }

    fn push_run(&mut self, state: &State, text: String) {
        if text.is_empty() {
            return;
        }
        let m = state.text_matrix.then(state.ctm);
        let [_, _, c, d, e, f] = m.0;
        let size = state.font_size.abs() * (c * c + d * d).sqrt();
        self.runs.push(Run {
            x: e,
            y: f,
            size,
            text,
        });
    }
}

/// Join runs into lines: a run continues the line of the run before it when
/// it sits on the same baseline, to its right, in the same size.
fn join_runs(runs: &[Run]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut prev: Option<&Run> = None;
    for run in runs {
        let text = normalise(&run.text);
        let continues = prev.is_some_and(|p| {
            (p.y - run.y).abs() < BASELINE_TOLERANCE
                && run.x > p.x
                && (p.size - run.size).abs() < 0.05 * p.size.max(1.0)
        });
        match lines.last_mut() {
            Some(line) if continues => {
                if !line.ends_with(' ') && !text.starts_with(' ') {
                    line.push(' ');
                }
                line.push_str(&text);
            }
            _ => lines.push(text),
        }
        prev = Some(run);
    }
    lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Spaces as the text reader expects them: no-break spaces become spaces.
fn normalise(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f32, y: f32, size: f32, text: &str) -> Run {
        Run {
            x,
            y,
            size,
            text: text.to_string(),
        }
    }

    #[test]
    fn runs_join_on_one_baseline_in_one_size() {
        let runs = [
            run(10.0, 700.0, 7.5, "M12 - Utenti famiglia e minori"),
            run(160.0, 700.0, 6.8, "Numero di utenti"),
            run(160.0, 692.0, 6.8, "serviti - 2019"),
            run(240.0, 700.0, 6.8, "Numero di utenti"),
            run(170.0, 680.0, 8.5, "8"),
            run(250.0, 680.2, 8.5, "36"),
            run(330.0, 680.0, 8.5, "0\u{a0}"),
            run(410.0, 680.0, 8.5, "0,00"),
            run(10.0, 660.0, 8.0, "parole "),
            run(40.0, 660.0, 8.0, "composte-e/o"),
            run(90.0, 660.0, 8.0, " fine"),
        ];
        assert_eq!(
            join_runs(&runs),
            [
                "M12 - Utenti famiglia e minori",
                "Numero di utenti",
                "serviti - 2019",
                "Numero di utenti",
                "8 36 0 0,00",
                "parole composte-e/o fine",
            ]
        );
    }
}
