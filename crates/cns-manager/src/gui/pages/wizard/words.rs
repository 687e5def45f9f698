//! The words of a wizard step's problem (the other wizard words are shared with the status
//! page: gui/words.rs).

use cns_core::pin::{PinFormatError, PinKind};

use super::state::StepProblem;
use crate::gui::words;
use crate::i18n::{Lang, msg};

/// What is wrong with the step's entry, in the user's words.
pub(crate) fn step_problem(lang: Lang, kind: PinKind, p: StepProblem) -> String {
    match p {
        StepProblem::Format(PinFormatError::Empty) => lang.tr(msg::pin_op_field_empty()),
        StepProblem::Format(PinFormatError::NotDigits) => words::not_a_digit(lang, kind),
        StepProblem::Format(PinFormatError::TooShort) => lang.tr(msg::pin_op_too_short()),
        StepProblem::Format(PinFormatError::TooLong) => words::too_long(lang, kind),
        StepProblem::Mismatch => lang.tr(msg::pin_op_mismatch()),
        StepProblem::PukLength { typed } => {
            lang.tr(msg::PinOpPukLength { len: cns_core::pin::PUK_LEN.into(), typed: typed.into() })
        }
        StepProblem::Unchanged => lang.tr(msg::pin_op_unchanged()),
        StepProblem::Refused(r) => words::refusal(lang, r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_puk_advice_names_the_button_that_sends_it() {
        let problem = StepProblem::PukLength { typed: 6 };
        assert_eq!(
            step_problem(Lang::It, PinKind::Puk, problem),
            "Il PUK ha 8 cifre: ne hai scritte 6. Controlla la lettera o l'email del PUK. Se il tuo ha davvero \
             6 cifre, scegli «Continua comunque»."
        );
        let english = step_problem(Lang::En, PinKind::Puk, problem);
        assert!(english.ends_with(&format!("choose “{}”.", words::send_short_puk(Lang::En))), "{english}");
    }
}
