//! The card's states in plain words, with a tone and an icon so that colour is never the only
//! signal. Both languages side by side.

use cns_core::PinState;
use cns_core::flow::{Operation, Outcome, Refusal};
use cns_core::pin::{self, PinFormatError, PinKind, Weakness};

use crate::i18n::Lang;

use super::wizard::StepProblem;

/// Green = fine, amber = attention soon, red = blocked/expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Attention,
    Bad,
    Neutral,
}

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

/// Headline and detail for the PIN box. The PUK's state decides what the PIN box may offer:
/// with the PUK blocked there is nothing left to unblock with, and saying "unblock it with the
/// PUK" beside "PUK blocked" would send the user to a dead end.
pub fn pin_state(lang: Lang, s: PinState, puk: PinState) -> (Tone, String, String) {
    let puk_blocked = puk == PinState::Blocked;
    match s {
        PinState::TriesLeft { tries_left: 1 } => (
            Tone::Attention,
            lang.t("PIN: ti resta un solo tentativo", "PIN: only one try left").into(),
            if puk_blocked {
                lang.t(
                    "Attenzione: se sbagli ancora, il PIN si blocca e, con il PUK bloccato, la tessera va sostituita.",
                    "Careful: one more mistake blocks the PIN and, with the PUK blocked, the card must be replaced.",
                )
            } else {
                lang.t(
                    "Attenzione: se sbagli ancora, il PIN si blocca. Se non sei sicuro, sbloccalo con il PUK.",
                    "Careful: one more mistake blocks the PIN. If unsure, unblock it with the PUK.",
                )
            }
            .into(),
        ),
        PinState::TriesLeft { tries_left: n } => (
            Tone::Good,
            lang.t("PIN attivo", "PIN active").into(),
            lang.s(format!("Ti restano {n} tentativi"), format!("You have {n} tries left")),
        ),
        PinState::Verified => (
            Tone::Good,
            lang.t("PIN attivo", "PIN active").into(),
            lang.t("Già verificato in questa sessione", "Already verified in this session").into(),
        ),
        PinState::Blocked if puk_blocked => (
            Tone::Bad,
            lang.t("PIN bloccato", "PIN blocked").into(),
            lang.t(
                "Non si può più sbloccare: anche il PUK è bloccato",
                "It can no longer be unblocked: the PUK is blocked too",
            )
            .into(),
        ),
        PinState::Blocked => (
            Tone::Bad,
            lang.t("PIN bloccato", "PIN blocked").into(),
            lang.t("Sbloccalo con il PUK", "Unblock it with the PUK").into(),
        ),
        // Cards that never report their counter (old Siemens/CardOS, the first Lombardy CRS):
        // the PIN may be blocked as well as active, so "attivo" would be a guess.
        PinState::Unknown => (
            Tone::Attention,
            lang.t("PIN: stato non noto", "PIN: state unknown").into(),
            unknown_tries(lang).into(),
        ),
    }
}

/// Headline and detail for the PUK box.
pub fn puk_state(lang: Lang, s: PinState) -> (Tone, String, String) {
    match s {
        PinState::TriesLeft { tries_left: 1 } => (
            Tone::Attention,
            lang.t("PUK: resta un solo tentativo", "PUK: only one try left").into(),
            lang.t(
                "Se sbagli ancora, la tessera va sostituita.",
                "One more mistake and the card must be replaced.",
            )
            .into(),
        ),
        PinState::TriesLeft { tries_left: n } => (
            Tone::Good,
            lang.t("PUK disponibile", "PUK available").into(),
            lang.s(format!("Ti restano {n} tentativi"), format!("You have {n} tries left")),
        ),
        PinState::Verified => (Tone::Good, lang.t("PUK disponibile", "PUK available").into(), String::new()),
        PinState::Blocked => (
            Tone::Bad,
            lang.t("PUK bloccato", "PUK blocked").into(),
            lang.t("La tessera va sostituita", "The card must be replaced").into(),
        ),
        PinState::Unknown => (
            Tone::Neutral,
            lang.t("PUK: stato non noto", "PUK: state unknown").into(),
            unknown_tries(lang).into(),
        ),
    }
}

