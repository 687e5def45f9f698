//! verify-pin, change-pin, unblock: read the secrets, check them locally, read the card's state,
//! then let the flow decide whether one command may be sent.

use serde_json::json;

use super::secrets::{self, Entered};
use super::{Exit, Out, PinArgs, open_card};
use crate::backend::Backend;
use crate::i18n::{Lang, Message, msg};
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
                &out.lang.tr(msg::cli_input_unreadable(secrets::describe(out.lang, &e))),
            );
        }
    };
    if let Err(problems) = flow::validate_entry(op, entry(op, &entered)) {
        return out.fail(Exit::InvalidInput, "invalid_input", &describe_problems(out.lang, &problems));
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
                out.fail(Exit::InvalidInput, "invalid_input", &describe_problems(out.lang, &problems))
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
        eprintln!("{}", out.lang.tr(msg::try_counted_unknown()));
    }
    code
}

fn report(out: &Out, op: Operation, outcome: Outcome) -> Exit {
    let lang = out.lang;
    let (code, result, tries, msg): (Exit, &str, Option<u8>, String) = match outcome {
        Outcome::Success => (Exit::Success, "ok", None, lang.tr(success_message(op))),
        Outcome::Wrong { kind, tries_left } => {
            let (headline, detail) = crate::pin_words::wrong_secret(lang, kind, tries_left);
            (Exit::WrongSecret, "wrong", tries_left, format!("{headline}. {detail}"))
        }
        Outcome::Blocked { kind: PinKind::Pin } => {
            (Exit::PinBlocked, "pin_blocked", Some(0), lang.tr(msg::cli_pin_blocked()))
        }
        Outcome::Blocked { kind: PinKind::Puk } => {
            (Exit::PukBlocked, "puk_blocked", Some(0), puk_blocked_message(lang))
        }
        Outcome::CardRefused(sw) => {
            (Exit::Other, "card_refused", None, lang.tr(msg::cli_card_refused_status(sw.to_string())))
        }
        Outcome::Interrupted => (Exit::Other, "interrupted", None, lang.tr(msg::cli_interrupted())),
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

fn success_message(op: Operation) -> Message {
    match op {
        Operation::VerifyPin => msg::cli_pin_correct(),
        Operation::ChangePin => msg::cli_pin_changed(),
        Operation::UnblockPin => msg::cli_pin_unblocked(),
    }
}

pub fn puk_blocked_message(lang: Lang) -> String {
    lang.tr(msg::cli_puk_blocked())
}

fn short_puk_message(lang: Lang, typed: usize) -> String {
    lang.tr(msg::CliShortPukRefused { digits: pin::PUK_LEN.into(), typed: typed.into() })
}

fn last_try_message(lang: Lang, kind: PinKind) -> String {
    crate::pin_words::last_try_refused(lang, kind)
}

fn describe_problems(lang: Lang, problems: &[InputProblem]) -> String {
    let mut lines = vec![lang.tr(msg::cli_invalid_values())];
    for p in problems {
        let line = match p {
            InputProblem::Format(field, err) => {
                let name = match field {
                    Field::Pin => "PIN".to_owned(),
                    Field::CurrentPin => lang.tr(msg::cli_field_current_pin()),
                    Field::Puk => "PUK".to_owned(),
                    Field::NewPin => lang.tr(msg::cli_field_new_pin()),
                    Field::RepeatPin => lang.tr(msg::cli_field_repeat_pin()),
                };
                let why = match err {
                    PinFormatError::Empty => msg::cli_format_empty(),
                    PinFormatError::NotDigits => msg::cli_format_not_digits(),
                    PinFormatError::TooShort => msg::cli_format_too_short(),
                    PinFormatError::TooLong => msg::cli_format_too_long(),
                };
                format!("- {name} {}", lang.tr(why))
            }
            InputProblem::Mismatch => format!("- {}", lang.tr(msg::cli_new_pins_differ())),
            InputProblem::Unchanged => format!("- {}", lang.tr(msg::cli_new_pin_unchanged())),
            // A bug, not the user's doing: not a message of the catalog.
            InputProblem::WrongOperation => "- internal error".to_owned(),
        };
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts written once and reused (the doctor's fix, the sign command's try in doubt) read
    /// as the CLI said them before.
    #[test]
    fn reused_texts_read_as_before() {
        assert_eq!(
            Lang::It.tr(msg::cli_pin_blocked()),
            "Il PIN è bloccato. Sbloccalo con il PUK: cns-manager unblock."
        );
        assert_eq!(
            Lang::En.tr(msg::cli_pin_blocked()),
            "The PIN is blocked. Unblock it with the PUK: cns-manager unblock."
        );
        assert_eq!(
            Lang::It.tr(msg::sign_not_signed_try_in_doubt()),
            "Il documento non è stato firmato. Non è possibile sapere se il tentativo è stato \
             conteggiato: controlla con «cns-manager status»."
        );
        assert_eq!(
            Lang::En.tr(msg::sign_not_signed_try_in_doubt()),
            "The document was not signed. It is not known whether the try was counted: check with \
             \"cns-manager status\"."
        );
    }

    #[test]
    fn invalid_values_are_listed_one_per_line_in_the_users_language() {
        let problems = [
            InputProblem::Format(Field::CurrentPin, PinFormatError::NotDigits),
            InputProblem::Format(Field::Puk, PinFormatError::TooShort),
            InputProblem::Mismatch,
        ];
        assert_eq!(
            describe_problems(Lang::It, &problems),
            "Valori non validi, nulla è stato inviato alla tessera:\n- PIN attuale deve contenere solo cifre\n\
             - PUK deve avere almeno 5 cifre\n- i due nuovi PIN non coincidono"
        );
        assert_eq!(
            describe_problems(Lang::En, &problems[2..]),
            "Invalid values, nothing was sent to the card:\n- the two new PINs differ"
        );
    }
}
