//! The words of PIN and PUK outcomes that the window and the CLI share, from the message
//! catalog (`assets/i18n/<lang>/pin.ftl`): one wording per event, whichever surface shows it.

use cns_core::pin::PinKind;

use crate::i18n::{Lang, msg};

fn secret_name(k: PinKind) -> &'static str {
    if k == PinKind::Pin { "PIN" } else { "PUK" }
}

/// What one more mistake does, the same words wherever the last try is mentioned.
pub fn last_try(lang: Lang, kind: PinKind) -> String {
    lang.tr(msg::last_try_consequence(secret_name(kind)))
}

/// The warning above the field when only one try is left.
pub fn one_try_left(lang: Lang, kind: PinKind) -> String {
    format!(
        "{} {}",
        lang.tr(msg::TriesLeftFor { secret: (secret_name(kind)).into(), tries: 1.into() }),
        last_try(lang, kind)
    )
}

/// The tries left, under the field that can use one (n ≥ 2; one try has its own warning).
pub fn tries_left(lang: Lang, kind: PinKind, n: u8) -> String {
    lang.tr(msg::TriesLeftFor { secret: (secret_name(kind)).into(), tries: n.into() })
}

/// After a wrong code: (headline, the tries left and what one more mistake does). The window's
/// result page and the CLI's message say the same.
pub fn wrong_secret(lang: Lang, kind: PinKind, tries_left: Option<u8>) -> (String, String) {
    let headline = lang.tr(msg::secret_wrong(secret_name(kind)));
    let detail = match tries_left {
        Some(1) => format!("{} {}", lang.tr(msg::tries_left(1)), last_try(lang, kind)),
        Some(n) => lang.tr(msg::tries_left(n)),
        None => lang.tr(msg::tries_unknown()),
    };
    (headline, detail)
}

/// The command line refused to spend the last try without `--confirm-last-attempt`.
pub fn last_try_refused(lang: Lang, kind: PinKind) -> String {
    format!("{} {}", one_try_left(lang, kind), lang.tr(msg::cli_last_try_not_sent()))
}
