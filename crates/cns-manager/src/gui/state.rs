//! What the window knows, independent of how it is drawn: readers, the card read from the
//! selected reader, notices, the counter-mode tally. Pages read it through `Ctx`; it imports no
//! page (the screen with its page's state is the router's, `app/screen.rs`).

use std::path::PathBuf;

use cns_core::card::{CardError, CardStatus};
use cns_core::{PinState, TransportError};
use cns_pcsc::ReaderInfo;
use zeroize::Zeroize;

/// Whether the smart card service (pcscd, WinSCard, CryptoTokenKit) answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Unknown,
    Up,
    Down,
}

/// Why a card could not be read, as the user needs to hear it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadProblem {
    Removed,
    InUse,
    Unresponsive,
    ServiceDown,
    /// The card answered outside the standard (or nonsense): "tessera non leggibile".
    Unreadable,
    Other,
}

/// The card in the selected reader.
pub enum CardView {
    /// No card (or no reader selected).
    Empty,
    Reading,
    Ready(Box<CardStatus>),
    /// It answered, but it is not a TS-CNS. `detail` is for "Dettagli tecnici" only.
    NotCns {
        atr: Vec<u8>,
        detail: String,
    },
    Failed {
        problem: ReadProblem,
        detail: String,
    },
}

impl CardView {
    pub fn status(&self) -> Option<&CardStatus> {
        match self {
            CardView::Ready(s) => Some(s),
            _ => None,
        }
    }

    pub fn from_result(result: Result<Box<CardStatus>, CardError>, atr: Option<Vec<u8>>) -> CardView {
        match result {
            Ok(s) => CardView::Ready(s),
            Err(e) => {
                let detail = cns_core::error_chain(&e);
                match e {
                    CardError::NotCns(_) => CardView::NotCns { atr: atr.unwrap_or_default(), detail },
                    CardError::Transport(t) => CardView::Failed { problem: problem_of(&t), detail },
                    _ => CardView::Failed { problem: ReadProblem::Unreadable, detail },
                }
            }
        }
    }

    /// Drops the card's data, zeroing what can be zeroed first.
    pub fn wipe(&mut self) {
        if let CardView::Ready(s) = self {
            wipe_status(s);
        }
        *self = CardView::Empty;
    }
}

pub fn problem_of(t: &TransportError) -> ReadProblem {
    match t {
        TransportError::NoCard | TransportError::CardRemoved | TransportError::NoReader => {
            ReadProblem::Removed
        }
        TransportError::SharingViolation | TransportError::Busy | TransportError::CardReset => {
            ReadProblem::InUse
        }
        TransportError::Unresponsive => ReadProblem::Unresponsive,
        TransportError::OversizedResponse => ReadProblem::Unreadable,
        TransportError::ServiceUnavailable | TransportError::ServiceLost => ReadProblem::ServiceDown,
        _ => ReadProblem::Other,
    }
}

/// Zeroes the personal data a status holds before it is dropped (counter mode: nothing of one
/// citizen may linger for the next). Covers the public text fields; the rest is dropped.
pub fn wipe_status(s: &mut CardStatus) {
    s.personal_raw.zeroize();
    if let Ok(p) = s.personal.as_mut() {
        for f in [
            &mut p.issuer,
            &mut p.surname,
            &mut p.given_name,
            &mut p.sex,
            &mut p.height,
            &mut p.fiscal_code,
            &mut p.citizenship,
            &mut p.birth_municipality,
            &mut p.foreign_birth_state,
            &mut p.birth_act,
            &mut p.residence_municipality,
            &mut p.address,
            &mut p.expat_note,
            &mut p.birth_date.raw,
            &mut p.issue_date.raw,
            &mut p.expiry_date.raw,
        ] {
            f.zeroize();
        }
    }
    if let Ok(c) = s.certificate.as_mut() {
        c.subject.zeroize();
        c.subject_cn.zeroize();
        if let Some(parts) = c.cn_parts.as_mut() {
            parts.fiscal_code.zeroize();
            parts.card_serial.zeroize();
            parts.hash.zeroize();
        }
    }
    s.certificate_der.zeroize();
    s.id.serial.zeroize();
}

