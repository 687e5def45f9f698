//! What the documents page asks for: part of the page contract ([`super::page::Action::Document`]),
//! kept beside it so that the contract imports no page.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use cns_core::Pin;

use crate::ops::sign::SignJob;
use crate::service::worker::Request;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Sign,
    Verify,
}

/// What the user asked of the document page. The page applies most of them itself
/// (`DocFlow::apply`); the app applies [`DocAction::Open`], [`DocAction::Another`] (they
/// replace the page) and [`DocAction::Sign`] (the card worker is the app's), and hands the
/// files dropped on the window to the page.
pub(crate) enum DocAction {
    /// Opens the screen, with a file already chosen (dropped) or not.
    Open(Kind, Option<PathBuf>),
    /// Asks the system's file dialog for a file.
    Pick,
    /// Opens the file typed in the in-window path field (no file dialog on this desktop).
    OpenTyped,
    /// "Firma un altro documento" / "Verifica un altro documento": the page afresh, the file
    /// chooser open.
    Another,
    /// Asks for the certificate of the authority to trust (the documents page's `trust`).
    PickAuthority,
    /// The authority's certificate, chosen or dropped on the window.
    AuthorityFile(PathBuf),
    /// The user read the authority's name and fingerprint and said yes.
    TrustConfirm,
    TrustCancel,
    /// Asks for a trusted list file (AgID's TSL) to import .
    PickTsl,
    /// The trusted list file, chosen or dropped on the window: imported on a thread of its own
    /// (xmlsec1 checks the list's signature, ~0.4 s for AgID's 2 MB list).
    TslFile(PathBuf),
    /// The import's answer: its summary (and whether the list is past its next update), or why
    /// nothing was trusted.
    TslImported(Result<(String, bool), String>),
    Detached(bool),
    /// Sign (after the PIN) or verify.
    Start,
    /// The user confirmed spending the last PIN try.
    ConfirmLastTry,
    /// Back from the last-try confirmation.
    CancelLastTry,
    /// Saves the extracted document beside the signed file.
    Extract,
    OpenFolder(PathBuf),
    /// The signature, checked and ready: for the app to hand to the card worker.
    Sign(SignRequest),
}

/// A signature ready for the card worker: the document's job, the PIN (wiped when dropped, sent
/// or not), where the progress goes, and the number its answer will carry.
pub(crate) struct SignRequest {
    reader: String,
    job: SignJob,
    pin: Pin,
    progress: Arc<AtomicU64>,
    seq: u64,
}

impl SignRequest {
    pub(crate) fn new(
        reader: String,
        job: SignJob,
        pin: Pin,
        progress: Arc<AtomicU64>,
        seq: u64,
    ) -> SignRequest {
        SignRequest { reader, job, pin, progress, seq }
    }

    /// The number the worker's answer carries (the page's `on_signed`, `not_sent`).
    pub(crate) fn seq(&self) -> u64 {
        self.seq
    }

    pub(crate) fn into_request(self) -> Request {
        let SignRequest { reader, job, pin, progress, seq } = self;
        Request::Sign { reader, job, pin, progress, seq }
    }
}
