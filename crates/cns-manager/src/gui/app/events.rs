//! What the reader monitor and the card worker report: readers and cards that come and go,
//! status reads, PIN answers, saved files, the doctor's checks. A card that leaves takes
//! everything about it with it.

use std::path::PathBuf;

use cns_core::flow::{Operation, Outcome};
use cns_pcsc::{MonitorEvent, apply_event};

use super::CnsApp;
use super::Screen;
use crate::gui::export::DialogResult;
use crate::gui::state::{CardView, KnownCounters, Notice, ReadProblem, Service};
use crate::service::worker::{Event, Request};

/// How long the window waits before reading a card that another program was using again (the
/// read itself already waits up to the transport's bound for the card to be free).
const IN_USE_REREAD: std::time::Duration = std::time::Duration::from_secs(2);

impl CnsApp {
    pub(super) fn drain(&mut self) {
        for ev in self.link.monitor.drain() {
            self.on_monitor(ev);
        }
        while let Some(ev) = self.link.worker.try_recv() {
            self.on_worker(ev);
        }
        if let Some(result) = self.export.poll_dialog() {
            self.on_dialog(result);
        }
    }

    pub(super) fn on_monitor(&mut self, ev: MonitorEvent) {
        let before = self.model.readers.selected_info().map(|r| (r.card_present, r.atr.clone()));
        match &ev {
            MonitorEvent::ServiceLost => self.model.service = Service::Down,
            MonitorEvent::ServiceBack | MonitorEvent::Snapshot(_) => self.model.service = Service::Up,
            _ => {}
        }
        apply_event(&mut self.model.readers.list, &ev);
        self.model.readers.reselect(self.prefs.settings.preferred_reader.as_deref());
        let after = self.model.readers.selected_info().map(|r| (r.card_present, r.atr.clone()));
        if before != after {
            self.selected_card_changed();
        }
    }

    /// The selected reader's card came, went, or was swapped.
    pub(super) fn selected_card_changed(&mut self) {
        let present = self.model.readers.selected_info().is_some_and(|r| r.card_present);
        let had_card = !matches!(self.model.card, CardView::Empty);
        self.forget_card();
        // (a removal in the middle of an operation keeps its own, more telling notice)
        if had_card
            && self.prefs.counter
            && !matches!(self.notice, Some(Notice::RemovedDuringOperation | Notice::WipedBeforeSending))
        {
            self.notice = Some(Notice::Wiped);
        }
        if present {
            if matches!(self.notice, Some(Notice::Wiped | Notice::WipedBeforeSending | Notice::Exported(_))) {
                self.notice = None;
            }
            self.read_selected();
        }
    }

    /// Everything about the card leaves the screen and memory. A command already with the card
    /// still gets its answer (the flow must hear it); its wizard keeps no digits meanwhile. A
    /// signature works the same way; checking a signed file has nothing to do with the card and
    /// stays (in counter mode only until a card leaves: it may name the citizen).
    pub(super) fn forget_card(&mut self) {
        let card_left = !matches!(self.model.card, CardView::Empty);
        // A status read still under way is of the card forgotten here: its answer must not
        // land after this (the monitor can report a removal before the read that found the
        // reader empty answers, and that answer would then stay on screen).
        self.link.read_seq += 1;
        self.model.card.wipe();
        self.model.known = None;
        self.export.reset();
        // "Certificato salvato in…" was about the card that went (or was reset).
        if self.notice.as_ref().is_some_and(Notice::is_about_the_card) {
            self.notice = None;
        }
        let keep = match std::mem::replace(&mut self.screen, Screen::Status) {
            Screen::Wizard(mut w) if w.is_busy() => {
                w.wipe();
                if self.prefs.counter {
                    self.notice = Some(Notice::RemovedDuringOperation);
                    // The answer will find no wizard and be dropped; the flow ends with it.
                    None
                } else {
                    Some(Screen::Wizard(w))
                }
            }
            // Counter mode wipes the screen, but says that nothing had reached the card.
            Screen::Wizard(mut w) if self.prefs.counter && w.before_sending() => {
                w.wipe();
                self.notice = Some(Notice::WipedBeforeSending);
                None
            }
            // A removal message stays readable (nothing personal in it).
            Screen::Wizard(w) if !self.prefs.counter && w.is_removal_page() => Some(Screen::Wizard(w)),
            // Nothing was sent yet: say that nothing changed, rather than fall back to "insert
            // the card" as if the wizard had never been.
            Screen::Wizard(mut w) if !self.prefs.counter && w.before_sending() => {
                w.card_left();
                Some(Screen::Wizard(w))
            }
            Screen::Document(mut d) => match d.on_card_change(self.prefs.counter, card_left) {
                crate::gui::pages::documents::OnCardChange::Keep => Some(Screen::Document(d)),
                crate::gui::pages::documents::OnCardChange::Drop => None,
                crate::gui::pages::documents::OnCardChange::DropRemovedMidOperation => {
                    // As for a PIN wizard: the result will find no screen; the notice says
                    // the operation may not have been completed and where to look.
                    self.notice = Some(Notice::RemovedDuringOperation);
                    None
                }
            },
            _ => None,
        };
        if let Some(s) = keep {
            self.screen = s;
        }
    }

