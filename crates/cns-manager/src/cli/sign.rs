//! `sign`: a CAdES-BES signature with the card's key. The PIN is read and checked first, the
//! card's state is read (never spends a try) so a blocked PIN or an unconfirmed last try stops
//! before the document is even read; then the document is hashed (and, for a .p7m, copied) in
//! one pass, and the PIN verification and the signature happen in one card session. The use case
//! itself is [`crate::ops::sign`], the window's too; here are the prompt, the words and the
//! exit codes.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::json;

use super::secrets;
use super::{Exit, Out, PinArgs, open_card};
use crate::backend::Backend;
use crate::i18n::{Lang, msg};
use crate::ops;
use crate::ops::sign::{SignError, SignJob, Unready};
use cns_cades::CadesError;
use cns_cades::card::CardSignError;
use cns_core::PinKind;
use cns_core::flow::{Outcome, Refusal};

#[derive(Args, Debug, Clone)]
pub struct SignArgs {
    /// The document to sign.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write the signed file (default: FILE.p7m, FILE.p7s with --detached, never over
    /// an existing file: a later signature of x.txt is "x (2).txt.p7m"; the existing file with
    /// --add-to).
    #[arg(long, value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// A detached signature (.p7s): the document is not included.
    #[arg(long, conflicts_with = "add_to")]
    pub detached: bool,
    /// Add this signature to an existing .p7m of the same document (FILE).
    #[arg(long, value_name = "EXISTING.p7m")]
    pub add_to: Option<PathBuf>,
    #[command(flatten)]
    pub pin: PinArgs,
}

pub fn run(backend: &Backend, args: &SignArgs, out: &Out) -> Exit {
    let lang = out.lang;
    // The document and the destination first: a wrong name costs no PIN prompt.
    let job = match SignJob::new(
        &args.file,
        args.out.as_deref(),
        args.add_to.as_deref(),
        args.detached,
        args.pin.confirm_last_attempt,
    ) {
        Ok(j) => j,
        Err(e) => return failure(out, &args.file, &args.file, &e),
    };

    // The PIN next, checked before the card is touched.
    let entered = match secrets::read(cns_core::flow::Operation::VerifyPin, args.pin.stdin, lang) {
        Ok(e) => e,
        Err(e) => {
            return out.fail(
                Exit::InvalidInput,
                "input",
                &lang.tr(msg::sign_input_unreadable(e.to_string())),
            );
        }
    };
    let pin = match cns_core::Pin::new(&entered.first) {
        Ok(p) => p,
        Err(_) => return out.fail(Exit::InvalidInput, "invalid_input", &lang.tr(msg::sign_pin_format())),
    };
    drop(entered);

    let (_, mut transport) = match open_card(backend, &args.pin.card, out) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let show = !out.json && std::io::stderr().is_terminal();
    let mut last_pct = u64::MAX;
    let total = job.len().max(1);
    let mut progress = |n: u64| {
        let pct = n.saturating_mul(100) / total;
        if show && pct != last_pct {
            last_pct = pct;
            eprint!("\r{} {pct}%", lang.tr(msg::sign_reading_progress()));
        }
    };
    let result = ops::sign::sign(transport.as_mut(), &job, pin, &mut progress);
    if last_pct != u64::MAX {
        eprintln!();
    }
    let signed = match result {
        Ok(s) => s,
        Err(e) => return failure(out, &args.file, &job.destination(), &e),
    };
    let dest = &signed.path;
    let sha: String = signed.content_sha256.iter().map(|b| format!("{b:02x}")).collect();
    let msg = crate::signature_words::document_signed(lang, dest, signed.signers);
    if out.json {
        outln!(
            "{}",
            json!({ "operation": "sign", "result": "ok", "message": msg, "file": args.file.display().to_string(),
                    "signed_file": dest.display().to_string(), "format": if signed.detached { "p7s" } else { "p7m" },
                    "bytes": signed.content_len, "sha256": sha, "signers": signed.signers, "exit_code": 0 })
        );
    } else {
        outln!("{msg}");
    }
    Exit::Success
}

