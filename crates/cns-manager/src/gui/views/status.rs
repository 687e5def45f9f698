//! The card at a glance: who, which card, until when, and the PIN/PUK state in words; under it
//! only the actions that make sense now.

use cns_core::PinState;
use cns_core::card::CardStatus;
use cns_core::cert::{self, Expiry};
use cns_core::flow::Operation;
use cns_core::italian_time::italian_date;
use egui::RichText;

use crate::doctor::fixes;
use crate::i18n::Lang;

use super::super::app::{Action, CnsApp};
use super::super::documents::{DocAction, Kind as DocKind};
use super::super::state::{CardView, ReadProblem, Service};
use super::super::words::{self, Tone};
use super::{banner, primary_button, secondary_button};

/// Days before expiry when a warning appears.
const SOON_DAYS: i64 = 30;

/// The narrowest a PIN or PUK box may be beside the other (points, normal text size).
const STATE_BOX_MIN_WIDTH: f32 = 230.0;

impl CnsApp {
    pub(crate) fn status_area(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        if self.readers.list.is_empty() {
            self.no_reader_view(ui);
            self.verify_offer(ui);
            return;
        }
        match &self.card {
            CardView::Empty => {
                ui.add_space(24.0);
                super::super::a11y::heading_text(
                    ui,
                    RichText::new(
                        lang.t("Inserisci la tessera nel lettore", "Insert the card in the reader"),
                    )
                    .heading(),
                );
                ui.add_space(8.0);
                ui.label(lang.t(
                    "Con il chip dorato verso l'alto e rivolto verso il lettore. Lo stato della tessera comparirà qui da solo.",
                    "With the golden chip facing up and towards the reader. The card's state will appear here by itself.",
                ));
            }
            CardView::Reading => {
                ui.add_space(24.0);
                ui.horizontal_wrapped(|ui| {
                    ui.spinner();
                    ui.label(RichText::new(lang.t("Lettura della tessera…", "Reading the card…")).heading());
                });
                ui.label(lang.t("Non rimuovere la tessera.", "Do not remove the card."));
            }
            CardView::NotCns { atr, detail } => {
                ui.add_space(16.0);
                banner(
                    ui,
                    Tone::Bad,
                    lang.t(
                        "Questa carta non è una Tessera Sanitaria – CNS.",
                        "This card is not a Tessera Sanitaria – CNS (Italian health card).",
                    ),
                );
                ui.add_space(8.0);
                ui.label(lang.t(
                    "Controlla di aver inserito la tessera sanitaria giusta. Altre carte (bancomat, carta d'identità elettronica, firma digitale) non si gestiscono con questo programma.",
                    "Check you inserted the right health card. Other cards (bank cards, electronic identity card, digital signature) are not managed by this program.",
                ));
                let (atr, detail) = (atr.clone(), detail.clone());
                technical(ui, lang, |ui| {
                    let rec = cns_core::profile::recognize(&atr);
                    ui.label(format!("ATR: {}", words::hex(&atr)));
                    ui.label(format!("{}: {}", lang.t("Tipo dichiarato", "Declared type"), rec.marker));
                    ui.label(detail);
                });
            }
            CardView::Failed { problem, detail } => {
                let (problem, detail) = (*problem, detail.clone());
                self.read_failed_view(ui, problem, &detail);
            }
            CardView::Ready(_) => self.card_view(ui),
        }
        if !matches!(self.card, CardView::Ready(_)) {
            self.verify_offer(ui);
        }
    }

    /// Checking a signed file needs no card: offered under every page of the status screen
    /// (no reader, no card, reading, not a CNS, read failed, service down), with the drop hint.
    fn verify_offer(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        ui.add_space(20.0);
        ui.separator();
        ui.add_space(6.0);
        ui.label(
            RichText::new(lang.t("Hai ricevuto un documento firmato?", "Did you receive a signed document?"))
                .strong(),
        );
        ui.label(lang.t(
            "Per verificare un file .p7m o .p7s non serve la tessera: trascinalo nella finestra oppure sceglilo.",
            "Checking a .p7m or .p7s file needs no card: drop it on the window or choose it.",
        ));
        ui.add_space(4.0);
        if secondary_button(ui, lang.t("Verifica un documento", "Check a signed document")).clicked() {
            self.actions.push(Action::Document(DocAction::Open(DocKind::Verify, None)));
        }
    }

