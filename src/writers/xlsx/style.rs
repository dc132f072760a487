//! The look of a form workbook: cell formats (inputs yellow and unlocked,
//! derived values grey, Italian-style number formats) and the row heights
//! that wrapped text needs.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

/// Font size of the row labels.
pub(super) const LABEL_SIZE: f64 = 10.0;

/// The formats shared by the sheets of a form workbook.
pub(crate) struct Style {
    pub(super) title: Format,
    pub(super) note: Format,
    pub(super) quadro: Format,
    pub(super) intro: Format,
    pub(super) group: Format,
    pub(super) sub: Format,
    pub(super) caption: Format,
    pub(super) header: Format,
    pub(super) code: Format,
    pub(super) label: Format,
    pub(super) input_count: Format,
    pub(super) input_r0e: Format,
    pub(super) input_amount: Format,
    pub(super) input_text: Format,
    pub(super) input_yesno: Format,
    pub(super) derived_count: Format,
    pub(super) derived_amount: Format,
    pub(super) derived_r01b: Format,
    pub(super) ente_key: Format,
    pub(super) ente_locked: Format,
}

/// The formats of the form sheet.
pub(super) fn formats() -> Style {
    let border = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_border_color(0xBFBFBF)
            .set_align(FormatAlign::VerticalCenter)
    };
    let input = |num: &str| {
        border(Format::new())
            .set_num_format(num)
            .set_background_color(0xFFF2CC)
            .set_unlocked()
    };
    let derived = |num: &str| {
        border(Format::new())
            .set_num_format(num)
            .set_background_color(0xE7E6E6)
            .set_italic()
    };
    Style {
        title: Format::new().set_bold().set_font_size(13),
        note: Format::new()
            .set_italic()
            .set_font_size(9)
            .set_text_wrap()
            .set_align(FormatAlign::Top),
        quadro: Format::new()
            .set_bold()
            .set_font_size(12)
            .set_font_color(0xFFFFFF)
            .set_background_color(0x1F4E79)
            .set_align(FormatAlign::VerticalCenter),
        intro: Format::new()
            .set_text_wrap()
            .set_font_size(9)
            .set_align(FormatAlign::Top),
        group: Format::new()
            .set_bold()
            .set_background_color(0xDDEBF7)
            .set_border_bottom(FormatBorder::Thin),
        sub: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_border_bottom(FormatBorder::Thin)
            .set_align(FormatAlign::Bottom),
        caption: Format::new()
            .set_italic()
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter),
        header: border(Format::new())
            .set_bold()
            .set_font_size(8)
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_background_color(0xF2F2F2),
        code: border(Format::new()).set_bold().set_align(FormatAlign::Top),
        label: border(Format::new())
            .set_font_size(LABEL_SIZE)
            .set_text_wrap()
            .set_align(FormatAlign::Top),
        input_count: input("#,##0"),
        input_r0e: input(r#""1 assistente sociale ogni: "0" abitanti""#),
        input_amount: input("#,##0.00"),
        input_text: input("@").set_text_wrap().set_align(FormatAlign::Top),
        input_yesno: input("@").set_align(FormatAlign::Center),
        derived_count: derived("#,##0"),
        derived_amount: derived("#,##0.00"),
        derived_r01b: derived(r#""1:"0"#),
        ente_key: border(Format::new()).set_bold(),
        ente_locked: border(Format::new()),
    }
}

/// Lines a wrapped text takes in a cell `width` units wide at `size` points.
/// A unit is the width of a digit at 11 points; the estimate errs on the
/// generous side, so that no text is cut off.
pub(super) fn line_count(text: &str, width: f64, size: f64) -> usize {
    let per_line = (width * 1.1 * 11.0 / size).max(1.0);
    text.split('\n')
        .map(|para| {
            let chars = para.chars().count() as f64;
            (chars / per_line).ceil().max(1.0) as usize
        })
        .sum()
}

/// Row height (points) for a wrapped text in a cell `width` units wide at
/// `size` points, within Excel's limit of 409 points.
pub(super) fn height(text: &str, width: f64, size: f64) -> f64 {
    let lines = line_count(text, width, size) as f64;
    (lines * size * 1.35 + 4.0).clamp(15.0, 409.0)
}