/// The words and exit code of a signature that was not made (`dest`: where it was meant to go).
fn failure(out: &Out, file: &Path, dest: &Path, e: &SignError) -> Exit {
    let lang = out.lang;
    match e {
        SignError::NoDocument { .. } => {
            out.fail(Exit::InvalidInput, "no_file", &lang.tr(msg::sign_no_file(file.display().to_string())))
        }
        SignError::WouldReplaceDocument => {
            out.fail(Exit::InvalidInput, "same_file", &lang.tr(msg::sign_would_replace_document()))
        }
        SignError::Card(e) => out.card_error(e),
        SignError::Unready(Unready::PinBlocked) => pin_outcome(out, Outcome::Blocked { kind: PinKind::Pin }),
        SignError::Unready(Unready::LastTryNotConfirmed) => {
            out.fail(Exit::LastTryRefused, "last_try", &last_try(lang))
        }
        SignError::Unready(Unready::NoCertificate) => {
            out.fail(Exit::Other, "no_certificate", &lang.tr(msg::sign_no_certificate()))
        }
        SignError::Unready(Unready::CertificateExpired { not_after }) => out.fail(
            Exit::Other,
            "certificate_expired",
            // English keeps the ISO date it always showed.
            &lang.tr(msg::sign_card_certificate_expired_on(match lang {
                Lang::En => not_after.date().to_string(),
                _ => date_it(*not_after),
            })),
        ),
        SignError::TempFile { source, .. } => io_fail(out, dest, &source.to_string()),
        SignError::ReadDocument { path, source } => io_fail(out, path, &source.to_string()),
        SignError::Signing(e) => sign_error(out, e),
        SignError::Save { path, source } => io_fail(out, path, &source.to_string()),
    }
}

fn date_it(t: time::OffsetDateTime) -> String {
    let d = cns_core::italian_time::italian_date(t);
    format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year())
}

fn io_fail(out: &Out, path: &Path, e: &str) -> Exit {
    out.fail(
        Exit::Other,
        "io",
        &out.lang.tr(msg::FileErrorOn { error: e.into(), path: path.display().to_string().into() }),
    )
}

fn last_try(lang: Lang) -> String {
    crate::pin_words::last_try_refused(lang, PinKind::Pin)
}

fn sign_error(out: &Out, e: &CadesError) -> Exit {
    let lang = out.lang;
    match e {
        CadesError::Signer(inner) => match inner.downcast_ref::<CardSignError>() {
            Some(CardSignError::Pin(o)) => pin_outcome(out, *o),
            Some(CardSignError::NeedsConfirmation) => {
                out.fail(Exit::LastTryRefused, "last_try", &last_try(lang))
            }
            Some(CardSignError::Invalid(_)) => {
                out.fail(Exit::InvalidInput, "invalid_input", &lang.tr(msg::sign_pin_invalid()))
            }
            Some(CardSignError::Refused(Refusal::PinBlocked)) => {
                pin_outcome(out, Outcome::Blocked { kind: PinKind::Pin })
            }
            Some(CardSignError::Refused(Refusal::PukBlocked)) => {
                pin_outcome(out, Outcome::Blocked { kind: PinKind::Puk })
            }
            Some(CardSignError::Card(op)) => {
                let code = out.card_error(&op.error);
                if !out.json {
                    // command_sent: the PIN's VERIFY itself was lost, so its try is in doubt
                    // (after an accepted PIN a lost signature is only a failed signature)
                    eprintln!(
                        "{}",
                        lang.tr(if op.command_sent {
                            msg::sign_not_signed_try_in_doubt()
                        } else {
                            msg::sign_not_signed()
                        })
                    );
                }
                code
            }
            _ => out.fail(Exit::Other, "sign_failed", &cns_core::error_chain(e)),
        },
        CadesError::ContentMismatch => {
            out.fail(Exit::InvalidInput, "different_document", &lang.tr(msg::sign_different_document()))
        }
        CadesError::Malformed(_) | CadesError::TooLarge { .. } | CadesError::Unsupported(_) => out.fail(
            Exit::InvalidInput,
            "not_signed_file",
            &lang.tr(msg::sign_add_to_not_signed_file(e.to_string())),
        ),
        other => out.fail(Exit::Other, "sign_failed", &cns_core::error_chain(other)),
    }
}

fn pin_outcome(out: &Out, o: Outcome) -> Exit {
    let lang = out.lang;
    let (code, result, tries, msg) = match o {
        Outcome::Wrong { tries_left, .. } => (Exit::WrongSecret, "wrong", tries_left, {
            crate::signature_words::wrong_pin_not_signed(lang, tries_left)
        }),
        Outcome::Blocked { kind: PinKind::Pin } => {
            (Exit::PinBlocked, "pin_blocked", Some(0), lang.tr(msg::sign_pin_blocked_unblock()))
        }
        Outcome::Blocked { kind: PinKind::Puk } => {
            (Exit::PukBlocked, "puk_blocked", Some(0), super::pin_ops::puk_blocked_message(lang).to_owned())
        }
        _ => (Exit::Other, "not_signed", None, lang.tr(msg::sign_not_signed())),
    };
    if out.json {
        outln!(
            "{}",
            json!({ "operation": "sign", "result": result, "message": msg, "secret": "pin",
                    "tries_left": tries, "exit_code": code as u8 })
        );
    } else {
        eprintln!("{msg}");
    }
    code
}
