//! Reflow, so that the window reads whole from 640×480 at 100 % to 1280×900 at 200 % (as few
//! as ~530 × 400 points): rows wrap instead of running under the window's edge, the reader list
//! leaves its side panel when the page would be too narrow beside it, pairs of boxes stack.
//! Nothing ever needs horizontal scrolling; pages taller than the window scroll down.

use std::hash::Hash;

use crate::gui::style;

/// Width of the reader list beside the page.
pub const READERS_PANEL_WIDTH: f32 = 270.0;

/// The reader list gets a side panel from this window width (points, at the normal text size):
/// the page beside it keeps ~490 points, enough for the PIN and PUK boxes side by side. The
/// default window at 125 % (768 points) is below it.
const TWO_COLUMNS_FROM: f32 = 780.0;

/// Whether a window `width` points wide has room for the reader list beside the page.
pub fn two_columns(width: f32, counter: bool) -> bool {
    width >= TWO_COLUMNS_FROM * style::text_scale(counter)
}

/// Room between the groups of a wrapped row, with a thin line in it.
const GROUP_GAP: f32 = 12.0;

/// A group of a wrapped row that must not be split across lines (A− 100 % A+): it moves to the
/// next line whole when the rest of this one is too short, and is set off from the group before
/// it by a separator unless it starts the line. `ui` must be a `horizontal_wrapped` one.
///
/// A group's width is known only once drawn, so it is remembered from the frame before; when
/// it changes (another language, another text size) the frame is drawn again at once.
pub fn group<R>(
    ui: &mut egui::Ui,
    id_salt: impl Hash + std::fmt::Debug,
    separated: bool,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let id = ui.scope_id().with(("row_group", id_salt));
    let known: Option<f32> = ui.data(|d| d.get_temp(id));
    let line_start = ui.max_rect().left();
    let at_line_start = |ui: &egui::Ui| ui.cursor().left() <= line_start + 0.5;
    // The separator and the spacing either side of it.
    let gap = GROUP_GAP + ui.spacing().item_spacing.x;
    if let Some(width) = known {
        let lead = if at_line_start(ui) || !separated { 0.0 } else { gap };
        if !at_line_start(ui) && width + lead > ui.available_size_before_wrap().x {
            ui.end_row();
        }
    }
    if separated && !at_line_start(ui) {
        ui.add(egui::Separator::default().vertical().spacing(GROUP_GAP));
    }
    let inner = ui.horizontal(add);
    let width = inner.response.rect.width();
    if known.is_none_or(|k| (k - width).abs() > 0.5) {
        ui.data_mut(|d| d.insert_temp(id, width));
        ui.ctx().request_discard("a group of a wrapped row changed width");
    }
    inner.inner
}

/// Two boxes of equal width side by side when each gets at least `min_each` points, else one
/// above the other across the whole width. Each closure gets the width its box must take.
pub fn pair(
    ui: &mut egui::Ui,
    min_each: f32,
    first: impl FnOnce(&mut egui::Ui, f32),
    second: impl FnOnce(&mut egui::Ui, f32),
) {
    let gap = ui.spacing().item_spacing.x;
    let half = ((ui.available_width() - gap) / 2.0).floor();
    if half >= min_each {
        ui.horizontal_top(|ui| {
            first(ui, half);
            second(ui, half);
        });
    } else {
        let whole = ui.available_width().floor();
        first(ui, whole);
        second(ui, whole);
    }
}