    pub(super) fn read_selected(&mut self) {
        self.read_selected_keeping(false);
    }

    /// `keep`: leave the current status on screen until the new one arrives (a refresh after
    /// an operation, not a new card).
    pub(crate) fn read_selected_keeping(&mut self, keep: bool) {
        let Some(reader) = self.model.readers.selected.clone() else {
            return;
        };
        self.link.read_seq += 1;
        if !keep || self.model.card.status().is_none() {
            self.model.card.wipe();
            self.model.card = CardView::Reading;
            self.status_page.focus_first_action_of_next_card();
        }
        self.link.worker.send(Request::ReadCard { reader, seq: self.link.read_seq });
    }

    /// Another program had the card: read it again (the status only, never a PIN) every
    /// [`IN_USE_REREAD`], leaving the "in use" page on screen meanwhile; stops as soon as the
    /// page changes (read, card removed, Retry pressed).
    pub(super) fn reread_if_in_use(&mut self, ctx: &egui::Context) {
        let Some(at) = self.link.reread_at else { return };
        if !matches!(self.model.card, CardView::Failed { problem: ReadProblem::InUse, .. }) {
            self.link.reread_at = None;
            return;
        }
        let now = std::time::Instant::now();
        if now < at {
            ctx.request_repaint_after(at - now);
            return;
        }
        self.link.reread_at = None;
        let Some(reader) = self.model.readers.selected.clone() else { return };
        self.link.read_seq += 1;
        self.link.worker.send(Request::ReadCard { reader, seq: self.link.read_seq });
    }

    pub(super) fn on_worker(&mut self, ev: Event) {
        match ev {
            Event::Status { reader, seq, result } => {
                if seq != self.link.read_seq
                    || self.model.readers.selected.as_deref() != Some(reader.as_str())
                {
                    // A card that has gone since: drop what was read.
                    if let Ok(mut s) = result {
                        crate::gui::state::wipe_status(&mut s);
                    }
                    return;
                }
                let atr = self.model.readers.selected_info().and_then(|r| r.atr.clone());
                self.model.card = CardView::from_result(result, atr);
                self.link.reread_at =
                    matches!(self.model.card, CardView::Failed { problem: ReadProblem::InUse, .. })
                        .then(|| std::time::Instant::now() + IN_USE_REREAD);
                if let (CardView::Ready(s), Some(k)) = (&mut self.model.card, self.model.known) {
                    // Cards whose counters cannot be asked: keep what the last operation told.
                    if !s.counters_queried {
                        s.pin = k.pin;
                        s.puk = k.puk;
                    }
                }
            }
            Event::PinAnswer { seq, result } => {
                if self.link.pin_seq == seq {
                    self.on_pin_answer(result);
                }
            }
            Event::Readers(Ok(list)) => {
                self.model.service = Service::Up;
                self.on_monitor(MonitorEvent::Snapshot(list));
            }
            Event::Readers(Err(e)) => {
                if matches!(e, cns_core::TransportError::ServiceUnavailable) {
                    self.model.service = Service::Down;
                }
            }
            Event::Exported(Ok(path)) => self.notice = Some(Notice::Exported(path)),
            Event::Exported(Err(e)) => self.notice = Some(Notice::ExportFailed(e)),
            Event::Signed { seq, result } => self.document_signed(seq, result),
            Event::Diagnosed { lang, diagnosis } => {
                if let Screen::Diagnostics(d) = &mut self.screen {
                    d.finished(lang, *diagnosis);
                }
            }
        }
    }

