//! The Typst [`World`] the form is compiled in: a closed, in-memory world.
//!
//! It holds the layouts of the editions (`CODE.typ` and the files it
//! imports, such as `common.typ`: compiled in, or replaced from a templates
//! directory), the data of the form being rendered as the virtual file
//! `/data.json`, and the four Liberation Sans faces compiled into the binary.
//! It reads no system font, no package and no clock, and no file while
//! compiling (layouts are read when they are loaded, from the templates
//! directory or built in): every other path is "not found", and
//! `datetime.today()` is the date of the form.
//!
//! File ids are interned once for the whole process ([`file_id`]): Typst's
//! interner never frees an id and holds at most 2^16 of them, so a renderer
//! must never make one per document. The world makes one per layout file
//! (one per edition, plus the files the layouts import) and one for the data.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::form::files as templates;
use crate::messages::{Message, kind};

/// The font faces, compiled in: Liberation Sans 2 (SIL OFL 1.1, see
/// `fonts/OFL.txt`), metric-compatible with Arial.
const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../../fonts/LiberationSans-BoldItalic.ttf"),
];

/// The fonts and their book, parsed once per process and shared by every
/// renderer ([`Font`] is a cheap handle to shared data).
struct Fonts {
    fonts: Vec<Font>,
    book: LazyHash<FontBook>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    let book = LazyHash::new(FontBook::from_fonts(&fonts));
    Fonts { fonts, book }
});

/// Typst's standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The file shared by the built-in layouts; always loaded with a layout, so
/// that a layout importing it in a way [`templates::typst_imports`] does not
/// see still finds it.
const COMMON: &str = "common.typ";
/// The layout of every edition without one of its own.
pub(crate) const GENERIC: &str = "form.typ";

/// The id of the file at `path` (under `templates/`, as `/path` in the
/// world), interned once per process: ids are only made for layout files
/// and the data, a set bounded by the editions and the files their layouts
/// import, never one per document. `None` for a path Typst cannot name.
fn file_id(path: &str) -> Option<FileId> {
    static IDS: LazyLock<Mutex<HashMap<String, FileId>>> = LazyLock::new(Default::default);
    let mut ids = match IDS.lock() {
        Ok(ids) => ids,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(id) = ids.get(path) {
        return Some(*id);
    }
    let vpath = VirtualPath::new(format!("/{path}")).ok()?;
    let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
    ids.insert(path.to_string(), id);
    Some(id)
}

/// The id of `/data.json`, the form being rendered.
static DATA: LazyLock<FileId> =
    LazyLock::new(|| file_id("data.json").expect("a fixed virtual path is valid"));

/// The id of `/scheda.json`, the form's canonical JSON, which the PDF
/// carries as an associated file.
static MODEL: LazyLock<FileId> =
    LazyLock::new(|| file_id("scheda.json").expect("a fixed virtual path is valid"));

/// The id of `/edizione.json`, the description of the form's edition.
static EDITION: LazyLock<FileId> =
    LazyLock::new(|| file_id("edizione.json").expect("a fixed virtual path is valid"));

/// Whether the compiled-in regular face has a glyph for `c`.
pub(crate) fn has_glyph(c: char) -> bool {
    FONTS
        .fonts
        .first()
        .is_some_and(|font| font.info().coverage.contains(c as u32))
}

/// Text metrics of the compiled-in regular face, in thousandths of an em,
/// for layouts that size a row by its text without measuring it (see
/// `data.rs`). Whole numbers: `/data.json` carries no fractions.
pub(crate) struct Metrics {
    /// The advance of a space.
    pub space: u32,
    /// The height of capital letters (a line's height above its baseline,
    /// as Typst sets a line by default).
    pub cap_height: u32,
}

/// The compiled-in regular face, parsed for its metrics.
static REGULAR: LazyLock<Option<ttf_parser::Face<'static>>> =
    LazyLock::new(|| ttf_parser::Face::parse(FONT_FILES[0], 0).ok());

/// The metrics of the regular face.
pub(crate) fn metrics() -> Metrics {
    match REGULAR.as_ref() {
        Some(face) => Metrics {
            space: word_advance(face, " "),
            cap_height: milli_em(
                u32::try_from(face.capital_height().unwrap_or_default()).unwrap_or(0),
                face.units_per_em(),
            ),
        },
        None => Metrics {
            space: 278,
            cap_height: 729,
        },
    }
}

/// The advance of each space-separated word of `text` in the regular face,
/// in thousandths of an em, without kerning, rounded up: never narrower
/// than Typst sets it, so that a row sized by these words holds its text.
pub(crate) fn word_advances(text: &str) -> Vec<u32> {
    let Some(face) = REGULAR.as_ref() else {
        return Vec::new();
    };
    text.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| word_advance(face, w))
        .collect()
}

fn word_advance(face: &ttf_parser::Face<'_>, word: &str) -> u32 {
    let units: u32 = word
        .chars()
        .map(|c| {
            let glyph = face.glyph_index(c).unwrap_or_default();
            u32::from(face.glyph_hor_advance(glyph).unwrap_or_default())
        })
        .sum();
    milli_em(units, face.units_per_em())
}

/// `units` of a face with `per_em` units per em, in thousandths of an em,
/// rounded up.
fn milli_em(units: u32, per_em: u16) -> u32 {
    (units * 1000).div_ceil(u32::from(per_em.max(1)))
}

