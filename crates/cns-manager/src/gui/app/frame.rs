//! One frame: the chrome around the page (top bar, demo band, readers, counter mode's tally,
//! the notice), then the current page, each given the window's state as a read-only `Ctx`.

use egui::{Key, Modifiers};

use super::Screen;
use super::{CardLink, CnsApp, FrameMemory, Model, Prefs};
use crate::gui::a11y;
use crate::gui::chrome;
use crate::gui::page::{Action, Ctx};
use crate::gui::pages;
use crate::gui::state::{CardView, Notice, Page};
use crate::gui::widgets::layout;
use crate::gui::words::Tone;

/// What the pages and the chrome may read this frame. A function of the groups, not of the
/// app, so that a page's own state can be borrowed mutably beside it.
pub(super) fn page_ctx<'a>(prefs: &'a Prefs, link: &'a CardLink, model: &'a Model, busy: bool) -> Ctx<'a> {
    Ctx {
        lang: prefs.lang,
        today: prefs.today(),
        counter: prefs.counter,
        counter_locked: prefs.counter_locked,
        busy,
        card: &model.card,
        readers: &model.readers,
        service: model.service,
        session: model.session,
        backend: &link.backend,
        wake: &link.wake,
    }
}

impl FrameMemory {
    /// The page to draw, and whether it differs from last frame's. On a new page, a notice
    /// about another page is dropped: it was read there, and here it would be about nothing.
    fn turn_page(&mut self, page: Page, notice: &mut Option<Notice>) -> bool {
        let new = self.page_shown != Some(page);
        if new {
            self.page_shown = Some(page);
            if notice.as_ref().is_some_and(|n| n.page() != page) {
                *notice = None;
            }
        }
        new
    }
}

impl CnsApp {
    pub(super) fn draw(&mut self, ui: &mut egui::Ui) {
        let busy = self.busy();
        a11y::name_window(ui.ctx(), self.prefs.lang);
        self.draw_chrome(ui, busy);
        // A narrow window (small, or large text) has no room for the reader list beside the
        // page: it goes on top of the page, in the one column that scrolls.
        let two_columns = layout::two_columns(ui.available_width(), self.prefs.counter);
        if two_columns {
            let ctx = page_ctx(&self.prefs, &self.link, &self.model, busy);
            let actions = egui::Panel::left("readers")
                .resizable(false)
                .exact_size(layout::READERS_PANEL_WIDTH)
                .show(ui, |ui| ui.add_enabled_ui(!busy, |ui| chrome::readers::side(&ctx, ui)).inner)
                .inner;
            self.actions.extend(actions);
        }
        let page = self.screen.page();
        let new_page = self.frame.turn_page(page, &mut self.notice);
        egui::CentralPanel::default().show(ui, |ui| {
            // Each page its own scroll position, from its top: a long page scrolled down must
            // not open the next one halfway.
            let mut area = egui::ScrollArea::vertical().id_salt(("main", page)).auto_shrink([false, false]);
            if new_page {
                area = area.vertical_scroll_offset(0.0);
            }
            area.show(ui, |ui| {
                let w = ui.available_width().min(720.0);
                ui.set_max_width(w);
                if !two_columns {
                    let ctx = page_ctx(&self.prefs, &self.link, &self.model, busy);
                    let actions = ui.add_enabled_ui(!busy, |ui| chrome::readers::strip(&ctx, ui)).inner;
                    self.actions.extend(actions);
                }
                chrome::notice_bar::ui(self.notice.as_ref(), page, self.prefs.lang, ui);
                self.draw_page(ui);
            });
        });
        self.after_frame(ui, busy);
    }

    /// The top bar, the demo band, and counter mode's tally at the bottom.
    fn draw_chrome(&mut self, ui: &mut egui::Ui, busy: bool) {
        let ctx = page_ctx(&self.prefs, &self.link, &self.model, busy);
        let actions = &mut self.actions;
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.add_enabled_ui(!busy, |ui| actions.extend(chrome::top_bar::ui(&ctx, ui)));
        });
        if ctx.is_demo() {
            egui::Panel::top("demo_banner")
                .frame(
                    egui::Frame::new()
                        .fill(Tone::Attention.fill())
                        .inner_margin(egui::Margin::symmetric(12, 6)),
                )
                .show(ui, |ui| actions.extend(chrome::demo_band::ui(self.model.demo_reason, &ctx, ui)));
        }
        if ctx.counter {
            egui::Panel::bottom("session").show(ui, |ui| chrome::session_line::ui(&ctx, ui));
        }
    }

    /// Focus bookkeeping, dropped files and Escape, once the page is drawn.
    fn after_frame(&mut self, ui: &mut egui::Ui, busy: bool) {
        // The button a closed screen returns the focus to had its chance in this frame, unless
        // the card is still being read and the buttons are yet to come.
        if !matches!(self.screen, Screen::Status) || !matches!(self.model.card, CardView::Reading) {
            a11y::forget_refocus(ui.ctx());
        }
        if !busy {
            self.take_dropped_files(ui);
        }
        if !busy
            && !matches!(self.screen, Screen::Status)
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            self.actions.push(match self.screen {
                Screen::Wizard(_) => Action::WizardBack,
                _ => Action::CloseScreen,
            });
        }
    }

    /// Files dropped on the window: they open the document page, or answer the one on screen
    /// (an authority's certificate, a trusted list).
    fn take_dropped_files(&mut self, ui: &egui::Ui) {
        let first = ui.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).find(|p| !p.as_os_str().is_empty())
        });
        if let Some(p) = first {
            let open = match &self.screen {
                Screen::Document(d) => Some(d.as_ref()),
                _ => None,
            };
            self.actions.push(Action::Document(pages::documents::dropped_file(p, open, self.prefs.counter)));
        }
    }

    /// Draws the current page with its own state, then keeps what it asked for.
    fn draw_page(&mut self, ui: &mut egui::Ui) {
        let busy = self.busy();
        let ctx = page_ctx(&self.prefs, &self.link, &self.model, busy);
        let actions = match &mut self.screen {
            Screen::Diagnostics(d) => pages::diagnostics::ui(d, &ctx, ui),
            Screen::Wizard(w) => pages::wizard::ui(w, &ctx, ui),
            Screen::Document(d) => pages::documents::ui(d, &ctx, ui),
            Screen::Browser(p) => pages::browser::ui(p, &ctx, ui),
            Screen::PinHelp(p) => pages::pin_help::ui(p, &ctx, ui),
            Screen::Services(p) => pages::services::ui(p, &ctx, ui),
            Screen::Certificate if ctx.card.status().is_some() => {
                pages::certificate::ui(&mut self.export, &ctx, ui)
            }
            Screen::NewCard => pages::new_card::ui(&ctx, ui),
            _ => pages::status::ui(&mut self.status_page, &ctx, ui),
        };
        self.actions.extend(actions);
        if matches!(self.screen, Screen::Diagnostics(_)) {
            ui.add_space(12.0);
            ui.separator();
            self.actions.extend(chrome::counter_setting::ui(&ctx, ui));
        }
    }

    /// True while a PIN command is with the card: the whole window refuses input.
    pub(crate) fn busy(&self) -> bool {
        match &self.screen {
            Screen::Wizard(w) => w.is_busy(),
            Screen::Document(d) => d.is_busy(),
            _ => false,
        }
    }
}
