//! `sign`: a CAdES-BES signature with the card's key. The PIN is read and checked first, the
//! card's state is read (never spends a try) so a blocked PIN or an unconfirmed last try stops
//! before the document is even read; then the document is hashed (and, for a .p7m, copied) in
//! one pass, and the PIN verification and the signature happen in one card session.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::json;

use super::secrets;
use super::{Exit, Out, PinArgs, open_card};
use crate::backend::Backend;
use crate::i18n::{Lang, msg};
use cns_cades::card::{CardSignError, CardSigner};
use cns_cades::{CadesError, SignOptions};
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
    let len = match std::fs::metadata(&args.file) {
        Ok(m) if m.is_file() => m.len(),
        _ => {
            return out.fail(
                Exit::InvalidInput,
                "no_file",
                &lang.tr(msg::sign_no_file(args.file.display().to_string())),
            );
        }
    };
    // A name the user gave (or the file a signature is added to) is replaced; otherwise the
    // signature goes beside the document under a name no file has (signed_files).
    let given = args.out.clone().or_else(|| args.add_to.clone());
    let dest = given.clone().unwrap_or_else(|| {
        crate::signed_files::signed_name(&args.file, if args.detached { "p7s" } else { "p7m" }, 1)
    });
    if given.is_some() && same_file(&dest, &args.file) {
        return out.fail(Exit::InvalidInput, "same_file", &lang.tr(msg::sign_would_replace_document()));
    }

    // The PIN first, checked before the card or the document is touched.
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
    // The card's state (never spends a try): the certificate, and whether the PIN may be sent.
    let status = match cns_core::card::read_status(transport.as_mut()) {
        Ok(s) => s,
        Err(e) => return out.card_error(&e),
    };
    if status.pin.is_blocked() {
        return pin_outcome(out, Outcome::Blocked { kind: PinKind::Pin });
    }
    if status.pin.is_last_try() && !args.pin.confirm_last_attempt {
        return out.fail(Exit::LastTryRefused, "last_try", &last_try(lang));
    }
    let Some(cert) = status.certificate_der.as_ref().map(|c| c.to_vec()) else {
        return out.fail(Exit::Other, "no_certificate", &lang.tr(msg::sign_no_certificate()));
    };
    if let Ok(summary) = &status.certificate
        && summary.not_after < time::OffsetDateTime::now_utc()
    {
        return out.fail(
            Exit::Other,
            "certificate_expired",
            // English keeps the ISO date it always showed.
            &lang.tr(msg::sign_card_certificate_expired_on(match lang {
                Lang::En => summary.not_after.date().to_string(),
                _ => date_it(summary.not_after),
            })),
        );
    }
    drop(status);

    let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = match tempfile::Builder::new().prefix(".cns-sign-").tempfile_in(dir) {
        Ok(t) => t,
        Err(e) => return io_fail(out, &dest, &e.to_string()),
    };
    let mut signer = CardSigner::new(transport.as_mut(), pin, args.pin.confirm_last_attempt);
    let show = !out.json && std::io::stderr().is_terminal();
    let mut last_pct = u64::MAX;
    let total = len.max(1);
    let mut progress = |n: u64| {
        let pct = n.saturating_mul(100) / total;
        if show && pct != last_pct {
            last_pct = pct;
            eprint!("\r{} {pct}%", lang.tr(msg::sign_reading_progress()));
        }
    };
    let mut options = SignOptions::default();
    let result = match (&args.add_to, args.detached) {
        (Some(existing), _) => {
            let mut h = cns_cades::oids::DigestAlg::Sha256.hasher();
            if let Err(e) = hash_file(&args.file, &mut h) {
                return io_fail(out, &args.file, &e.to_string());
            }
            options.expect_content_sha256 = Some(h.finish());
            let mut w = std::io::BufWriter::new(tmp.as_file_mut());
            let r = cns_cades::add_signer(existing, &mut w, &cert, &options, &mut signer, &mut progress);
            drop(w);
            r
        }
        (None, detached) => match std::fs::File::open(&args.file) {
            Err(e) => return io_fail(out, &args.file, &e.to_string()),
            Ok(f) => {
                let mut input = std::io::BufReader::with_capacity(cns_cades::CHUNK, f);
                let mut w = std::io::BufWriter::with_capacity(cns_cades::CHUNK, tmp.as_file_mut());
                let r = if detached {
                    cns_cades::sign_detached(&mut input, &mut w, &cert, &options, &mut signer, &mut progress)
                } else {
                    cns_cades::sign_attached(
                        &mut input,
                        len,
                        &mut w,
                        &cert,
                        &options,
                        &mut signer,
                        &mut progress,
                    )
                };
                drop(w);
                r
            }
        },
    };
    if show {
        eprintln!();
    }
    let summary = match result {
        Ok(s) => s,
        Err(e) => return sign_error(out, &e),
    };
    let saved = match &given {
        Some(d) => crate::signed_files::save_as(tmp, d).map(|()| d.clone()),
        None => crate::signed_files::save_beside(tmp, &args.file, args.detached),
    };
    let dest = match saved {
        Ok(d) => d,
        Err(e) => return io_fail(out, &dest, &e.to_string()),
    };
    let sha: String = summary.content_sha256.iter().map(|b| format!("{b:02x}")).collect();
    let msg = crate::signature_words::document_signed(lang, &dest, summary.signers);
    if out.json {
        outln!(
            "{}",
            json!({ "operation": "sign", "result": "ok", "message": msg, "file": args.file.display().to_string(),
                    "signed_file": dest.display().to_string(), "format": if args.detached { "p7s" } else { "p7m" },
                    "bytes": summary.content_len, "sha256": sha, "signers": summary.signers, "exit_code": 0 })
        );
    } else {
        outln!("{msg}");
    }
    Exit::Success
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

fn hash_file(p: &Path, h: &mut cns_cades::oids::Hasher) -> std::io::Result<()> {
    use std::io::Read;
    let mut f = std::fs::File::open(p)?;
    let mut buf = vec![0u8; cns_cades::CHUNK];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        h.update(&buf[..n]);
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
