//! An input opened for a batch: one form, or the forms of a multi-Comune
//! workbook or a JSON Lines file, read one at a time so that a big input is
//! never held as models all at once.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::format::Format;
use crate::limits::{self, Limits};
use crate::messages::{Message, kind};
use crate::model::{Edizione, Scheda};
use crate::readers;
use crate::templates::Templates;

/// One form of an input that holds many: its row (of the workbook, as a
/// spreadsheet numbers it) or line (of the JSON Lines file), and the form
/// or why it cannot be read.
pub(super) type Item = (u32, Result<Warned<Scheda>>);

/// The forms of an input that holds many, in order.
pub(super) trait Forms: Send {
    /// The next form, `None` at the end.
    fn next_form(&mut self) -> Option<Item>;
    /// About how many forms are left, for a progress bar.
    fn left(&self) -> usize;
}

/// What an input holds.
pub(super) enum Opened {
    /// One form, or the error that kept it from being read.
    One(Box<Result<Warned<Scheda>>>),
    /// Many forms, read as they are asked for.
    Many(Box<dyn Forms>),
}

/// Open `path`: its format from its extension, or from its first bytes;
/// `edizione` is the edition of forms whose input does not say; every form
/// is of an edition of `templates`.
pub(super) fn open(
    path: &Path,
    limits: &Limits,
    templates: &Templates,
    edizione: Option<Edizione>,
) -> Opened {
    match Format::from_input_path(path) {
        Some(Format::JsonLines) => match File::open(path) {
            Ok(file) => match file
                .metadata()
                .map_or(Ok(()), |m| limits.check_size(path, m.len()))
            {
                Ok(()) => {
                    let reader = BufReader::with_capacity(1 << 16, file);
                    lines(path, reader, limits, templates)
                }
                Err(e) => Opened::One(Box::new(Err(e))),
            },
            Err(e) => Opened::One(Box::new(Err(limits::read_error(path, &e)))),
        },
        format => match limits.read_file(path) {
            Ok(bytes) => {
                let format = format.unwrap_or_else(|| Format::sniff(&bytes));
                from_bytes(bytes, format, limits, templates, edizione)
            }
            Err(e) => Opened::One(Box::new(Err(e))),
        },
    }
}

fn from_bytes(
    bytes: Vec<u8>,
    format: Format,
    limits: &Limits,
    templates: &Templates,
    edizione: Option<Edizione>,
) -> Opened {
    match format {
        Format::JsonLines => lines(Path::new(""), Cursor::new(bytes), limits, templates),
        Format::Xlsx | Format::Xlsm | Format::Xls | Format::Ods | Format::Csv => {
            match readers::xlsx::open_as(&bytes, limits, templates, format, edizione) {
                Ok(readers::xlsx::Workbook::Form(form)) => Opened::One(Box::new(Ok(*form))),
                Ok(readers::xlsx::Workbook::Rows(rows)) => Opened::Many(Box::new(Workbook(rows))),
                Err(e) => Opened::One(Box::new(Err(e))),
            }
        }
        Format::Text | Format::Json | Format::Pdf => Opened::One(Box::new(
            readers::read_with(&bytes, format, limits, templates).and_then(|read| {
                let Warned {
                    mut value,
                    warnings,
                } = read;
                match value.pop() {
                    Some(form) if value.is_empty() => Ok(Warned {
                        value: form,
                        warnings,
                    }),
                    _ => Err(super::form::coded_error(crate::messages::Message::new(
                        crate::messages::kind::NO_FORM_IN_INPUT,
                        [],
                    ))),
                }
            }),
        )),
    }
}

/// The rows of a multi-Comune workbook.
struct Workbook(readers::xlsx::Rows);

impl Forms for Workbook {
    fn next_form(&mut self) -> Option<Item> {
        self.0.next().map(|row| (row.number, row.read))
    }

    fn left(&self) -> usize {
        self.0.left()
    }
}

/// The lines of a JSON Lines file, read as they are asked for.
struct Lines<R> {
    reader: R,
    limits: Limits,
    templates: Templates,
    /// The number of the last line read (1-based).
    line: u32,
    /// Forms left, counted when the file was opened.
    left: usize,
    done: bool,
    buf: Vec<u8>,
}

/// Open a JSON Lines file: its forms are counted now (one per line that is
/// not blank), read later.
fn lines<R: BufRead + std::io::Seek + Send + 'static>(
    path: &Path,
    mut reader: R,
    limits: &Limits,
    templates: &Templates,
) -> Opened {
    let mut left = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => left += usize::from(!buf.trim_ascii().is_empty()),
            Err(e) => return Opened::One(Box::new(Err(limits::read_error(path, &e)))),
        }
        if left > limits.forms {
            return Opened::One(Box::new(Err(Error::new(limits::exceeded(
                format!("the file holds more than {} forms", limits.forms),
                "forms",
                format!("{} forms from one file", limits.forms),
            )))));
        }
    }
    if let Err(e) = reader.rewind() {
        return Opened::One(Box::new(Err(limits::read_error(path, &e))));
    }
    Opened::Many(Box::new(Lines {
        reader,
        limits: *limits,
        templates: templates.clone(),
        line: 0,
        left,
        done: false,
        buf,
    }))
}

impl<R: BufRead + Send> Forms for Lines<R> {
    fn next_form(&mut self) -> Option<Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Err(e) => {
                    self.done = true;
                    let error = Error::new(
                        Diagnostic::coded(
                            Severity::Error,
                            Message::new(
                                kind::LINE_READ_FAILED,
                                [("error", crate::messages::io_reason(&e).into())],
                            ),
                            None,
                        )
                        .at(Location::line(self.line as usize + 1)),
                    );
                    return Some((self.line + 1, Err(error)));
                }
                Ok(_) => {
                    self.line += 1;
                    let mut bytes = self.buf.as_slice();
                    if self.line == 1 {
                        bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                    }
                    if bytes.trim_ascii().is_empty() {
                        continue;
                    }
                    self.left = self.left.saturating_sub(1);
                    let no = self.line as usize;
                    let read = match std::str::from_utf8(bytes) {
                        Ok(text) => readers::jsonl::read_line(
                            text.trim_end(),
                            no,
                            &self.limits,
                            &self.templates,
                        ),
                        Err(e) => Err(Error::new(
                            Diagnostic::coded(
                                Severity::Error,
                                Message::new(
                                    kind::LINE_NOT_UTF8,
                                    [("byte", (e.valid_up_to() + 1).into())],
                                ),
                                Some(Message::new(kind::SAVE_AS_UTF8, [])),
                            )
                            .at(Location::line(no)),
                        )),
                    };
                    return Some((self.line, read));
                }
            }
        }
        None
    }

    fn left(&self) -> usize {
        self.left
    }
}