fn unknown_tries(lang: Lang) -> &'static str {
    lang.t(
        "Questa tessera non dice quanti tentativi restano, né se è bloccato",
        "This card does not tell how many tries are left, nor whether it is blocked",
    )
}

/// Above the first step of a wizard on a card that does not report its counters: the user
/// cannot see how close a wrong entry brings them to a block, so they hear it before typing.
pub fn unknown_tries_warning(lang: Lang, op: Operation) -> &'static str {
    match op {
        Operation::UnblockPin => lang.t(
            "Questa tessera non dice quanti tentativi restano per il PUK: potrebbe essere l'ultimo. Se il PUK è \
             sbagliato, la tessera potrebbe non sbloccarsi più.",
            "This card does not tell how many PUK tries are left: this may be the last one. If the PUK is \
             wrong, the card may never be unblocked again.",
        ),
        _ => lang.t(
            "Questa tessera non dice quanti tentativi restano: potrebbe essere l'ultimo. Se il PIN è sbagliato, \
             il PIN potrebbe bloccarsi.",
            "This card does not tell how many tries are left: this may be the last one. If the PIN is wrong, \
             the PIN may get blocked.",
        ),
    }
}

pub fn op_title(lang: Lang, op: Operation) -> &'static str {
    match op {
        Operation::ChangePin => lang.t("Cambia il PIN", "Change the PIN"),
        Operation::UnblockPin => lang.t("Sblocca il PIN con il PUK", "Unblock the PIN with the PUK"),
        Operation::VerifyPin => lang.t("Verifica il PIN", "Check the PIN"),
    }
}

/// (field label, one line of guidance) for a wizard step.
pub fn step_text(lang: Lang, op: Operation, step: usize) -> (&'static str, &'static str) {
    match (op, step) {
        (Operation::ChangePin, 0) => (
            lang.t("PIN attuale", "Current PIN"),
            lang.t(
                "Scrivi il PIN che usi adesso (da 5 a 8 cifre).",
                "Type the PIN you use now (5 to 8 digits).",
            ),
        ),
        (Operation::UnblockPin, 0) => (
            lang.t("PUK", "PUK"),
            lang.t(
                "Scrivi il PUK (8 cifre): lo trovi nella lettera o email ricevuta con il PIN.",
                "Type the PUK (8 digits): it is in the letter or email you received with the PIN.",
            ),
        ),
        (Operation::VerifyPin, _) => (
            lang.t("PIN", "PIN"),
            lang.t(
                "Scrivi il PIN per controllare che sia quello giusto. Un PIN sbagliato consuma un tentativo.",
                "Type the PIN to check it is the right one. A wrong PIN uses up one try.",
            ),
        ),
        (_, 1) => (
            lang.t("Nuovo PIN", "New PIN"),
            lang.t(
                "Scegli un nuovo PIN da 5 a 8 cifre, facile da ricordare per te ma non per gli altri.",
                "Choose a new PIN of 5 to 8 digits, easy for you to remember but not for others.",
            ),
        ),
        _ => (
            lang.t("Ripeti il nuovo PIN", "Repeat the new PIN"),
            lang.t(
                "Scrivilo di nuovo, per essere sicuri che non ci siano errori.",
                "Type it again, to be sure there are no typos.",
            ),
        ),
    }
}

/// `n` with the noun in the right number: "1 cambio PIN", "2 cambi PIN", "0 cambi PIN".
pub fn count(lang: Lang, n: u32, it: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = if lang == Lang::It { it } else { en };
    format!("{n} {}", if n == 1 { one } else { many })
}

fn secret_name(k: PinKind) -> &'static str {
    if k == PinKind::Pin { "PIN" } else { "PUK" }
}

pub use crate::pin_words::{last_try, one_try_left, tries_left, wrong_secret};

/// A letter (typed or pasted) was left out of the field.
pub fn not_a_digit(lang: Lang, kind: PinKind) -> String {
    lang.s(
        format!("Solo cifre: il {} è fatto di numeri. Le lettere non sono state scritte.", secret_name(kind)),
        format!("Digits only: the {} is made of numbers. Letters were left out.", secret_name(kind)),
    )
}

