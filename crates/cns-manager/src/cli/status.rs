//! `cns-manager status`: everything the card says about itself. Never spends a try.

use serde_json::{Value, json};
use time::Date;
use time::format_description::well_known::Rfc3339;

use super::{CardArgs, Exit, Out, open_card};
use crate::backend::Backend;
use crate::card_words::{self, Tone};
use crate::i18n::{Lang, msg};
use cns_core::PinState;
use cns_core::card::{self, CardStatus};
use cns_core::cert::{self, Check, HashCheck};

pub fn run(backend: &Backend, args: &CardArgs, out: &Out) -> Exit {
    let (reader, mut transport) = match open_card(backend, args, out) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let status = match card::read_status(transport.as_mut()) {
        Ok(s) => s,
        Err(e) => return out.card_error(&e),
    };
    let today = time::OffsetDateTime::now_utc().date();
    if out.json {
        outln!("{}", serde_json::to_string_pretty(&to_json(&reader, &status, today)).unwrap_or_default());
    } else {
        print_human(out.lang, &reader, &status, today);
    }
    Exit::Success
}

fn ymd(d: Option<Date>) -> Value {
    d.map_or(Value::Null, |d| json!(format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())))
}

fn dmy(d: Option<Date>) -> String {
    d.map_or_else(|| "-".into(), |d| format!("{:02}/{:02}/{:04}", d.day(), u8::from(d.month()), d.year()))
}

/// The JSON contract: card.serial, card.expires, holder.*, certificate.not_after (RFC 3339),
/// certificate.key_bits, pin/puk.state ("ok" | "blocked" | "unknown") and tries_left.
pub fn to_json(reader: &str, s: &CardStatus, today: Date) -> Value {
    let pd = s.personal.as_ref().ok();
    let certificate = match &s.certificate {
        Ok(c) => {
            let expiry = c.expiry(today);
            json!({
                "subject": c.subject,
                "issuer": c.issuer,
                "serial": c.serial,
                "not_before": c.not_before.format(&Rfc3339).ok(),
                "not_after": c.not_after.format(&Rfc3339).ok(),
                "key_type": c.key.algorithm,
                "key_bits": c.key.bits,
                "sha256": c.sha256_fingerprint,
                "cns_policy": c.has_cns_policy(),
                "expiry": expiry,
                "ends_before_card": s.card_expiry().map(|e| cert::ends_before_card(c.not_after, e)),
            })
        }
        Err(e) => json!({ "error": e.0 }),
    };
    json!({
        "reader": reader,
        "card": {
            "serial": s.id.serial,
            "formatted": s.id.formatted(),
            "issuer_code": s.id.issuer_code(),
            "region": s.id.region().map(|r| r.name),
            "team_number": s.id.team_number(),
            "issued": ymd(pd.and_then(|p| p.issue_date.date)),
            "expires": ymd(s.card_expiry()),
            "expired": s.card_expiry().map(|e| e < today),
            "atr": hex(&s.atr),
            "profile": s.recognition.profile.name,
            "generation": s.location.generation(),
            "applet": match s.location {
                card::Location::Applet(a) => Value::String(hex(a.aid)),
                card::Location::Classic => Value::Null,
            },
        },
        "holder": {
            "surname": pd.map(|p| p.surname.as_str()),
            "given_name": pd.map(|p| p.given_name.as_str()),
            "fiscal_code": pd.map(|p| p.fiscal_code.as_str()),
            "fiscal_code_valid": s.fiscal_code.as_ref().map(|r| r.is_ok()),
            "birth_date": ymd(pd.and_then(|p| p.birth_date.date)),
            "sex": pd.map(|p| p.sex.as_str()),
            "birth_place": pd.map(|p| p.birth_municipality.as_str()),
            "error": s.personal.as_ref().err().map(|e| e.0.as_str()),
        },
        "certificate": certificate,
        "consistency": s.consistency,
        "pin": pin_json(s.pin),
        "puk": pin_json(s.puk),
        "tries_query": if s.counters_queried { "asked" } else { "not_supported_by_card" },
    })
}

