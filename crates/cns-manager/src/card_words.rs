//! The card's state in words, from the message catalog (`assets/i18n/<lang>/card.ftl`): the
//! window's card page and the command line's `status`/`watch` say the same thing about the same
//! state, because both take their words from here. Each state comes with a [`Tone`], so that
//! neither surface has to decide again whether it is good news.

use cns_core::PinState;
use cns_core::card::CardStatus;
use cns_core::cert::{self, Expiry};
use cns_core::pin::PinKind;
use time::{Date, OffsetDateTime};

use crate::i18n::{Lang, msg};

/// Days before the card's expiry when a warning appears (the certificate's own threshold is
/// `cert::expiry_status`'s).
const CARD_SOON_DAYS: i64 = 30;

/// Fine, attention soon, blocked/expired, or just information. The window gives each a colour
/// and an icon, the command line a symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Attention,
    Bad,
    Neutral,
}

/// (tone, headline, detail) for the PIN. The PUK's state decides what may be offered: with the
/// PUK blocked there is nothing left to unblock with, and saying "unblock it with the PUK" beside
/// "PUK blocked" would send the user to a dead end.
pub fn pin_state(lang: Lang, s: PinState, puk: PinState) -> (Tone, String, String) {
    let puk_blocked = puk == PinState::Blocked;
    match s {
        PinState::TriesLeft { tries_left: 1 } => {
            let detail =
                if puk_blocked { msg::pin_last_try_puk_blocked() } else { msg::pin_last_try_advice() };
            (Tone::Attention, lang.tr(msg::secret_last_try("PIN")), lang.tr(detail))
        }
        PinState::TriesLeft { tries_left } => {
            (Tone::Good, lang.tr(msg::secret_active("PIN")), lang.tr(msg::secret_tries_left(tries_left)))
        }
        PinState::Verified => {
            (Tone::Good, lang.tr(msg::secret_active("PIN")), lang.tr(msg::secret_verified()))
        }
        PinState::Blocked if puk_blocked => {
            (Tone::Bad, lang.tr(msg::secret_blocked("PIN")), lang.tr(msg::pin_blocked_for_good()))
        }
        PinState::Blocked => {
            (Tone::Bad, lang.tr(msg::secret_blocked("PIN")), lang.tr(msg::pin_unblock_with_puk()))
        }
        // Cards that never report their counter (old Siemens/CardOS, the first Lombardy CRS):
        // the PIN may be blocked as well as active, so "active" would be a guess.
        PinState::Unknown => (
            Tone::Attention,
            lang.tr(msg::secret_state_unknown("PIN")),
            lang.tr(msg::secret_tries_not_told()),
        ),
    }
}

/// (tone, headline, detail) for the PUK.
pub fn puk_state(lang: Lang, s: PinState) -> (Tone, String, String) {
    match s {
        // What one more mistake does, in the words every last-try warning uses.
        PinState::TriesLeft { tries_left: 1 } => (
            Tone::Attention,
            lang.tr(msg::secret_last_try("PUK")),
            crate::pin_words::last_try(lang, PinKind::Puk),
        ),
        PinState::TriesLeft { tries_left } => {
            (Tone::Good, lang.tr(msg::secret_active("PUK")), lang.tr(msg::secret_tries_left(tries_left)))
        }
        PinState::Verified => (Tone::Good, lang.tr(msg::secret_active("PUK")), String::new()),
        PinState::Blocked => {
            (Tone::Bad, lang.tr(msg::secret_blocked("PUK")), lang.tr(msg::card_must_be_replaced()))
        }
        PinState::Unknown => {
            (Tone::Neutral, lang.tr(msg::secret_state_unknown("PUK")), lang.tr(msg::secret_tries_not_told()))
        }
    }
}

/// Whether the fiscal code on the card is well formed and agrees with the rest of the card;
/// `None` when the card gives none. The error's own detail is for the surface to show beside.
pub fn fiscal_code_note(lang: Lang, s: &CardStatus) -> Option<(Tone, String)> {
    match &s.fiscal_code {
        Some(Ok(_)) if s.fiscal_code_mismatches.is_empty() => {
            Some((Tone::Good, lang.tr(msg::fiscal_code_valid())))
        }
        Some(Ok(_)) => Some((Tone::Attention, lang.tr(msg::fiscal_code_mismatch()))),
        Some(Err(_)) => Some((Tone::Attention, lang.tr(msg::fiscal_code_invalid()))),
        None => None,
    }
}