    fn read_failed_view(&mut self, ui: &mut egui::Ui, problem: ReadProblem, detail: &str) {
        let lang = self.lang;
        ui.add_space(16.0);
        let text = match problem {
            ReadProblem::Removed => lang.t(
                "La tessera è stata rimossa durante la lettura. Reinseriscila.",
                "The card was removed while being read. Insert it again.",
            ),
            ReadProblem::InUse => lang.t(
                "Un altro programma sta usando la tessera. Appena la lascia libera la leggo da solo; \
                 se non succede, chiudi l'altro programma.",
                "Another program is using the card. As soon as it lets go, the card is read by itself; \
                 if that does not happen, close the other program.",
            ),
            ReadProblem::Unresponsive => lang.t(
                "La tessera non risponde. Toglila, controlla il verso (chip in alto) e reinseriscila.",
                "The card does not answer. Take it out, check it is the right way up (chip on top) and insert it again.",
            ),
            ReadProblem::ServiceDown => lang.t(
                "Il servizio smart card non risponde.",
                "The smart card service does not answer.",
            ),
            ReadProblem::Unreadable => lang.t(
                "Tessera non leggibile: le sue risposte non seguono lo standard. Estraila, controlla il chip \
                 e reinseriscila; se succede ancora, la tessera potrebbe essere danneggiata.",
                "Card not readable: its answers do not follow the standard. Take it out, check the chip and \
                 insert it again; if it happens again, the card may be damaged.",
            ),
            ReadProblem::Other => lang.t("Non riesco a leggere la tessera.", "The card could not be read."),
        };
        banner(ui, Tone::Attention, text);
        ui.add_space(8.0);
        if primary_button(ui, lang.t("Riprova", "Retry")).clicked() {
            self.actions.push(Action::Reread);
        }
        let detail = detail.to_owned();
        technical(ui, lang, |ui| {
            ui.label(detail);
        });
    }