/// Input went past 8 digits: refused, and the step waits for the user to fix it.
pub fn too_long(lang: Lang, kind: PinKind) -> String {
    lang.s(
        format!(
            "Al massimo 8 cifre: il {} che hai scritto è più lungo. Cancella e scrivilo di nuovo.",
            secret_name(kind)
        ),
        format!(
            "At most 8 digits: the {} you typed is longer. Delete it and type it again.",
            secret_name(kind)
        ),
    )
}

/// The button that vouches for a PUK shorter than 8 digits.
pub fn send_short_puk(lang: Lang) -> &'static str {
    lang.t("Continua comunque", "Continue anyway")
}

pub fn step_problem(lang: Lang, kind: PinKind, p: StepProblem) -> String {
    match p {
        StepProblem::Format(PinFormatError::Empty) => {
            lang.t("Il campo è vuoto.", "The field is empty.").into()
        }
        StepProblem::Format(PinFormatError::NotDigits) => not_a_digit(lang, kind),
        StepProblem::Format(PinFormatError::TooShort) => {
            lang.t("Troppo corto: servono almeno 5 cifre.", "Too short: at least 5 digits.").into()
        }
        StepProblem::Format(PinFormatError::TooLong) => too_long(lang, kind),
        StepProblem::Mismatch => lang
            .t(
                "I due PIN non erano uguali: scegli il nuovo PIN e poi ripetilo.",
                "The two PINs did not match: choose the new PIN, then repeat it.",
            )
            .into(),
        StepProblem::PukLength { typed } => lang.s(
            format!(
                "Il PUK ha {} cifre: ne hai scritte {typed}. Controlla la lettera o l'email del PUK. \
                 Se il tuo ha davvero {typed} cifre, scegli «{}».",
                pin::PUK_LEN,
                send_short_puk(lang)
            ),
            format!(
                "The PUK has {} digits: you typed {typed}. Check the letter or email with your PUK. \
                 If yours really has {typed} digits, choose “{}”.",
                pin::PUK_LEN,
                send_short_puk(lang)
            ),
        ),
        StepProblem::Unchanged => lang
            .t(
                "Il nuovo PIN è uguale a quello attuale: scegline uno diverso.",
                "The new PIN equals the current one: choose another.",
            )
            .into(),
        StepProblem::Refused(r) => refusal(lang, r).into(),
    }
}

pub fn refusal(lang: Lang, r: Refusal) -> &'static str {
    match r {
        Refusal::PinBlocked => {
            lang.t("Il PIN è bloccato: sbloccalo con il PUK.", "The PIN is blocked: unblock it with the PUK.")
        }
        Refusal::PukBlocked => lang.t(
            "Il PUK è bloccato: la tessera non può più essere sbloccata e va sostituita.",
            "The PUK is blocked: the card can no longer be unblocked and must be replaced.",
        ),
        Refusal::Busy => lang.t("La tessera sta già lavorando.", "The card is already working."),
        Refusal::Finished => lang.t("L'operazione è già conclusa.", "The operation has already ended."),
    }
}

/// A keystroke the PIN field refused (wizards and the signature alike).
pub fn typed_refusal(lang: Lang, kind: PinKind, r: super::widgets::pin_entry::Refusal) -> String {
    use super::widgets::pin_entry::Refusal as R;
    match r {
        R::NotDigit => not_a_digit(lang, kind),
        R::TooLong => too_long(lang, kind),
    }
}

pub fn weakness(lang: Lang, w: Weakness) -> &'static str {
    match w {
        Weakness::Repeated => lang.t(
            "Suggerimento: un PIN di cifre tutte uguali è facile da indovinare.",
            "Hint: a PIN of identical digits is easy to guess.",
        ),
        Weakness::Sequence => lang.t(
            "Suggerimento: una sequenza come 12345 è facile da indovinare.",
            "Hint: a run like 12345 is easy to guess.",
        ),
        Weakness::BirthDate => lang.t(
            "Suggerimento: la data di nascita è facile da indovinare per chi ti conosce.",
            "Hint: your birth date is easy to guess for people who know you.",
        ),
    }
}