/// Which page fills the main area, without its state: notices and the scroll position belong
/// to one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Status,
    Wizard,
    Certificate,
    Document,
    NewCard,
    Diagnostics,
    Browser,
    PinHelp,
    Services,
}

/// A message above the main area of the page it concerns, until the user leaves that page or
/// the card it is about goes (no timer: a timer would keep repainting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Counter mode: the card left and everything about it was wiped.
    Wiped,
    /// The card left during a PIN command.
    RemovedDuringOperation,
    /// Counter mode: the card left while a PIN wizard was open but before anything was sent;
    /// the screen was wiped and no try was used.
    WipedBeforeSending,
    Exported(PathBuf),
    ExportFailed(String),
}

impl Notice {
    /// The page the notice is about: a card that left is told where the user lands (the
    /// status page), a saved certificate where it was saved from.
    pub fn page(&self) -> Page {
        match self {
            Notice::Wiped | Notice::WipedBeforeSending | Notice::RemovedDuringOperation => Page::Status,
            Notice::Exported(_) | Notice::ExportFailed(_) => Page::Certificate,
        }
    }

    /// About the card's data (a file saved from it): it goes with the card.
    pub fn is_about_the_card(&self) -> bool {
        matches!(self, Notice::Exported(_) | Notice::ExportFailed(_))
    }
}

/// Counter mode's tally: counts only, never who.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionCounter {
    pub changes: u32,
    pub unblocks: u32,
    pub verifies: u32,
}

impl SessionCounter {
    pub fn total(&self) -> u32 {
        self.changes + self.unblocks + self.verifies
    }
}

/// What a PIN operation taught us about the counters, for cards whose counters cannot be asked
/// (the status read after the operation would say "unknown").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownCounters {
    pub pin: PinState,
    pub puk: PinState,
}

/// Readers as the monitor reports them, and which one the user looks at.
#[derive(Default)]
pub struct Readers {
    pub list: Vec<ReaderInfo>,
    pub selected: Option<String>,
}

impl Readers {
    pub fn selected_info(&self) -> Option<&ReaderInfo> {
        let name = self.selected.as_deref()?;
        self.list.iter().find(|r| r.name == name)
    }

    /// Keeps the selection valid: the preferred reader, else the one already chosen, else the
    /// first holding a card, else the first.
    pub fn reselect(&mut self, preferred: Option<&str>) {
        let present = |n: &str| self.list.iter().any(|r| r.name == n);
        if let Some(s) = &self.selected
            && present(s)
        {
            return;
        }
        self.selected = preferred
            .filter(|p| present(p))
            .map(str::to_owned)
            .or_else(|| self.list.iter().find(|r| r.card_present).map(|r| r.name.clone()))
            .or_else(|| self.list.first().map(|r| r.name.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_belong_to_their_page() {
        let saved = Notice::Exported(PathBuf::from("/tmp/x.pem"));
        assert_eq!(saved.page(), Page::Certificate);
        assert!(saved.is_about_the_card());
        assert_eq!(Notice::Wiped.page(), Page::Status);
        assert!(!Notice::RemovedDuringOperation.is_about_the_card());
    }

    #[test]
    fn a_busy_card_and_a_lost_service_get_their_pages() {
        // another program's long transaction: the "in use" page with its Retry, as for an
        // exclusive connection
        assert_eq!(problem_of(&TransportError::Busy), ReadProblem::InUse);
        assert_eq!(problem_of(&TransportError::SharingViolation), ReadProblem::InUse);
        // pcscd gone in the middle of a read: the service page, as when it was never there
        assert_eq!(problem_of(&TransportError::ServiceLost), ReadProblem::ServiceDown);
        assert_eq!(problem_of(&TransportError::ServiceUnavailable), ReadProblem::ServiceDown);
    }
}