    fn card_view(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let counter = self.counter;
        // A card just read puts the keyboard on its first action (no Tab through the top bar and
        // the reader panel), unless the user is already somewhere else.
        let focus_first = self.card.status().is_some()
            && std::mem::take(&mut self.focus_first_action)
            && ui.ctx().memory(|m| m.focused().is_none());
        let Some(s) = self.card.status() else {
            return;
        };
        let today = self.today();
        let mut actions = Vec::new();

        // Who.
        let name = s.personal.as_ref().map(|p| p.full_name()).unwrap_or_default();
        ui.add_space(8.0);
        if name.is_empty() {
            ui.label(
                RichText::new(lang.t("Titolare non leggibile", "Holder not readable"))
                    .size(super::super::style::headline(counter)),
            );
        } else {
            super::super::a11y::heading_text(
                ui,
                RichText::new(name).size(super::super::style::headline(counter)).strong(),
            );
        }
        ui.add_space(6.0);

        egui::Grid::new("card_facts").num_columns(2).spacing([16.0, 8.0]).show(ui, |ui| {
            fiscal_code_row(ui, lang, s);
            ui.label(RichText::new(lang.t("Tessera n.", "Card no.")).weak());
            ui.add(
                egui::Label::new(match s.id.region() {
                    Some(r) => format!("{} – {}", s.id.formatted(), crate::i18n::region_name(lang, &r)),
                    None => s.id.formatted(),
                })
                .wrap(),
            );
            ui.end_row();
            expiry_rows(ui, lang, s, today);
        });
        ui.add_space(12.0);

        // The two boxes that matter most.
        let (pin_tone, pin_head, pin_detail) = words::pin_state(lang, s.pin, s.puk);
        let (puk_tone, puk_head, puk_detail) = words::puk_state(lang, s.puk);
        // Side by side while each keeps room for its words, else one above the other.
        super::layout::pair(
            ui,
            STATE_BOX_MIN_WIDTH * super::super::style::text_scale(counter),
            |ui, w| state_box(ui, w, pin_tone, &pin_head, &pin_detail),
            |ui, w| state_box(ui, w, puk_tone, &puk_head, &puk_detail),
        );
        ui.add_space(14.0);

        // What can be done now.
        let pin_blocked = s.pin == PinState::Blocked;
        let puk_blocked = s.puk == PinState::Blocked;
        let last_try = s.pin.is_last_try();
        let cert_ok = s.certificate.is_ok();
        ui.horizontal_wrapped(|ui| {
            let mut focus_first = focus_first;
            if pin_blocked && puk_blocked {
                let help = primary_button(ui, lang.t("Come richiedere una nuova tessera", "How to get a new card"));
                if take_first_focus(&help, &mut focus_first).clicked() {
                    actions.push(Action::ShowNewCardHelp);
                }
            } else if pin_blocked || last_try {
                let unblock = primary_button(ui, lang.t("Sblocca con il PUK", "Unblock with the PUK"));
                if take_first_focus(&unblock, &mut focus_first).clicked() {
                    actions.push(Action::StartWizard(Operation::UnblockPin));
                }
            }
            let change = lang.t("Cambia PIN", "Change PIN");
            let verify = lang.t("Verifica PIN", "Check PIN");
            if pin_blocked {
                let why = lang.t(
                    "Il PIN è bloccato: prima va sbloccato con il PUK.",
                    "The PIN is blocked: unblock it with the PUK first.",
                );
                ui.add_enabled(false, egui::Button::new(change).min_size(egui::vec2(0.0, 36.0)))
                    .on_disabled_hover_text(why);
                ui.add_enabled(false, egui::Button::new(verify).min_size(egui::vec2(0.0, 36.0)))
                    .on_disabled_hover_text(why);
            } else {
                let change_clicked = if last_try {
                    secondary_button(ui, change).clicked()
                } else {
                    take_first_focus(&primary_button(ui, change), &mut focus_first).clicked()
                };
                if change_clicked {
                    actions.push(Action::StartWizard(Operation::ChangePin));
                }
                if secondary_button(ui, verify).clicked() {
                    actions.push(Action::StartWizard(Operation::VerifyPin));
                }
            }
            if cert_ok && secondary_button(ui, lang.t("Certificato", "Certificate")).clicked() {
                actions.push(Action::ShowCertificate);
            }
            if cert_ok
                && !pin_blocked
                && secondary_button(ui, lang.t("Firma un documento", "Sign a document")).clicked()
            {
                actions.push(Action::Document(DocAction::Open(DocKind::Sign, None)));
            }
            if secondary_button(ui, lang.t("Verifica un documento", "Check a signed document")).clicked() {
                actions.push(Action::Document(DocAction::Open(DocKind::Verify, None)));
            }
            // Setting up this PC's browsers is the citizen's business, not the counter's; and a
            // blocked PIN logs in nowhere.
            if cert_ok
                && !counter
                && !pin_blocked
                && secondary_button(ui, lang.t("Usa la tessera nel browser", "Use the card in the browser"))
                    .on_hover_text(lang.t(
                        "Quali browser vedono la tessera per entrare nei servizi online; aggiungi il modulo dove \
                         manca.",
                        "Which browsers see the card to log in to online services; add the module where it is \
                         missing.",
                    ))
                    .clicked()
            {
                actions.push(Action::ShowBrowser);
            }
        });
        ui.label(
            RichText::new(lang.t(
                "Puoi anche trascinare un file nella finestra: un .p7m o .p7s si verifica, un altro documento si firma.",
                "You can also drop a file on the window: a .p7m or .p7s is checked, any other document is signed.",
            ))
            .weak(),
        );
        if pin_blocked && !puk_blocked {
            ui.label(
                RichText::new(lang.t(
                    "Il PIN è bloccato: sbloccalo con il PUK.",
                    "The PIN is blocked: unblock it with the PUK.",
                ))
                .weak(),
            );
        }
        if puk_blocked {
            ui.add_space(6.0);
            banner(
                ui,
                Tone::Bad,
                lang.t(
                    "PUK bloccato: la tessera non può più essere sbloccata e va sostituita.",
                    "PUK blocked: the card can no longer be unblocked and must be replaced.",
                ),
            );
            if !pin_blocked
                && secondary_button(ui, lang.t("Come richiedere una nuova tessera", "How to get a new card"))
                    .clicked()
            {
                actions.push(Action::ShowNewCardHelp);
            }
        }
        ui.add_space(10.0);
        let reader = self.readers.selected.clone().unwrap_or_default();
        technical(ui, lang, |ui| {
            ui.label(format!(
                "{}: {}",
                lang.t("Lettore", "Reader"),
                crate::backend::reader_name(&reader, lang)
            ));
            ui.label(format!("ATR: {}", words::hex(&s.atr)));
            ui.label(format!(
                "{}: {} ({})",
                lang.t("Profilo", "Profile"),
                s.recognition.profile.name,
                s.recognition.marker
            ));
            if let cns_core::card::Location::Applet(applet) = s.location {
                ui.label(format!("Applet: {} ({})", applet.name, words::hex(applet.aid)));
            }
            ui.label(if s.counters_queried {
                lang.t("Contatori letti dalla tessera senza consumare tentativi.", "Counters read from the card without using tries.")
            } else {
                lang.t(
                    "Questa famiglia di tessere consuma un tentativo se le si chiede il contatore: non lo chiediamo.",
                    "This card family uses up a try when asked for the counter: we do not ask.",
                )
            });
            if let Some(p) = &s.processor {
                ui.label(format!(
                    "{}: {}",
                    lang.t("Produttore chip", "Chip maker"),
                    p.chip_manufacturer.as_str()
                ));
            }
        });
        self.actions.extend(actions);
    }

