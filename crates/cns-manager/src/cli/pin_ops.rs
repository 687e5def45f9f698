//! verify-pin, change-pin, unblock: read the secrets, check them locally, read the card's state,
//! then let the flow decide whether one command may be sent.

use serde_json::json;

use super::secrets::{self, Entered};
use super::{Exit, Out, PinArgs, open_card};
use crate::backend::Backend;
use crate::i18n::Lang;
use cns_core::PinKind;
use cns_core::card::{self, CardError};
use cns_core::flow::{self, Entry, Field, InputProblem, Operation, Outcome, PinFlow, Refusal, Step};
use cns_core::pin::{self, PinFormatError};

pub fn run(op: Operation, backend: &Backend, args: &PinArgs, short_puk_confirmed: bool, out: &Out) -> Exit {
    // Secrets first, and checked before anything touches the card: invalid input never reaches it.
    let entered = match secrets::read(op, args.stdin, out.lang) {
        Ok(e) => e,
        Err(e) => {
            return out.fail(
                Exit::InvalidInput,
                "input",
                &out.lang.s(format!("Lettura non riuscita: {e}"), format!("Could not read the input: {e}")),
            );
        }
    };
    if let Err(problems) = flow::validate_entry(op, entry(op, &entered)) {
        return out.fail(Exit::InvalidInput, "invalid_input", &describe_problems(out.lang, op, &problems));
    }
    // Every TS-CNS PUK has 8 digits: a shorter one is most likely a typo, and a wrong PUK spends
    // one of the tries that stand between the citizen and a new card.
    if op == Operation::UnblockPin
        && let Some(typed) = pin::puk_shorter_than_usual(&entered.first)
        && !short_puk_confirmed
        && !secrets::confirm_short_puk(typed, args.stdin, out.lang)
    {
        return out.fail(Exit::InvalidInput, "short_puk", &short_puk_message(out.lang, typed));
    }

    let (_, mut transport) = match open_card(backend, &args.card, out) {
        Ok(t) => t,
        Err(code) => return code,
    };
    // One card session: confirm the card, ask the counter this operation can consume (never
    // costs a try), let the flow decide, send at most one command. Knowing the counter is what
    // lets the flow refuse a blocked PIN and ask before a last try.
    let mut flow = None;
    let mut held_back = None;
    let answer = card::pin_operation(transport.as_mut(), op, |ctx| {
        let f = flow.insert(PinFlow::new(op, ctx.pin_ref, ctx.pin, ctx.puk));
        let mut step = f.submit(entry(op, &entered));
        if matches!(step, Step::ConfirmLastTry { .. }) && args.confirm_last_attempt {
            step = f.confirm_last_try();
        }
        match step {
            Step::Send(cmd) => Some(cmd),
            other => {
                held_back = Some(other);
                None
            }
        }
    });
    drop(entered);
    match (answer, flow, held_back) {
        (Ok(Some(sw)), Some(mut flow), _) => match flow.card_answered(sw) {
            Step::Done(outcome) => report(out, op, outcome),
            _ => out.fail(Exit::Other, "internal", "unexpected flow state"),
        },
        (Ok(None), _, Some(step)) => match step {
            Step::ConfirmLastTry { kind } => {
                out.fail(Exit::LastTryRefused, "last_try", &last_try_message(out.lang, kind))
            }
            Step::Refused(Refusal::PinBlocked) => report(out, op, Outcome::Blocked { kind: PinKind::Pin }),
            Step::Refused(Refusal::PukBlocked) => report(out, op, Outcome::Blocked { kind: PinKind::Puk }),
            Step::Invalid(problems) => {
                out.fail(Exit::InvalidInput, "invalid_input", &describe_problems(out.lang, op, &problems))
            }
            other => out.fail(Exit::Other, "internal", &format!("unexpected flow step {other:?}")),
        },
        (Err(e), flow, _) if e.command_sent => {
            if let Some(mut f) = flow {
                f.card_failed();
            }
            interrupted(out, &e.error)
        }
        (Err(e), _, _) => out.card_error(&e.error),
        _ => out.fail(Exit::Other, "internal", "unexpected flow state"),
    }
}

fn entry(op: Operation, e: &Entered) -> Entry<'_> {
    match op {
        Operation::VerifyPin => Entry::Verify { pin: &e.first },
        Operation::ChangePin => Entry::Change { current: &e.first, new: &e.new, repeat: &e.repeat },
        Operation::UnblockPin => Entry::Unblock { puk: &e.first, new: &e.new, repeat: &e.repeat },
    }
}

fn interrupted(out: &Out, e: &CardError) -> Exit {
    // The command may have reached the card: say so, and never retry on our own.
    let code = out.card_error(e);
    if !out.json {
        eprintln!(
            "{}",
            out.lang.t(
                "Non è possibile sapere se il tentativo è stato conteggiato: controlla con «cns-manager status».",
                "It is not known whether the try was counted: check with \"cns-manager status\".",
            )
        );
    }
    code
}

