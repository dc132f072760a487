//! The glyphs of a PDF page where they stand: hayro-interpret walks the
//! page's content (fonts, encodings, form XObjects, text matrices) and hands
//! every glyph drawn to [`Collector`], which keeps its text, its origin, its
//! size and its advance, in points from the top left of the page.

use hayro_interpret::font::Glyph as PdfGlyph;
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache,
    InterpreterSettings, Paint, PathDrawMode, SoftMask, interpret_page,
};
use kurbo::{Affine, BezPath, Point, Rect};

/// One glyph as drawn.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    /// The text it stands for (usually one character).
    pub text: String,
    /// Its origin on the baseline, in points from the page's top left.
    pub x: f64,
    pub y: f64,
    /// Its font size (the height of an em on the page).
    pub size: f64,
    /// How far the next glyph would start.
    pub advance: f64,
}

/// What a page draws that the reader needs: its upright glyphs, and how
/// many glyphs it could not map to text and images it shows.
#[derive(Debug, Default)]
pub(super) struct PageGlyphs {
    pub glyphs: Vec<Glyph>,
    pub unmapped: usize,
    pub images: usize,
}

/// Interpret `page` and collect its glyphs.
pub(super) fn page_glyphs<'a>(page: &Page<'a>, cache: &InterpreterCache<'a>) -> PageGlyphs {
    let initial = page.initial_transform(true);
    let (width, height) = page.render_dimensions();
    let mut context = Context::new(
        Affine::new(initial.as_coeffs()),
        Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
        cache,
        page.xref(),
        InterpreterSettings::default(),
    );
    let mut collector = Collector::default();
    interpret_page(page, &mut context, &mut collector);
    collector.page
}

/// The device that keeps glyphs and counts images, drawing nothing.
#[derive(Default)]
struct Collector {
    page: PageGlyphs,
}

impl<'a> Device<'a> for Collector {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {
        self.page.images += 1;
    }

    fn draw_glyph(
        &mut self,
        glyph: &PdfGlyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        // Glyph space has 1000 units to the em.
        let full = transform * glyph_transform;
        let origin = full * Point::ORIGIN;
        let up = full * Point::new(0.0, 1000.0) - origin;
        let along = full * Point::new(1000.0, 0.0) - origin;
        // Upright text only (y grows downwards on the page): rotated text
        // (a watermark, a margin note) is not the form's.
        if along.x <= 0.0 || along.y.abs() > along.x * 0.1 || up.x.abs() > up.y.abs() * 0.1 {
            return;
        }
        let Some(text) = glyph.as_unicode() else {
            self.page.unmapped += 1;
            return;
        };
        let text = match text {
            hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
            hayro_interpret::hayro_cmap::BfString::String(s) => s,
        };
        let advance = match glyph {
            PdfGlyph::Outline(o) => o.advance_width().map(f64::from),
            PdfGlyph::Type3(_) => None,
        }
        .map_or(along.x * 0.5, |w| along.x * w / 1000.0);
        self.page.glyphs.push(Glyph {
            text,
            x: origin.x,
            y: origin.y,
            size: up.y.abs(),
            advance,
        });
    }
}