    fn no_reader_view(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        ui.add_space(16.0);
        let service_down = self.service == Service::Down;
        let (title, steps) = fixes::no_reader_guidance(service_down, fixes::Os::current(), lang);
        if service_down {
            banner(ui, Tone::Attention, &title);
            ui.add_space(8.0);
            for line in steps {
                // Commands in monospace, so they read as something to type.
                if line.starts_with("sudo ") {
                    ui.label(RichText::new(line).monospace())
                } else {
                    ui.label(line)
                };
            }
        } else {
            super::super::a11y::heading(ui, &title);
            ui.add_space(8.0);
            for (i, line) in steps.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{}.", i + 1)).strong());
                    ui.label(line);
                });
            }
        }
        ui.add_space(8.0);
        ui.label(
            RichText::new(lang.t(
                "Quando il lettore è pronto, compare a sinistra da solo.",
                "When the reader is ready, it appears on the left by itself.",
            ))
            .weak(),
        );
        ui.add_space(12.0);
        ui.horizontal_wrapped(|ui| {
            if secondary_button(ui, lang.t("Riprova", "Retry")).clicked() {
                self.actions.push(Action::RetryReaders);
            }
            if !self.is_demo()
                && primary_button(ui, lang.t("Prova la modalità dimostrativa", "Try the demo mode")).clicked()
            {
                self.actions.push(Action::SwitchToDemo);
            }
        });
    }
}

/// Gives `button` the focus if the first action is still to be focused (see `card_view`).
fn take_first_focus<'a>(button: &'a egui::Response, pending: &mut bool) -> &'a egui::Response {
    if std::mem::take(pending) {
        button.request_focus();
    }
    button
}

fn fiscal_code_row(ui: &mut egui::Ui, lang: Lang, s: &CardStatus) {
    ui.label(RichText::new(lang.t("Codice fiscale", "Fiscal code")).weak());
    match &s.fiscal_code {
        Some(Ok(cf)) if s.fiscal_code_mismatches.is_empty() => {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(cf.as_str()).monospace());
                ui.label(
                    RichText::new(format!("{} {}", Tone::Good.icon(), lang.t("valido", "valid")))
                        .color(Tone::Good.color()),
                );
            });
        }
        Some(Ok(cf)) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(cf.as_str()).monospace());
                ui.label(
                    RichText::new(format!(
                        "{} {}",
                        Tone::Attention.icon(),
                        lang.t("non corrisponde ai dati della tessera", "does not match the card's data")
                    ))
                    .color(Tone::Attention.color()),
                );
            });
        }
        Some(Err(e)) => {
            let raw = s.personal.as_ref().map(|p| p.fiscal_code.clone()).unwrap_or_default();
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(raw).monospace());
                ui.label(
                    RichText::new(format!(
                        "{} {}",
                        Tone::Attention.icon(),
                        lang.t("non valido", "not valid")
                    ))
                    .color(Tone::Attention.color()),
                )
                .on_hover_text(&e.0);
            });
        }
        None => {
            ui.label(RichText::new(lang.t("non leggibile", "not readable")).weak());
        }
    }
    ui.end_row();
}