/// The card's expiry date, judged against `today`.
pub fn card_expiry_note(lang: Lang, expiry: Date, today: Date) -> (Tone, String) {
    let days = (expiry - today).whole_days();
    if days < 0 {
        (Tone::Bad, lang.tr(msg::card_expired()))
    } else if days <= CARD_SOON_DAYS {
        (Tone::Attention, lang.tr(msg::expires_in_days(days)))
    } else {
        (Tone::Good, lang.tr(msg::card_valid()))
    }
}

/// The certificate's end, judged against `today` and against the card's own expiry: a
/// certificate that ends first stops the signing and the logins while the card still looks valid.
pub fn certificate_note(
    lang: Lang,
    not_after: OffsetDateTime,
    card_expiry: Option<Date>,
    today: Date,
) -> (Tone, String) {
    let (tone, note) = match cert::expiry_status(not_after, today) {
        Expiry::Expired { .. } => (Tone::Bad, msg::card_certificate_expired()),
        Expiry::ExpiresSoon { days_left } => (Tone::Attention, msg::expires_in_days(days_left)),
        Expiry::Valid { .. } => (Tone::Good, msg::card_certificate_valid()),
    };
    if tone == Tone::Good && card_expiry.is_some_and(|end| cert::ends_before_card(not_after, end)) {
        return (Tone::Attention, lang.tr(msg::card_certificate_ends_before_card()));
    }
    (tone, lang.tr(note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn the_tries_are_said_in_the_same_words_for_pin_and_puk() {
        let three = PinState::TriesLeft { tries_left: 3 };
        let (tone, head, detail) = pin_state(Lang::It, three, three);
        assert_eq!(
            (tone, head.as_str(), detail.as_str()),
            (Tone::Good, "PIN attivo", "Ti restano 3 tentativi")
        );
        let (_, head, detail) = puk_state(Lang::En, PinState::TriesLeft { tries_left: 10 });
        assert_eq!((head.as_str(), detail.as_str()), ("PUK available", "You have 10 tries left"));
    }

    #[test]
    fn the_puk_s_last_try_says_what_every_last_try_warning_says() {
        let (tone, head, detail) = puk_state(Lang::It, PinState::TriesLeft { tries_left: 1 });
        assert_eq!((tone, head.as_str()), (Tone::Attention, "PUK: ti resta un solo tentativo"));
        assert_eq!(detail, crate::pin_words::last_try(Lang::It, PinKind::Puk));
        assert_eq!(detail, "Se sbagli ancora, il PUK si blocca e la tessera va sostituita.");
    }

    #[test]
    fn a_blocked_puk_changes_what_the_pin_box_offers() {
        let last = PinState::TriesLeft { tries_left: 1 };
        let (_, _, with_puk) = pin_state(Lang::It, last, PinState::TriesLeft { tries_left: 10 });
        let (_, _, without) = pin_state(Lang::It, last, PinState::Blocked);
        assert!(with_puk.contains("sbloccalo con il PUK"), "{with_puk}");
        assert!(without.contains("la tessera va sostituita") && !without.contains("sbloccalo"), "{without}");
        let (tone, head, detail) = pin_state(Lang::En, PinState::Blocked, PinState::Blocked);
        assert_eq!((tone, head.as_str()), (Tone::Bad, "PIN blocked"));
        assert!(detail.contains("the PUK is blocked too"), "{detail}");
    }

    #[test]
    fn expiry_notes_follow_the_dates() {
        let today = date!(2026 - 11 - 26);
        assert_eq!(card_expiry_note(Lang::It, date!(2026 - 11 - 25), today).0, Tone::Bad);
        assert_eq!(card_expiry_note(Lang::It, date!(2026 - 12 - 06), today).1, "scade tra 10 giorni");
        assert_eq!(card_expiry_note(Lang::En, date!(2026 - 11 - 27), today).1, "expires in 1 day");
        assert_eq!(card_expiry_note(Lang::It, today, today).1, "scade oggi");
        assert_eq!(card_expiry_note(Lang::En, date!(2031 - 03 - 01), today), (Tone::Good, "valid".into()));
        // A certificate valid for years but ending before the card is a warning, not "valid".
        let end = datetime!(2029 - 01 - 01 0:00 UTC);
        let card = Some(date!(2031 - 03 - 01));
        assert_eq!(
            certificate_note(Lang::It, end, card, today),
            (Tone::Attention, "scade prima della tessera".into())
        );
        assert_eq!(certificate_note(Lang::It, end, None, today), (Tone::Good, "valido".into()));
        let past = datetime!(2026 - 01 - 01 0:00 UTC);
        assert_eq!(certificate_note(Lang::En, past, card, today), (Tone::Bad, "expired".into()));
    }
}
