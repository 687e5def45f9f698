//! The window's words for the card and for the PIN operations, from the message catalog
//! (`card.ftl`), with a tone and an icon so that colour is never the only signal. The card's
//! states themselves are worded in [`crate::card_words`], shared with the command line.

use cns_core::flow::{Operation, Outcome, Refusal};
use cns_core::pin::{PinKind, Weakness};

use crate::i18n::{Lang, msg};

/// Green = fine, amber = attention soon, red = blocked/expired.
pub use crate::card_words::{Tone, pin_state, puk_state};

impl Tone {
    pub fn icon(self) -> &'static str {
        match self {
            Tone::Good => "✔",
            Tone::Attention => "⚠",
            Tone::Bad => "⛔",
            Tone::Neutral => "ℹ",
        }
    }

    /// Dark enough to read on the light background (contrast ≥ 4.5:1).
    pub fn color(self) -> egui::Color32 {
        match self {
            Tone::Good => egui::Color32::from_rgb(0x1B, 0x6E, 0x20),
            Tone::Attention => egui::Color32::from_rgb(0x8A, 0x4B, 0x00),
            Tone::Bad => egui::Color32::from_rgb(0xB0, 0x1C, 0x1C),
            Tone::Neutral => egui::Color32::from_rgb(0x33, 0x44, 0x55),
        }
    }

    /// Pale background for the state boxes.
    pub fn fill(self) -> egui::Color32 {
        match self {
            Tone::Good => egui::Color32::from_rgb(0xE8, 0xF5, 0xE9),
            Tone::Attention => egui::Color32::from_rgb(0xFF, 0xF4, 0xE0),
            Tone::Bad => egui::Color32::from_rgb(0xFD, 0xEC, 0xEC),
            Tone::Neutral => egui::Color32::from_rgb(0xEE, 0xF2, 0xF6),
        }
    }
}

/// Above the first step of a wizard on a card that does not report its counters: the user
/// cannot see how close a wrong entry brings them to a block, so they hear it before typing.
pub fn unknown_tries_warning(lang: Lang, op: Operation) -> String {
    lang.tr(match op {
        Operation::UnblockPin => msg::pin_op_unknown_tries_puk(),
        _ => msg::pin_op_unknown_tries_pin(),
    })
}

pub fn op_title(lang: Lang, op: Operation) -> String {
    lang.tr(match op {
        Operation::ChangePin => msg::pin_op_title_change(),
        Operation::UnblockPin => msg::pin_op_title_unblock(),
        Operation::VerifyPin => msg::pin_op_title_verify(),
    })
}

/// (field label, one line of guidance) for a wizard step.
pub fn step_text(lang: Lang, op: Operation, step: usize) -> (String, String) {
    let (label, guide) = match (op, step) {
        (Operation::ChangePin, 0) => (msg::pin_op_current_pin(), msg::pin_op_current_pin_guide()),
        (Operation::UnblockPin, 0) => (msg::pin_op_puk(), msg::pin_op_puk_guide()),
        (Operation::VerifyPin, _) => (msg::pin_op_pin(), msg::pin_op_verify_guide()),
        (_, 1) => (msg::pin_op_new_pin(), msg::pin_op_new_pin_guide()),
        _ => (msg::pin_op_repeat_pin(), msg::pin_op_repeat_pin_guide()),
    };
    (lang.tr(label), lang.tr(guide))
}

fn secret_name(k: PinKind) -> &'static str {
    if k == PinKind::Pin { "PIN" } else { "PUK" }
}

pub use crate::pin_words::{last_try, one_try_left, tries_left, wrong_secret};

/// A letter (typed or pasted) was left out of the field.
pub fn not_a_digit(lang: Lang, kind: PinKind) -> String {
    lang.tr(msg::pin_op_not_a_digit(secret_name(kind)))
}

/// Input went past 8 digits: refused, and the step waits for the user to fix it.
pub fn too_long(lang: Lang, kind: PinKind) -> String {
    lang.tr(msg::pin_op_too_long(secret_name(kind)))
}