fn expiry_rows(ui: &mut egui::Ui, lang: Lang, s: &CardStatus, today: time::Date) {
    let card_expiry = s.card_expiry();
    ui.label(RichText::new(lang.t("Scadenza tessera", "Card expiry")).weak());
    match card_expiry {
        Some(d) => {
            let days = (d - today).whole_days();
            let (tone, note) = if days < 0 {
                (Tone::Bad, lang.t("scaduta: va rinnovata", "expired: it must be renewed").to_owned())
            } else if days <= SOON_DAYS {
                (
                    Tone::Attention,
                    lang.s(format!("scade tra {days} giorni"), format!("expires in {days} days")),
                )
            } else {
                (Tone::Good, lang.t("valida", "valid").to_owned())
            };
            tone_value(ui, &words::date(d), tone, &note);
        }
        None => {
            ui.label(RichText::new(lang.t("non indicata", "not stated")).weak());
        }
    }
    ui.end_row();

    ui.label(RichText::new(lang.t("Certificato", "Certificate")).weak());
    match &s.certificate {
        Ok(c) => {
            let end = italian_date(c.not_after);
            let (tone, mut note) = match cert::expiry_status(c.not_after, today) {
                Expiry::Expired { .. } => (Tone::Bad, lang.t("scaduto", "expired").to_owned()),
                Expiry::ExpiresSoon { days_left } => (
                    Tone::Attention,
                    lang.s(format!("scade tra {days_left} giorni"), format!("expires in {days_left} days")),
                ),
                Expiry::Valid { .. } => (Tone::Good, lang.t("valido", "valid").to_owned()),
            };
            let mut tone = tone;
            if let Some(card_end) = card_expiry
                && cert::ends_before_card(c.not_after, card_end)
                && tone == Tone::Good
            {
                tone = Tone::Attention;
                note = lang.t("scade prima della tessera", "ends before the card").to_owned();
            }
            tone_value(ui, &words::date(end), tone, &note);
        }
        Err(_) => {
            ui.label(RichText::new(lang.t("non leggibile", "not readable")).weak());
        }
    }
    ui.end_row();
}

fn tone_value(ui: &mut egui::Ui, value: &str, tone: Tone, note: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(value);
        ui.label(RichText::new(format!("{} {note}", tone.icon())).color(tone.color()));
    });
}

fn state_box(ui: &mut egui::Ui, width: f32, tone: Tone, head: &str, detail: &str) {
    const MARGIN: i8 = 12;
    egui::Frame::new()
        .fill(tone.fill())
        .stroke(egui::Stroke::new(1.5, tone.color()))
        .corner_radius(8.0)
        .inner_margin(egui::Margin::same(MARGIN))
        .show(ui, |ui| {
            // Fixed: both boxes the same size, whatever their text.
            let inner = width - 2.0 * f32::from(MARGIN) - 3.0;
            ui.set_width(inner);
            ui.set_min_height(64.0);
            ui.vertical(|ui| {
                let size = egui::TextStyle::Body.resolve(ui.style()).size + 2.0;
                ui.label(
                    RichText::new(format!("{} {head}", tone.icon())).color(tone.color()).strong().size(size),
                );
                if !detail.is_empty() {
                    ui.label(RichText::new(detail).color(tone.color()));
                }
            });
        });
}

/// The "Dettagli tecnici" expander.
pub fn technical(ui: &mut egui::Ui, lang: Lang, add: impl FnOnce(&mut egui::Ui)) {
    egui::CollapsingHeader::new(lang.t("Dettagli tecnici", "Technical details"))
        .id_salt("technical_details")
        .show(ui, add);
}
