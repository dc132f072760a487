//! The Typst [`World`] the form is compiled in: a closed, in-memory world.
//!
//! It holds the form templates (compiled in, or replaced from a directory),
//! the data of the form being rendered as the virtual file `/data.json`, and
//! the four Liberation Sans faces compiled into the binary. It reads no
//! system font, no file, no package and no clock: every other path is "not
//! found", and `datetime.today()` is the date of the form.
//!
//! File ids are interned once for the whole process ([`Ids`]): Typst's
//! interner never frees an id and holds at most 2^16 of them, so a renderer
//! must never make one per document.

use std::path::PathBuf;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::model::Edizione;

/// The font faces, compiled in: Liberation Sans 2 (SIL OFL 1.1, see
/// `fonts/OFL.txt`), metric-compatible with Arial.
const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../../fonts/LiberationSans-BoldItalic.ttf"),
];

/// The built-in templates, by virtual path.
pub(crate) const BUILTIN_TEMPLATES: [(&str, &str); 3] = [
    ("common.typ", include_str!("../../../templates/common.typ")),
    ("SOC25.typ", include_str!("../../../templates/SOC25.typ")),
    ("SOC26.typ", include_str!("../../../templates/SOC26.typ")),
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

/// The fixed file ids of the world, interned once per process.
pub(crate) struct Ids {
    /// `/common.typ`, `/SOC25.typ`, `/SOC26.typ`, in the order of
    /// [`BUILTIN_TEMPLATES`].
    pub templates: [FileId; 3],
    /// `/data.json`, the form being rendered.
    pub data: FileId,
}

pub(crate) static IDS: LazyLock<Ids> = LazyLock::new(|| {
    let id = |path: &str| {
        let vpath = VirtualPath::new(path).expect("a fixed virtual path is valid");
        RootedPath::new(VirtualRoot::Project, vpath).intern()
    };
    Ids {
        templates: BUILTIN_TEMPLATES.map(|(name, _)| id(&format!("/{name}"))),
        data: id("/data.json"),
    }
});

/// Whether the compiled-in regular face has a glyph for `c`.
pub(crate) fn has_glyph(c: char) -> bool {
    FONTS
        .fonts
        .first()
        .is_some_and(|font| font.info().coverage.contains(c as u32))
}

/// The closed world one renderer compiles in.
pub(crate) struct FormWorld {
    /// The template sources, in the order of [`BUILTIN_TEMPLATES`].
    sources: Vec<Source>,
    /// The template compiled as the main file (one per edition).
    main: FileId,
    /// The current `/data.json`.
    data: Bytes,
    /// What `datetime.today()` returns: the date of the form.
    today: Datetime,
}

impl FormWorld {
    /// A world with the given template texts (in the order of
    /// [`BUILTIN_TEMPLATES`]) and no form yet.
    pub fn new(templates: [String; 3]) -> Self {
        let sources = IDS
            .templates
            .iter()
            .zip(templates)
            .map(|(id, text)| Source::new(*id, text))
            .collect();
        FormWorld {
            sources,
            main: IDS.templates[1],
            data: Bytes::new(b"{}".as_slice()),
            today: Datetime::from_ymd(2000, 1, 1).expect("a valid fixed date"),
        }
    }

    /// Point the world at a form: the edition's template becomes the main
    /// file and `data` the contents of `/data.json`.
    pub fn set_form(&mut self, edizione: Edizione, data: Vec<u8>, today: Datetime) {
        let layout = format!("{}.typ", edizione.code());
        self.main = BUILTIN_TEMPLATES
            .iter()
            .position(|(name, _)| *name == layout)
            .map_or(IDS.templates[1], |i| IDS.templates[i]);
        self.data = Bytes::new(data);
        self.today = today;
    }

    /// The virtual path of a file id, for messages (`/SOC25.typ`).
    pub fn path_of(id: FileId) -> String {
        id.vpath().get_with_slash().to_string()
    }

    fn not_found(id: FileId) -> FileError {
        FileError::NotFound(PathBuf::from(Self::path_of(id)))
    }
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
        self.sources
            .iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or_else(|| {
                if id == IDS.data {
                    FileError::NotSource
                } else {
                    Self::not_found(id)
                }
            })
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == IDS.data {
            return Ok(self.data.clone());
        }
        self.sources
            .iter()
            .find(|s| s.id() == id)
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