/// The button that vouches for a PUK shorter than 8 digits.
pub fn send_short_puk(lang: Lang) -> String {
    lang.tr(msg::pin_op_send_short_puk())
}

pub fn refusal(lang: Lang, r: Refusal) -> String {
    lang.tr(match r {
        Refusal::PinBlocked => msg::pin_blocked_unblock_first(),
        Refusal::PukBlocked => msg::puk_blocked_replace(),
        Refusal::Busy => msg::pin_op_busy(),
        Refusal::Finished => msg::pin_op_finished(),
    })
}

/// A keystroke the PIN field refused (wizards and the signature alike).
pub fn typed_refusal(lang: Lang, kind: PinKind, r: super::widgets::pin_entry::Refusal) -> String {
    use super::widgets::pin_entry::Refusal as R;
    match r {
        R::NotDigit => not_a_digit(lang, kind),
        R::TooLong => too_long(lang, kind),
    }
}

pub fn weakness(lang: Lang, w: Weakness) -> String {
    lang.tr(match w {
        Weakness::Repeated => msg::pin_op_weak_repeated(),
        Weakness::Sequence => msg::pin_op_weak_sequence(),
        Weakness::BirthDate => msg::pin_op_weak_birth_date(),
    })
}

/// (tone, headline, what to do next) for a finished operation.
pub fn outcome(lang: Lang, op: Operation, o: Outcome, card_removed: bool) -> (Tone, String, String) {
    let (tone, head, next) = match o {
        Outcome::Success => match op {
            Operation::ChangePin => (Tone::Good, msg::pin_op_changed(), msg::pin_op_changed_next()),
            Operation::UnblockPin => (Tone::Good, msg::pin_op_unblocked(), msg::pin_op_unblocked_next()),
            Operation::VerifyPin => (Tone::Good, msg::pin_op_verified(), msg::pin_op_verified_next()),
        },
        Outcome::Wrong { kind, tries_left } => {
            let (headline, detail) = wrong_secret(lang, kind, tries_left);
            return (Tone::Attention, headline, detail);
        }
        Outcome::Blocked { kind: PinKind::Pin } => {
            (Tone::Bad, msg::secret_blocked("PIN"), msg::pin_op_pin_blocked_next())
        }
        Outcome::Blocked { kind: PinKind::Puk } => {
            (Tone::Bad, msg::pin_op_puk_blocked(), msg::pin_op_puk_blocked_next())
        }
        Outcome::CardRefused(_) => (Tone::Bad, msg::pin_op_card_refused(), msg::pin_op_card_refused_next()),
        Outcome::Interrupted if card_removed => {
            (Tone::Attention, msg::pin_op_card_removed(), msg::pin_op_card_removed_next())
        }
        Outcome::Interrupted => (Tone::Attention, msg::pin_op_interrupted(), msg::pin_op_interrupted_next()),
    };
    (tone, lang.tr(head), lang.tr(next))
}

/// (headline, what to do) when the card left before anything was sent.
pub fn card_left(lang: Lang, op: Operation) -> (String, String) {
    let head = match op {
        Operation::ChangePin => msg::pin_op_card_left_change(),
        Operation::UnblockPin => msg::pin_op_card_left_unblock(),
        Operation::VerifyPin => msg::pin_op_card_left_verify(),
    };
    (lang.tr(head), lang.tr(msg::pin_op_card_left_next()))
}

/// dd/mm/yyyy, as Italians write dates.
pub fn date(d: time::Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year())
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_its_own_title_and_card_left_headline() {
        let ops = [Operation::ChangePin, Operation::UnblockPin, Operation::VerifyPin];
        for lang in Lang::ALL {
            let titles: std::collections::BTreeSet<String> =
                ops.iter().map(|op| op_title(lang, *op)).collect();
            let left: std::collections::BTreeSet<String> =
                ops.iter().map(|op| card_left(lang, *op).0).collect();
            assert_eq!((titles.len(), left.len()), (3, 3), "{titles:?} {left:?}");
        }
        assert_eq!(card_left(Lang::En, Operation::VerifyPin).0, "Card removed: PIN not checked");
    }
}