fn report(out: &Out, op: Operation, outcome: Outcome) -> Exit {
    let lang = out.lang;
    let (code, result, tries, msg): (Exit, &str, Option<u8>, String) = match outcome {
        Outcome::Success => (Exit::Success, "ok", None, success_message(lang, op).to_owned()),
        Outcome::Wrong { kind, tries_left } => {
            let (headline, detail) = crate::pin_words::wrong_secret(lang, kind, tries_left);
            (Exit::WrongSecret, "wrong", tries_left, format!("{headline}. {detail}"))
        }
        Outcome::Blocked { kind: PinKind::Pin } => (
            Exit::PinBlocked,
            "pin_blocked",
            Some(0),
            lang.t(
                "Il PIN è bloccato. Sbloccalo con il PUK: cns-manager unblock.",
                "The PIN is blocked. Unblock it with the PUK: cns-manager unblock.",
            )
            .to_owned(),
        ),
        Outcome::Blocked { kind: PinKind::Puk } => {
            (Exit::PukBlocked, "puk_blocked", Some(0), puk_blocked_message(lang).to_owned())
        }
        Outcome::CardRefused(sw) => (
            Exit::Other,
            "card_refused",
            None,
            lang.s(
                format!("La tessera ha rifiutato l'operazione ({sw})."),
                format!("The card refused the operation ({sw})."),
            ),
        ),
        Outcome::Interrupted => (
            Exit::Other,
            "interrupted",
            None,
            lang.t("Operazione interrotta.", "Operation interrupted.").to_owned(),
        ),
    };
    if out.json {
        let mut v = json!({ "operation": op, "result": result, "message": msg, "exit_code": code as u8 });
        if let Some(kind) = wrong_kind(outcome) {
            v["secret"] = json!(kind);
            v["tries_left"] = json!(tries);
        }
        outln!("{v}");
    } else if code == Exit::Success {
        outln!("{msg}");
    } else {
        eprintln!("{msg}");
    }
    code
}

fn wrong_kind(o: Outcome) -> Option<PinKind> {
    match o {
        Outcome::Wrong { kind, .. } | Outcome::Blocked { kind } => Some(kind),
        _ => None,
    }
}

fn success_message(lang: Lang, op: Operation) -> &'static str {
    match op {
        Operation::VerifyPin => lang.t("PIN corretto.", "PIN correct."),
        Operation::ChangePin => lang
            .t("PIN cambiato. Usa il nuovo PIN da ora in poi.", "PIN changed. Use the new PIN from now on."),
        Operation::UnblockPin => lang.t(
            "PIN sbloccato e sostituito con quello nuovo.",
            "PIN unblocked and replaced with the new one.",
        ),
    }
}

pub fn puk_blocked_message(lang: Lang) -> &'static str {
    lang.t(
        "Il PUK è bloccato: la tessera non può più essere sbloccata e va sostituita. Chiedi una nuova \
         tessera all'Agenzia delle Entrate (online o in ufficio) o agli sportelli della tua regione. \
         Numero verde 800 030 606; Sistema TS 800 030 070.",
        "The PUK is blocked: the card can no longer be unblocked and must be replaced. Ask the Agenzia \
         delle Entrate (online or at its offices) or your region's offices for a new card. \
         Toll-free 800 030 606; Sistema TS 800 030 070.",
    )
}

fn short_puk_message(lang: Lang, typed: usize) -> String {
    lang.s(
        format!(
            "Il PUK della TS-CNS ha {} cifre: ne hai scritte {typed}. Nulla è stato inviato alla tessera. \
             Controlla il PUK che ti è stato consegnato; se sei sicuro, ripeti il comando con --confirm-short-puk.",
            pin::PUK_LEN
        ),
        format!(
            "A TS-CNS PUK has {} digits: you typed {typed}. Nothing was sent to the card. Check the PUK \
             you were given; if you are sure, run the command again with --confirm-short-puk.",
            pin::PUK_LEN
        ),
    )
}

fn last_try_message(lang: Lang, kind: PinKind) -> String {
    crate::pin_words::last_try_refused(lang, kind)
}

fn describe_problems(lang: Lang, op: Operation, problems: &[InputProblem]) -> String {
    let mut lines = vec![
        lang.t(
            "Valori non validi, nulla è stato inviato alla tessera:",
            "Invalid values, nothing was sent to the card:",
        )
        .to_owned(),
    ];
    for p in problems {
        let line = match p {
            InputProblem::Format(field, err) => {
                let name = match (field, op) {
                    (Field::Pin, _) => "PIN",
                    (Field::CurrentPin, _) => lang.t("PIN attuale", "current PIN"),
                    (Field::Puk, _) => "PUK",
                    (Field::NewPin, _) => lang.t("nuovo PIN", "new PIN"),
                    (Field::RepeatPin, _) => lang.t("ripetizione del nuovo PIN", "repeated new PIN"),
                };
                let why = match err {
                    PinFormatError::Empty => lang.t("è vuoto", "is empty"),
                    PinFormatError::NotDigits => {
                        lang.t("deve contenere solo cifre", "must contain digits only")
                    }
                    PinFormatError::TooShort => {
                        lang.t("deve avere almeno 5 cifre", "must have at least 5 digits")
                    }
                    PinFormatError::TooLong => {
                        lang.t("può avere al massimo 8 cifre", "may have at most 8 digits")
                    }
                };
                format!("- {name} {why}")
            }
            InputProblem::Mismatch => {
                lang.t("- i due nuovi PIN non coincidono", "- the two new PINs differ").to_owned()
            }
            InputProblem::Unchanged => lang
                .t("- il nuovo PIN è uguale a quello attuale", "- the new PIN equals the current one")
                .to_owned(),
            InputProblem::WrongOperation => "- internal error".to_owned(),
        };
        lines.push(line);
    }
    lines.join("\n")
}