fn pin_json(p: PinState) -> Value {
    let state = match p {
        PinState::Blocked => "blocked",
        PinState::TriesLeft { .. } | PinState::Verified => "ok",
        PinState::Unknown => "unknown",
    };
    json!({ "state": state, "tries_left": p.tries_left() })
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

fn print_human(lang: Lang, reader: &str, s: &CardStatus, today: Date) {
    outln!("{}: {reader}", lang.tr(msg::card_reader()));
    for line in human_lines(lang, s, today) {
        outln!("{line}");
    }
}

/// The terminal's sign for a tone (the window draws its own icons, in colour).
fn sign(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "✓ ",
        Tone::Attention => "⚠ ",
        Tone::Bad => "✗ ",
        Tone::Neutral => "",
    }
}

/// A value's note with its sign: "✓ valido".
fn noted((tone, note): (Tone, String)) -> String {
    format!("{}{note}", sign(tone))
}

/// The status as `status` prints it, one entry per line (the reader's line aside): `watch`
/// prints the same entries on one line, so the words are the same. The words of each state
/// are the window's (`card_words`).
fn human_lines(lang: Lang, s: &CardStatus, today: Date) -> Vec<String> {
    let mut lines = Vec::new();
    match s.personal.as_ref().ok() {
        Some(p) => {
            lines.push(format!("{}: {} {}", lang.tr(msg::card_holder()), p.surname, p.given_name));
            let cf_note = match (card_words::fiscal_code_note(lang, s), &s.fiscal_code) {
                // The reason it is not valid, which the window shows on hover.
                (Some(note), Some(Err(e))) => format!("{}: {}", noted(note), e.0),
                (Some(note), _) => noted(note),
                (None, _) => String::new(),
            };
            lines.push(format!("{}: {} {cf_note}", lang.tr(msg::card_fiscal_code()), p.fiscal_code));
            lines.push(format!("{}: {}", lang.tr(msg::card_born_on()), dmy(p.birth_date.date)));
        }
        None => lines.push(lang.tr(msg::card_holder_unreadable())),
    }
    let region =
        s.id.region().map(|r| format!(" – {}", crate::i18n::region_name(lang, &r))).unwrap_or_default();
    lines.push(format!("{}: {}{region}", lang.tr(msg::card_number()), s.id.formatted()));
    if let card::Location::Applet(a) = s.location {
        lines.push(format!("{}: {}", lang.tr(msg::card_type()), a.name));
    }
    let expiry = s.card_expiry();
    let expiry_note = match expiry {
        Some(e) => format!("{} {}", dmy(Some(e)), noted(card_words::card_expiry_note(lang, e, today))),
        None => lang.tr(msg::card_expiry_not_stated()),
    };
    lines.push(format!("{}: {expiry_note}", lang.tr(msg::card_expiry())));
    let certificate = lang.tr(msg::card_certificate());
    match &s.certificate {
        Ok(c) => {
            let when = dmy(Some(cns_core::italian_time::italian_date(c.not_after)));
            let note = noted(card_words::certificate_note(lang, c.not_after, expiry, today));
            lines.push(format!("{certificate}: {when} {note} ({} {} bit)", c.key.algorithm, c.key.bits));
        }
        Err(e) => lines.push(format!("{certificate}: ⚠ {}", e.0)),
    }
    if let Some(c) = &s.consistency {
        let bad = c.fiscal_code == Check::Mismatch
            || c.card_serial == Check::Mismatch
            || c.personal_data_hash == HashCheck::Mismatch;
        if bad {
            lines.push(format!("  ⚠ {}", lang.tr(msg::card_certificate_mismatch())));
        }
    }
    lines.push(secret_line(
        card_words::pin_state(lang, s.pin, s.puk),
        s.pin == PinState::Blocked && s.puk != PinState::Blocked,
    ));
    lines.push(secret_line(card_words::puk_state(lang, s.puk), false));
    lines
}

