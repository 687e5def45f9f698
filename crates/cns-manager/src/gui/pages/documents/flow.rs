//! The document page's state ([`DocFlow`]) and its transitions: a file chosen, typed or
//! dropped; the file dialog's and the check's answers; the signature's answer; a card that
//! came or went.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use cns_cades::VerifyReport;

use super::sign::{SignFailed, sign_failure};
use super::trust::{self, TrustStep};
use super::{DocAction, Kind};
use crate::gui::widgets::pin_entry::PinBuffer;
use crate::i18n::{Lang, msg};
use crate::ops::sign::{SignError, Signed};
use crate::service::{Background, Wake};
use crate::signature_words::Failure;

/// A check's answer: the report, the extracted document (a signature with the document inside),
/// the document a detached signature was checked against.
pub(super) type Checked = Result<(VerifyReport, Option<tempfile::NamedTempFile>, Option<PathBuf>), Failure>;

/// Whose answer a working page waits for.
pub(crate) enum Pending {
    Verify(Background<Checked>),
    /// The card worker's [`crate::service::worker::Event::Signed`] with this number.
    Sign {
        seq: u64,
    },
}

pub(crate) enum Phase {
    Choose { problem: Option<String> },
    ConfirmLastTry { focus: bool },
    Working { progress: Arc<AtomicU64>, total: u64, pending: Pending },
    Signed { path: PathBuf, signers: usize },
    Verified { report: VerifyReport, extracted: Option<tempfile::NamedTempFile>, saved: Option<PathBuf> },
    // (`detail`: the library's own text, shown only under "Dettagli tecnici")
    Failed { message: String, detail: Option<String> },
}

/// What a card event does to the document screen ([`DocFlow::on_card_change`]).
pub(crate) enum OnCardChange {
    Keep,
    Drop,
    /// Counter mode, a signature under way: the screen goes, with the removal notice.
    DropRemovedMidOperation,
}

/// What the file chooser (dialog or path field) is choosing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Choosing {
    Document,
    Authority,
    Tsl,
}

/// The document page's state.
pub(crate) struct DocFlow {
    pub(crate) kind: Kind,
    pub(super) file: Option<(PathBuf, u64)>,
    pub(super) detached: bool,
    pub(super) pin: PinBuffer,
    pub(crate) phase: Phase,
    /// The file dialog's answer; `Err`: there is no dialog on this desktop.
    pub(super) picker: Option<Background<Result<Option<PathBuf>, ()>>>,
    /// The in-window path field, when the desktop has no file dialog (a bare X server, a
    /// kiosk): as for the certificate export.
    pub(super) path_field: Option<String>,
    /// Put the cursor in the path field on the next frame (it just opened).
    pub(super) focus_path: bool,
    /// A card operation happened: read the card again when leaving.
    pub(crate) touched_card: bool,
    pub(super) focus_pin: bool,
    /// The card said one try is left: the next signature asks for confirmation first.
    pub(super) card_says_last_try: bool,
    pub(super) choosing: Choosing,
    /// A signed file was just chosen: check it at once, with no extra click.
    pub(super) start_pending: bool,
    /// "Mostra le cifre" on the PIN step.
    pub(super) show_digits: bool,
    /// Why the PIN was not accepted, under the field (a line above it would move the field and
    /// take its focus, losing the digits typed next).
    pub(super) pin_hint: Option<String>,
    pub(super) trust: TrustStep,
    /// A trusted list file chosen in the dialog, to import on the next frame.
    pub(super) tsl_chosen: Option<PathBuf>,
    /// A trusted list import under way.
    pub(super) tsl_import: Option<Background<Result<(String, bool), String>>>,
    /// What the last trusted list import said (kept over the check that follows it).
    pub(super) tsl_note: Option<(String, bool)>,
    /// The document beside a detached signature that the check read (said on the result: for a
    /// later "x (2).txt.p7s" it may be "x.txt").
    pub(super) detached_document: Option<PathBuf>,
}

