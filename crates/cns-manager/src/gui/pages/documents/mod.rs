//! "Firma un documento" and "Verifica un documento": choose (or drop) a file, for signing type the
//! PIN (checked locally, with the same last-try confirmation as the PIN wizards), then the work
//! runs on its own thread with a progress bar, and a result page says in plain words what
//! happened and whom to trust.
//!
//! The signature is the card worker's ([`crate::service::worker`], which owns every card
//! connection) and the same use case as `cns-manager sign` ([`crate::ops::sign`]): one card
//! session at the end (PIN and signature together, then a reset, see
//! `cns_core::card::sign_with_pin`). The page prepares it and asks the app to hand it to the
//! worker ([`DocAction::Sign`]); the answer comes back through [`DocFlow::on_signed`]. The check
//! ([`crate::ops::verify`]) and the file dialog run as [`crate::service::Background`] jobs that
//! the page owns: the window never waits.
//!
//! The rooms: [`flow`] the page's state and its transitions, [`apply`] what its buttons do,
//! [`sign`] and [`verify`] the two use cases as the page starts them, [`trust`] trusting an
//! authority or a trusted list, [`dropped`] files dropped on the window, and the views
//! ([`view`], [`sign_view`], [`verify_view`]).

mod apply;
mod dropped;
mod flow;
mod sign;
mod sign_view;
mod trust;
mod verify;
mod verify_view;
mod view;

use std::path::PathBuf;

pub(crate) use dropped::dropped_file;
pub(crate) use flow::{DocFlow, OnCardChange};
pub(crate) use sign::SignRequest;
pub(crate) use view::ui;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Sign,
    Verify,
}

/// What the user asked of the document page. The page applies most of them itself
/// ([`DocFlow::apply`]); the app applies [`DocAction::Open`], [`DocAction::Another`] (they
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
    /// Asks for the certificate of the authority to trust ([`trust`]).
    PickAuthority,
    /// The authority's certificate, chosen or dropped on the window.
    AuthorityFile(PathBuf),
    /// The user read the authority's name and fingerprint and said yes.
    TrustConfirm,
    TrustCancel,
    /// Asks for a trusted list file (AgID's TSL) to import ([`trust::import_tsl`]).
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