/// "✓ PIN attivo – Ti restano 3 tentativi": the window's headline and detail for the state; a
/// blocked PIN adds the command that unblocks it.
fn secret_line((tone, head, detail): (Tone, String, String), unblock: bool) -> String {
    let command = if unblock { " (cns-manager unblock)" } else { "" };
    if detail.is_empty() {
        format!("{}{head}", sign(tone))
    } else {
        format!("{}{head} – {detail}{command}", sign(tone))
    }
}

/// The status on one line, in the words of `status` (for `watch`): its lines, joined by "; ".
pub fn one_line(lang: Lang, s: &CardStatus, today: Date) -> String {
    human_lines(lang, s, today).iter().map(|l| l.trim()).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use super::*;
    use cns_sim::{HolderPreset, QuirkMode, SimCard, SimHandle};

    const TODAY: Date = time::macros::date!(2026 - 11 - 26);

    /// The simulated card (expiring 01/03/2031) with the given tries left (PIN of 3, PUK of 10).
    fn status(pin_tries: u8, puk_tries: u8) -> CardStatus {
        let mut card = SimCard::new(QuirkMode::Standard, HolderPreset::BianchiGiulia);
        card.set_pin_tries(pin_tries, 3);
        card.set_puk_tries(puk_tries, 10);
        card::read_status(&mut SimHandle::new(card).transport()).unwrap()
    }

    /// The line of `status` that starts with a state's headline.
    fn line_of(lines: &[String], headline: &str) -> String {
        let found = lines.iter().find(|l| l.contains(headline));
        found.cloned().unwrap_or_else(|| panic!("no line with {headline:?} in {lines:#?}"))
    }

    #[test]
    fn the_pin_and_puk_lines_say_what_the_window_says() {
        for lang in Lang::ALL {
            let s = status(3, 10);
            let lines = human_lines(lang, &s, TODAY);
            let (_, head, detail) = card_words::pin_state(lang, s.pin, s.puk);
            assert_eq!(line_of(&lines, &head), format!("✓ {head} – {detail}"));
            let (_, head, detail) = card_words::puk_state(lang, s.puk);
            assert_eq!(line_of(&lines, &head), format!("✓ {head} – {detail}"));
        }
        let lines = human_lines(Lang::It, &status(3, 10), TODAY);
        assert!(lines.contains(&"✓ PIN attivo – Ti restano 3 tentativi".to_owned()), "{lines:#?}");
        assert!(lines.contains(&"Scadenza tessera: 01/03/2031 ✓ valida".to_owned()), "{lines:#?}");
    }

    #[test]
    fn a_blocked_pin_points_to_unblock_only_while_the_puk_can() {
        let lines = human_lines(Lang::It, &status(0, 10), TODAY);
        let pin = line_of(&lines, "PIN bloccato");
        assert_eq!(pin, "✗ PIN bloccato – Sbloccalo con il PUK (cns-manager unblock)");
        let lines = human_lines(Lang::En, &status(0, 0), TODAY);
        let pin = line_of(&lines, "PIN blocked");
        assert!(pin.starts_with("✗ PIN blocked – ") && !pin.contains("cns-manager unblock"), "{pin}");
        assert_eq!(line_of(&lines, "PUK blocked"), "✗ PUK blocked – The card must be replaced");
    }

    #[test]
    fn the_last_try_is_a_warning_with_its_consequence() {
        let lines = human_lines(Lang::It, &status(1, 10), TODAY);
        let pin = line_of(&lines, "PIN: ti resta un solo tentativo");
        assert!(pin.starts_with("⚠ ") && pin.contains("il PIN si blocca"), "{pin}");
    }
}