impl DocFlow {
    pub(crate) fn new(kind: Kind, file: Option<PathBuf>, lang: Lang) -> DocFlow {
        let mut f = DocFlow {
            kind,
            file: None,
            detached: false,
            pin: PinBuffer::default(),
            phase: Phase::Choose { problem: None },
            picker: None,
            path_field: None,
            focus_path: false,
            touched_card: false,
            card_says_last_try: false,
            focus_pin: true,
            choosing: Choosing::Document,
            start_pending: false,
            show_digits: false,
            pin_hint: None,
            trust: TrustStep::Idle,
            tsl_chosen: None,
            tsl_import: None,
            tsl_note: None,
            detached_document: None,
        };
        if let Some(p) = file {
            f.set_file(p, lang);
        }
        f
    }

    /// "Firma un altro documento" / "Verifica un altro documento": the same page afresh, nothing
    /// of the last document kept (its result, its messages), the file chooser open.
    pub(crate) fn another(&self, lang: Lang, wake: Wake) -> DocFlow {
        let mut fresh = DocFlow::new(self.kind, None, lang);
        fresh.pick(Choosing::Document, wake);
        fresh
    }

    /// A file chosen, typed or dropped: a signed file is checked at once; a folder or a missing
    /// file is said as such.
    pub(super) fn set_file(&mut self, p: PathBuf, lang: Lang) {
        let shown = p.display().to_string();
        let problem = match std::fs::metadata(&p) {
            Ok(m) if m.is_file() => {
                self.file = Some((p, m.len()));
                self.start_pending = self.kind == Kind::Verify;
                self.path_field = None;
                None
            }
            Ok(m) if m.is_dir() => Some(lang.tr(msg::docs_folder_not_file(shown))),
            _ => Some(lang.tr(msg::docs_file_not_found(shown))),
        };
        if problem.is_some() {
            self.file = None;
        }
        self.pin_hint = None;
        self.phase = Phase::Choose { problem };
    }

    /// Opens the file dialog (or, on a desktop without one, the path field) for `what`.
    pub(super) fn pick(&mut self, what: Choosing, wake: Wake) {
        self.choosing = what;
        if !crate::gui::export::dialog_possible() {
            self.open_path_field();
            return;
        }
        let spawned = Background::spawn("file-dialog", wake, || {
            let started = std::time::Instant::now();
            let chosen = rfd::FileDialog::new().pick_file();
            // rfd answers a missing portal like a cancel, only faster than a person.
            let unavailable = chosen.is_none() && started.elapsed() < TOO_FAST_FOR_A_HUMAN;
            if unavailable { Err(()) } else { Ok(chosen) }
        });
        match spawned {
            Ok(job) => self.picker = Some(job),
            Err(_) => self.open_path_field(),
        }
    }

    /// The authority's certificate file: its name and fingerprint to confirm, or why not.
    pub(super) fn authority_file(&mut self, p: &Path, lang: Lang) {
        let Phase::Verified { report, .. } = &self.phase else { return };
        self.trust = match trust::candidate(p, report, lang) {
            Ok(c) => {
                self.path_field = None;
                TrustStep::Offer(c)
            }
            Err(why) => TrustStep::Refused(why),
        };
    }

    fn open_path_field(&mut self) {
        let dir = crate::gui::export::default_dir().unwrap_or_else(|| PathBuf::from("."));
        let mut start = dir.to_string_lossy().into_owned();
        if !start.ends_with(std::path::MAIN_SEPARATOR) {
            start.push(std::path::MAIN_SEPARATOR);
        }
        self.path_field = Some(start);
        self.focus_path = true;
    }

    pub(crate) fn is_busy(&self) -> bool {
        matches!(self.phase, Phase::Working { .. })
    }