    fn on_pin_answer(&mut self, result: Result<cns_core::StatusWord, cns_core::card::CardError>) {
        let Screen::Wizard(w) = &mut self.screen else {
            return;
        };
        let Some(outcome) = w.answered(result) else {
            return;
        };
        if outcome == Outcome::Success {
            match w.op {
                Operation::ChangePin => self.model.session.changes += 1,
                Operation::UnblockPin => self.model.session.unblocks += 1,
                Operation::VerifyPin => self.model.session.verifies += 1,
            }
        }
        let known = KnownCounters { pin: w.pin_state(), puk: w.puk_state() };
        self.model.known = Some(known);
        if let CardView::Ready(s) = &mut self.model.card {
            s.pin = known.pin;
            s.puk = known.puk;
        }
        if w.card_removed && self.prefs.counter {
            self.forget_card();
            self.notice = Some(Notice::RemovedDuringOperation);
            return;
        }
        if !w.card_removed {
            // Show the counters as the card now has them.
            self.read_selected_keeping(true);
        }
    }

    fn on_dialog(&mut self, result: DialogResult) {
        match result {
            DialogResult::Chosen(path) => self.send_export(path),
            DialogResult::Cancelled => {}
            DialogResult::Unavailable => self.export.open_fallback(),
        }
    }

    pub(super) fn send_export(&mut self, path: PathBuf) {
        if let Some(bytes) = self.export.take_bytes() {
            self.link.worker.send(Request::Export { path, bytes });
        }
    }

    /// The card worker's answer to a signature.
    fn document_signed(
        &mut self,
        seq: u64,
        result: Result<crate::ops::sign::Signed, crate::ops::sign::SignError>,
    ) {
        if let Screen::Document(flow) = &mut self.screen {
            flow.on_signed(seq, result, self.prefs.lang);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Backend;
    use crate::backend::DEMO_READER;
    use crate::gui::app::AppConfig;
    use crate::i18n::Lang;
    use cns_core::TransportError;
    use cns_core::card::CardError;
    use cns_pcsc::ReaderInfo;

    /// "Chiudi" after a signature the card left during: the reader list may still show the card
    /// (the monitor is a thread of its own), so a status read goes out and finds no card; the
    /// monitor's removal can then land before that read's answer. The events are fed here in
    /// that order, which the threads give only now and then.
    #[test]
    fn a_status_answer_for_a_card_that_left_meanwhile_is_dropped() {
        let handle = cns_sim::SimHandle::default();
        let ctx = egui::Context::default();
        let mut app = CnsApp::new(&ctx, AppConfig::new(Backend::Demo(handle), Lang::It, false));
        let atr = Some(cns_sim::QuirkMode::Standard.atr().to_vec());
        let present = ReaderInfo { name: DEMO_READER.to_owned(), card_present: true, atr };
        app.on_monitor(MonitorEvent::Snapshot(vec![present]));
        let stale = app.link.read_seq;
        app.on_monitor(MonitorEvent::CardRemoved { reader: DEMO_READER.to_owned() });
        app.on_worker(Event::Status {
            reader: DEMO_READER.to_owned(),
            seq: stale,
            result: Err(CardError::Transport(TransportError::NoCard)),
        });
        assert!(matches!(app.model.card, CardView::Empty), "the stale answer landed");
    }
}
