//! Counter mode's tally at the bottom of the window: how many operations, never whose.

use crate::gui::page::Ctx;
use crate::i18n::msg;

pub fn ui(ctx: &Ctx, ui: &mut egui::Ui) {
    let s = ctx.session;
    let lang = ctx.lang;
    let parts = [
        lang.tr(msg::window_session_changes(s.changes)),
        lang.tr(msg::window_session_unblocks(s.unblocks)),
        lang.tr(msg::window_session_verifies(s.verifies)),
    ]
    .join(", ");
    ui.label(lang.tr(msg::WindowSessionCounts { total: s.total().into(), parts: parts.into() }));
}