/// (tone, headline, what to do next) for a finished operation.
pub fn outcome(lang: Lang, op: Operation, o: Outcome, card_removed: bool) -> (Tone, String, String) {
    match o {
        Outcome::Success => match op {
            Operation::ChangePin => (
                Tone::Good,
                lang.t("PIN cambiato", "PIN changed").into(),
                lang.t("Da ora usa il nuovo PIN.", "From now on, use the new PIN.").into(),
            ),
            Operation::UnblockPin => (
                Tone::Good,
                lang.t("PIN sbloccato", "PIN unblocked").into(),
                lang.t(
                    "Il nuovo PIN è attivo e i tentativi sono di nuovo 3.",
                    "The new PIN is active and the tries are back to 3.",
                )
                .into(),
            ),
            Operation::VerifyPin => (
                Tone::Good,
                lang.t("Il PIN è corretto", "The PIN is correct").into(),
                lang.t("I tentativi sono di nuovo al massimo.", "The tries are back to the maximum.").into(),
            ),
        },
        Outcome::Wrong { kind, tries_left } => {
            let (headline, detail) = wrong_secret(lang, kind, tries_left);
            (Tone::Attention, headline, detail)
        }
        Outcome::Blocked { kind: PinKind::Pin } => (
            Tone::Bad,
            lang.t("PIN bloccato", "PIN blocked").into(),
            lang.t(
                "Hai esaurito i tentativi. Puoi sbloccarlo con il PUK e scegliere un nuovo PIN.",
                "No tries left. You can unblock it with the PUK and choose a new PIN.",
            )
            .into(),
        ),
        Outcome::Blocked { kind: PinKind::Puk } => (
            Tone::Bad,
            lang.t("PUK bloccato: la tessera va sostituita", "PUK blocked: the card must be replaced").into(),
            lang.t(
                "Non si può più sbloccare e non è un errore che si possa annullare.",
                "It can no longer be unblocked, and this cannot be undone.",
            )
            .into(),
        ),
        Outcome::CardRefused(_) => (
            Tone::Bad,
            lang.t("La tessera ha rifiutato l'operazione", "The card refused the operation").into(),
            lang.t(
                "Nessun tentativo risulta consumato. Riprova; se succede ancora, vedi i dettagli tecnici.",
                "No try appears to be used up. Try again; if it happens again, see the technical details.",
            )
            .into(),
        ),
        Outcome::Interrupted if card_removed => (
            Tone::Attention,
            lang.t("Tessera rimossa durante l'operazione", "Card removed during the operation").into(),
            lang.t(
                "La tessera è stata rimossa: l'operazione potrebbe non essere stata completata e il tentativo potrebbe essere stato contato. Reinserisci la tessera per vedere lo stato.",
                "The card was removed: the operation may not have been completed, and the try may have been counted. Insert the card again to see its state.",
            )
            .into(),
        ),
        Outcome::Interrupted => (
            Tone::Attention,
            lang.t("Comunicazione interrotta", "Communication interrupted").into(),
            lang.t(
                "L'operazione potrebbe non essere stata completata. Controlla lo stato della tessera prima di riprovare.",
                "The operation may not have been completed. Check the card's state before trying again.",
            )
            .into(),
        ),
    }
}

/// (headline, what to do) when the card left before anything was sent.
pub fn card_left(lang: Lang, op: Operation) -> (&'static str, &'static str) {
    (
        match op {
            Operation::ChangePin => lang.t("Tessera rimossa: PIN non cambiato", "Card removed: PIN not changed"),
            Operation::UnblockPin => lang.t("Tessera rimossa: PIN non sbloccato", "Card removed: PIN not unblocked"),
            Operation::VerifyPin => lang.t("Tessera rimossa: PIN non verificato", "Card removed: PIN not checked"),
        },
        lang.t(
            "Non è stato inviato nulla alla tessera: nessun tentativo è stato usato. Reinserisci la tessera per riprovare.",
            "Nothing was sent to the card: no try was used. Insert the card again to try again.",
        ),
    )
}

/// dd/mm/yyyy, as Italians write dates.
pub fn date(d: time::Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year())
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ")
}