    /// The selected reader's card came, went or was swapped (`card_left`: there was one).
    /// A check of a signed file does not use the card and stays (counter mode: until a card
    /// leaves, since its result may name the citizen). A signature with the card: like a PIN
    /// wizard busy with its command, it waits for the answer, which then says whether the
    /// document was signed and whether the PIN's try may have been counted; its finished
    /// result stays readable. Anything else (a PIN typed for that card) goes.
    pub(crate) fn on_card_change(&mut self, counter: bool, card_left: bool) -> OnCardChange {
        self.pin.wipe();
        match (self.kind, &self.phase) {
            (Kind::Verify, _) if counter && card_left => OnCardChange::Drop,
            (Kind::Verify, _) => OnCardChange::Keep,
            (Kind::Sign, Phase::Working { .. }) if counter => OnCardChange::DropRemovedMidOperation,
            (Kind::Sign, Phase::Working { .. }) => OnCardChange::Keep,
            (Kind::Sign, Phase::Signed { .. } | Phase::Failed { .. }) if !counter => OnCardChange::Keep,
            (Kind::Sign, _) => OnCardChange::Drop,
        }
    }

    /// Collects what the threads sent, and what their answers lead to; called every frame.
    pub(super) fn poll(&mut self, lang: Lang) -> Vec<DocAction> {
        self.take_choice(lang);
        self.take_check();
        let mut next = Vec::new();
        if let Some(p) = self.tsl_chosen.take() {
            next.push(DocAction::TslFile(p));
        }
        if let Some(done) = self.tsl_import.as_ref().and_then(Background::try_take) {
            self.tsl_import = None;
            next.push(DocAction::TslImported(done));
        }
        if std::mem::take(&mut self.start_pending) {
            next.push(DocAction::Start);
        }
        next
    }

    /// The file dialog's answer.
    fn take_choice(&mut self, lang: Lang) {
        if let Some(choice) = self.picker.as_ref().and_then(Background::try_take) {
            self.picker = None;
            match (choice, self.choosing) {
                (Ok(Some(p)), Choosing::Document) => self.set_file(p, lang),
                (Ok(Some(p)), Choosing::Authority) => self.authority_file(&p, lang),
                (Ok(Some(p)), Choosing::Tsl) => self.tsl_chosen = Some(p),
                (Ok(None), _) => {}
                (Err(()), _) => self.open_path_field(),
            }
        }
    }

    /// The check's answer.
    fn take_check(&mut self) {
        let Phase::Working { pending: Pending::Verify(job), .. } = &self.phase else { return };
        let Some(checked) = job.try_take() else { return };
        self.phase = match checked {
            Ok((report, extracted, detached_document)) => {
                self.detached_document = detached_document;
                Phase::Verified { report, extracted, saved: None }
            }
            Err(Failure { words, detail }) => Phase::Failed { message: words, detail },
        };
    }

    /// The worker's answer to the signature this page sent (`seq`); another page's is ignored.
    pub(crate) fn on_signed(&mut self, seq: u64, result: Result<Signed, SignError>, lang: Lang) {
        if !matches!(self.phase, Phase::Working { pending: Pending::Sign { seq: s }, .. } if s == seq) {
            return;
        }
        self.phase = match result.map_err(|e| sign_failure(lang, &e)) {
            Ok(signed) => Phase::Signed { path: signed.path, signers: signed.signers },
            Err(SignFailed::NeedsConfirmation) => {
                self.card_says_last_try = true;
                self.focus_pin = true;
                Phase::Choose { problem: Some(lang.tr(msg::sign_card_says_last_try())) }
            }
            Err(SignFailed::Other(message)) => Phase::Failed { message, detail: None },
        };
    }

    /// The signature `seq` did not reach the card worker (its thread is gone).
    pub(crate) fn not_sent(&mut self, seq: u64, lang: Lang) {
        if matches!(self.phase, Phase::Working { pending: Pending::Sign { seq: s }, .. } if s == seq) {
            let why = lang.tr(msg::sign_failed(lang.tr(msg::ops_worker_gone())));
            self.phase = Phase::Failed { message: why, detail: None };
        }
    }
}

/// A file dialog that "answers" faster than this did not open (as for the certificate export).
const TOO_FAST_FOR_A_HUMAN: std::time::Duration = std::time::Duration::from_millis(400);
