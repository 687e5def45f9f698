//! The window's parts. Each view reads the app's state, writes only into PIN buffers, and
//! pushes [`Action`]s that the app applies after the frame.

pub mod certificate;
pub mod demo;
pub mod help;
pub mod layout;
pub mod readers;
pub mod status;
pub mod top_bar;

use egui::{Key, Modifiers, RichText};

use super::a11y;
use super::app::{Action, CnsApp};
use super::state::{CardView, Notice, Screen};
use super::words::Tone;

impl CnsApp {
    pub(crate) fn draw(&mut self, ui: &mut egui::Ui) {
        let busy = self.busy();
        a11y::name_window(ui.ctx(), self.lang);
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.add_enabled_ui(!busy, |ui| self.top_bar(ui));
        });
        if self.is_demo() {
            egui::Panel::top("demo_banner")
                .frame(
                    egui::Frame::new()
                        .fill(Tone::Attention.fill())
                        .inner_margin(egui::Margin::symmetric(12, 6)),
                )
                .show(ui, |ui| self.demo_banner(ui));
        }
        if self.counter {
            egui::Panel::bottom("session").show(ui, |ui| {
                let s = self.session;
                let lang = self.lang;
                let parts = [
                    super::words::count(
                        lang,
                        s.changes,
                        ("cambio PIN", "cambi PIN"),
                        ("PIN change", "PIN changes"),
                    ),
                    super::words::count(lang, s.unblocks, ("sblocco", "sblocchi"), ("unblock", "unblocks")),
                    super::words::count(lang, s.verifies, ("verifica", "verifiche"), ("check", "checks")),
                ]
                .join(", ");
                ui.label(lang.s(
                    format!("Sportello · Operazioni in questa sessione: {} ({parts})", s.total()),
                    format!("Counter · Operations this session: {} ({parts})", s.total()),
                ));
            });
        }
        // A narrow window (small, or large text) has no room for the reader list beside the
        // page: it goes on top of the page, in the one column that scrolls.
        let two_columns = layout::two_columns(ui.available_width(), self.counter);
        if two_columns {
            egui::Panel::left("readers")
                .resizable(false)
                .exact_size(layout::READERS_PANEL_WIDTH)
                .show(ui, |ui| ui.add_enabled_ui(!busy, |ui| self.readers_side(ui)));
        }
        let (page, new_page) = self.turn_page();
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
                    ui.add_enabled_ui(!busy, |ui| self.readers_strip(ui));
                }
                self.notice_bar(ui);
                self.main_area(ui);
            });
        });
        // The button a closed screen returns the focus to had its chance in this frame, unless
        // the card is still being read and the buttons are yet to come.
        if !matches!(self.screen, Screen::Status) || !matches!(self.card, CardView::Reading) {
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

    fn main_area(&mut self, ui: &mut egui::Ui) {
        match &self.screen {
            Screen::Wizard(_) => self.wizard_view(ui),
            Screen::Certificate if self.card.status().is_some() => self.certificate_view(ui),
            Screen::NewCard => self.new_card_view(ui),
            Screen::Document(_) => self.document_view(ui),
            Screen::Diagnostics(_) => self.draw_page(ui),
            Screen::Browser(_) => self.browser_view(ui),
            _ => self.status_area(ui),
        }
    }

    fn notice_bar(&mut self, ui: &mut egui::Ui) {
        let Some(n) = self.notice.as_ref().filter(|n| n.page() == self.screen.page()) else {
            return;
        };
        let lang = self.lang;
        let (tone, text) = match n {
            Notice::Wiped => (Tone::Good, lang.t("Tessera rimossa – schermo pulito", "Card removed – screen cleared").to_owned()),
            Notice::WipedBeforeSending => (
                Tone::Good,
                lang.t(
                    "Tessera rimossa prima dell'invio – schermo pulito. Nulla è cambiato sulla tessera e nessun tentativo è stato usato.",
                    "Card removed before anything was sent – screen cleared. Nothing changed on the card and no try was used.",
                )
                .to_owned(),
            ),
            Notice::RemovedDuringOperation => (
                Tone::Attention,
                lang.t(
                    "La tessera è stata rimossa: l'operazione potrebbe non essere stata completata. Reinserisci la tessera per vedere lo stato.",
                    "The card was removed: the operation may not have been completed. Insert the card again to see its state.",
                )
                .to_owned(),
            ),
            Notice::Exported(p) => (
                Tone::Good,
                lang.s(
                    format!("Certificato salvato in {}", p.display()),
                    format!("Certificate saved to {}", p.display()),
                ),
            ),
            Notice::ExportFailed(e) => (
                Tone::Bad,
                lang.s(format!("Il certificato non è stato salvato: {e}"), format!("The certificate was not saved: {e}")),
            ),
        };
        // Announced when it appears: the notice often follows an action the user cannot see
        // the end of (a card pulled, a file saved by the dialog).
        live_banner(ui, tone, &text);
        ui.add_space(8.0);
    }
}

/// A framed line with icon and words in the tone's colour.
pub fn banner(ui: &mut egui::Ui, tone: Tone, text: &str) {
    framed_line(ui, tone, text);
}

/// A banner that a screen reader announces when it appears or changes (a result, an error):
/// a live region, assertive for bad news.
pub fn live_banner(ui: &mut egui::Ui, tone: Tone, text: &str) {
    let line = framed_line(ui, tone, text);
    a11y::mark_live(&line, tone);
}

fn framed_line(ui: &mut egui::Ui, tone: Tone, text: &str) -> egui::Response {
    egui::Frame::new()
        .fill(tone.fill())
        .stroke(egui::Stroke::new(1.0, tone.color()))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(12, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format!("{} {text}", tone.icon())).color(tone.color()).strong())
        })
        .inner
}

/// A primary button: filled, so the suggested action stands out.
pub fn primary_button(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let button = ui.add(
        egui::Button::new(RichText::new(text).strong().color(egui::Color32::WHITE))
            .fill(egui::Color32::from_rgb(0x0B, 0x57, 0x9E))
            .min_size(egui::vec2(0.0, 36.0)),
    );
    focus_ring(ui, &button);
    opener_focus(&button, text);
    button
}

pub fn secondary_button(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let button = ui.add(egui::Button::new(text).min_size(egui::vec2(0.0, 36.0)));
    focus_ring(ui, &button);
    opener_focus(&button, text);
    button
}

/// egui marks a focused button with a thin stroke of the selection colour, which all but
/// vanishes on the blue primary button: a keyboard user must see where Enter goes (WCAG 2.4.7),
/// so the focused button gets a ring of the strong text colour around it.
fn focus_ring(ui: &egui::Ui, button: &egui::Response) {
    if button.has_focus() {
        ui.painter().rect_stroke(
            button.rect.expand(3.0),
            6.0,
            egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
            egui::StrokeKind::Outside,
        );
    }
}

/// Any of these buttons may open a screen: it says when it is pressed, and takes the focus
/// back when that screen closes.
fn opener_focus(button: &egui::Response, text: &str) {
    a11y::note_pressed(button, text);
    a11y::take_focus_if_awaited(button, text);
}
