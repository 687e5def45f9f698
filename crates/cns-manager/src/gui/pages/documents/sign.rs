//! The signature as the page starts it: the PIN checked here (format, the last try asked
//! about), the job prepared by [`crate::ops::sign`], and a [`SignRequest`] for the app to hand
//! to the card worker; then the worker's answer in the window's words.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use cns_cades::CadesError;
use cns_cades::card::CardSignError;
use cns_core::flow::{Outcome, Refusal};
use cns_core::{Pin, PinKind};

use super::flow::{DocFlow, Pending, Phase};
use super::{DocAction, SignRequest};
use crate::gui::page::Ctx;
use crate::i18n::{Lang, msg};
use crate::ops::sign::{SignError, SignJob, Unready};

use crate::signature_words as sig;

/// Why a signature was not made.
pub(super) enum SignFailed {
    /// The card itself says one try is left (the window's status was older) and it was not
    /// confirmed: nothing was sent. The user types the PIN again and is asked to confirm.
    NeedsConfirmation,
    Other(String),
}

/// Numbers the signatures sent to the worker, so that an answer for a page closed since is not
/// taken for the open one's.
static SIGN_SEQ: AtomicU64 = AtomicU64::new(0);

impl DocFlow {
    /// "Firma" (or "Usa l'ultimo tentativo"): the PIN typed is checked here, the last try is
    /// asked about, and the signature goes to the app for the card worker.
    pub(super) fn start_signature(&mut self, file: &Path, confirmed: bool, ctx: &Ctx) -> Option<DocAction> {
        let lang = ctx.lang;
        // More digits were typed than the field kept: the first eight are not what the user
        // meant, and sending them would spend a try. The field's own "at most 8 digits" hint
        // stays until the user deletes.
        if self.pin.overflowed() {
            self.focus_pin = true;
            return None;
        }
        let Ok(pin) = Pin::new(self.pin.as_str()) else {
            self.pin_hint = Some(lang.tr(msg::sign_pin_format()));
            self.focus_pin = true;
            return None;
        };
        // The card's state as the window last read it; the worker reads it again before the PIN.
        let now = time::OffsetDateTime::now_utc();
        let last_try = ctx.card.status().and_then(|s| crate::ops::sign::check_card(s, false, now).err())
            == Some(Unready::LastTryNotConfirmed);
        if (last_try || self.card_says_last_try) && !confirmed {
            self.phase = Phase::ConfirmLastTry { focus: true };
            return None;
        }
        let reader = ctx.readers.selected.clone()?;
        self.prepare_signature(reader, file, pin, confirmed, lang)
    }

    /// The job for `ops::sign`, or why there is none; the page waits for the worker from here.
    fn prepare_signature(
        &mut self,
        reader: String,
        file: &Path,
        pin: Pin,
        confirmed: bool,
        lang: Lang,
    ) -> Option<DocAction> {
        self.pin.wipe();
        self.touched_card = true;
        let job = match SignJob::new(file, None, None, self.detached, confirmed) {
            Ok(job) => job,
            Err(e) => {
                self.phase = match sign_failure(lang, &e) {
                    SignFailed::Other(message) => Phase::Failed { message, detail: None },
                    SignFailed::NeedsConfirmation => Phase::ConfirmLastTry { focus: true },
                };
                return None;
            }
        };
        let progress = Arc::new(AtomicU64::new(0));
        let total = job.len();
        let seq = SIGN_SEQ.fetch_add(1, Ordering::Relaxed) + 1;
        self.phase = Phase::Working { progress: progress.clone(), total, pending: Pending::Sign { seq } };
        Some(DocAction::Sign(SignRequest::new(reader, job, pin, progress, seq)))
    }
}

/// A disk error while signing, with the file it concerns.
fn disk_error(lang: Lang, path: &Path, e: &std::io::Error) -> SignFailed {
    SignFailed::Other(
        lang.tr(msg::SignDiskError { error: e.to_string().into(), path: path.display().to_string().into() }),
    )
}

/// Why the worker's signature was not made, in the window's words.
pub(super) fn sign_failure(lang: Lang, e: &SignError) -> SignFailed {
    let text = match e {
        SignError::Unready(Unready::LastTryNotConfirmed) => return SignFailed::NeedsConfirmation,
        SignError::Signing(e) => return sign_error(lang, e),
        SignError::Card(e) => not_signed_words(lang, e, false),
        SignError::Unready(Unready::PinBlocked) => lang.tr(msg::sign_pin_blocked()),
        SignError::Unready(Unready::CertificateExpired { .. }) => {
            lang.tr(msg::sign_card_certificate_expired())
        }
        SignError::Unready(Unready::NoCertificate) => lang.tr(msg::sign_no_certificate()),
        SignError::NoDocument { path } => lang.tr(msg::docs_file_not_found(path.display().to_string())),
        SignError::WouldReplaceDocument => lang.tr(msg::sign_would_replace_document()),
        SignError::TempFile { dir: path, source } | SignError::ReadDocument { path, source } => {
            return disk_error(lang, path, source);
        }
        // (said of the folder, as the window always did)
        SignError::Save { path, source } => return disk_error(lang, crate::ops::folder_of(path), source),
    };
    SignFailed::Other(text)
}

/// The card was lost or failed around the signature: the document was not signed (no file is
/// written without a signature), and whether the PIN's try may have been counted, as the PIN
/// wizards say it. `pin_in_doubt`: the PIN command itself went out and its answer was lost.
fn not_signed_words(lang: Lang, e: &cns_core::card::CardError, pin_in_doubt: bool) -> String {
    use cns_core::TransportError as T;
    let removed = matches!(e, cns_core::card::CardError::Transport(T::CardRemoved | T::NoCard | T::NoReader));
    let head = if removed {
        lang.tr(msg::sign_card_removed())
    } else {
        lang.tr(msg::sign_not_signed_because(cns_core::error_chain(e)))
    };
    let tries = lang.tr(if pin_in_doubt { msg::sign_pin_in_doubt() } else { msg::sign_no_try_used() });
    format!("{head} {tries}")
}

fn sign_error(lang: Lang, e: &CadesError) -> SignFailed {
    let inner = match e {
        CadesError::Signer(inner) => inner.downcast_ref::<CardSignError>(),
        _ => None,
    };
    let text = match inner {
        Some(CardSignError::Pin(Outcome::Wrong { tries_left, .. })) => {
            sig::wrong_pin_not_signed(lang, *tries_left)
        }
        Some(CardSignError::Pin(Outcome::Blocked { kind: PinKind::Pin }))
        | Some(CardSignError::Refused(Refusal::PinBlocked)) => lang.tr(msg::sign_pin_blocked()),
        Some(CardSignError::NeedsConfirmation) => return SignFailed::NeedsConfirmation,
        Some(CardSignError::Card(op)) => {
            return SignFailed::Other(not_signed_words(lang, &op.error, op.command_sent));
        }
        _ => {
            return SignFailed::Other(lang.tr(msg::sign_failed(e.to_string())));
        }
    };
    SignFailed::Other(text)
}