/// The virtual files of one form (see [`FormWorld::set_form`]).
pub(crate) struct FormFiles {
    pub edition: Bytes,
    pub data: Vec<u8>,
    pub model: Vec<u8>,
}

/// The closed world one renderer compiles in.
pub(crate) struct FormWorld {
    /// The layout files loaded so far, by id.
    sources: HashMap<FileId, Source>,
    /// The main layout of each edition loaded so far, by code: its own
    /// (`CODE.typ`) or the generic one ([`GENERIC`]).
    layouts: HashMap<String, FileId>,
    /// The layout compiled as the main file: the form's edition's.
    main: FileId,
    /// The current `/data.json`.
    data: Bytes,
    /// The current `/edizione.json`.
    edition: Bytes,
    /// The current `/scheda.json`.
    model: Bytes,
    /// What `datetime.today()` returns: the date of the form.
    today: Datetime,
}

impl FormWorld {
    /// A world with no layout and no form yet.
    pub fn new() -> Self {
        FormWorld {
            sources: HashMap::new(),
            layouts: HashMap::new(),
            main: *DATA,
            data: Bytes::new(b"{}".as_slice()),
            edition: Bytes::new(b"{}".as_slice()),
            model: Bytes::new(b"{}".as_slice()),
            today: Datetime::from_ymd(2000, 1, 1).expect("a valid fixed date"),
        }
    }

    /// The path of the layout of the edition `code` (`CODE.typ`).
    pub fn layout_path(code: &str) -> String {
        format!("{code}.typ")
    }

    /// Whether the layout of the edition `code` is loaded.
    pub fn has_layout(&self, code: &str) -> bool {
        self.layouts.contains_key(code)
    }

    /// Load the layout of the edition `code` (its own, `CODE.typ`, else the
    /// generic [`GENERIC`]) and the files it imports, each from `dir` where
    /// it has one, else built in. `false` when there is no layout; a file
    /// that cannot be read is an error.
    pub fn load_layout(&mut self, dir: Option<&Path>, code: &str) -> Result<bool> {
        for layout in [Self::layout_path(code), GENERIC.to_string()] {
            if self.load_file(dir, &layout)? {
                if let Some(id) = file_id(&layout) {
                    self.layouts.insert(code.to_string(), id);
                }
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Load the layout file `layout` and what it imports; `false` when it is
    /// neither in `dir` nor built in.
    fn load_file(&mut self, dir: Option<&Path>, layout: &str) -> Result<bool> {
        let layout = layout.to_string();
        let mut paths = vec![layout.clone(), COMMON.to_string()];
        let mut i = 0;
        while let Some(path) = paths.get(i).cloned() {
            i += 1;
            // Only files in the templates directory itself or below it.
            let inside = Path::new(&path)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
            let found = match file_id(&path).filter(|_| inside) {
                Some(id) => templates::read(dir, &path)?.map(|(text, _)| (id, text)),
                None => None,
            };
            let Some((id, text)) = found else {
                if path == layout {
                    return Ok(false);
                }
                continue;
            };
            for import in templates::typst_imports(&text) {
                if !paths.contains(&import) {
                    paths.push(import);
                }
            }
            self.sources.insert(id, Source::new(id, text));
        }
        Ok(true)
    }

    /// Point the world at a form: the layout of the edition `code` becomes
    /// the main file, `edition` the contents of `/edizione.json` (the same
    /// bytes for every form of the edition, so that what a layout builds
    /// from them is evaluated once), `data` those of `/data.json` and
    /// `model` those of `/scheda.json` (the form's canonical JSON, which the
    /// layout attaches to the PDF). The layout must be loaded
    /// ([`FormWorld::load_layout`]).
    pub fn set_form(&mut self, code: &str, form: FormFiles, today: Datetime) -> Result<()> {
        self.main = *self.layouts.get(code).ok_or_else(|| no_layout(code))?;
        self.edition = form.edition;
        self.data = Bytes::new(form.data);
        self.model = Bytes::new(form.model);
        self.today = today;
        Ok(())
    }

    /// The virtual path of a file id, for messages (`/common.typ`).
    pub fn path_of(id: FileId) -> String {
        id.vpath().get_with_slash().to_string()
    }

    fn not_found(id: FileId) -> FileError {
        FileError::NotFound(PathBuf::from(Self::path_of(id)))
    }
}

/// The error for an edition with no layout: neither its own nor the
/// generic one, built in or in the templates directory (only a broken
/// build or a layout that cannot be read gets here).
pub(crate) fn no_layout(code: &str) -> Error {
    Error::new(Diagnostic::coded(
        Severity::Error,
        Message::new(
            kind::NO_PDF_LAYOUT,
            [
                ("edition", code.into()),
                ("layout", FormWorld::layout_path(code).into()),
                ("generic", GENERIC.into()),
            ],
        ),
        Some(Message::new(
            kind::NO_PDF_LAYOUT_HINT,
            [("edition", code.into()), ("generic", GENERIC.into())],
        )),
    ))
}

impl World for FormWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| {
            if id == *DATA || id == *EDITION || id == *MODEL {
                FileError::NotSource
            } else {
                Self::not_found(id)
            }
        })
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATA {
            return Ok(self.data.clone());
        }
        if id == *EDITION {
            return Ok(self.edition.clone());
        }
        if id == *MODEL {
            return Ok(self.model.clone());
        }
        self.sources
            .get(&id)
            .map(|s| Bytes::from_string(s.text().to_string()))
            .ok_or_else(|| Self::not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
