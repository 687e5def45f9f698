//! The support report: one plain-text file for the help desk with the doctor's results, the
//! versions, the readers, each card's ATR and profile and the redacted APDU trace of its status
//! read. No name, codice fiscale, birth data, address, card serial beyond its region digits,
//! certificate subject, PIN or PUK: the diagnosis never holds them (see [`super::CardInfo`] and
//! [`super::trace`]), and the user's home folder is shortened to `~`.

use std::path::Path;

use super::Diagnosis;
use crate::i18n::{Lang, msg};

/// The report's text.
pub fn render(d: &Diagnosis, lang: Lang) -> String {
    let mut s = String::new();
    let now = time::OffsetDateTime::now_utc();
    let when = now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    s.push_str(&format!("{}\n", lang.tr(msg::report_title())));
    s.push_str(&format!("{}: {when}\n", lang.tr(msg::report_created())));
    s.push_str(&format!("{}: {}\n", lang.tr(msg::report_system()), super::platform::os_name()));
    if d.demo {
        s.push_str(&format!("{}\n", lang.tr(msg::report_demo())));
    }
    s.push_str(&format!("\n== {} ==\n", lang.tr(msg::report_checks())));
    s.push_str(&super::to_text(d, lang));
    s.push_str(&format!("\n== {} ==\n", lang.tr(msg::readers_title())));
    if d.readers.is_empty() {
        s.push_str(&format!("{}\n", lang.tr(msg::report_no_readers())));
    }
    for r in &d.readers {
        let state = match (&r.atr, r.card_present) {
            (Some(atr), _) => format!("{}  ATR {atr}", lang.tr(msg::report_card_present())),
            (None, true) => lang.tr(msg::report_mute_card()),
            (None, false) => lang.tr(msg::report_empty()),
        };
        s.push_str(&format!("{}\t{state}\n", r.name));
    }
    s.push_str(&format!("\n== {} ==\n", lang.tr(msg::report_cards())));
    if d.cards.is_empty() {
        s.push_str(&format!("{}\n", lang.tr(msg::report_no_cards())));
    }
    for c in &d.cards {
        let yes_no = if c.readable { lang.tr(msg::report_yes()) } else { lang.tr(msg::report_no()) };
        s.push_str(&format!("{}: {}\n", lang.tr(msg::card_reader()), c.reader));
        s.push_str(&format!("ATR: {}\n", c.atr));
        s.push_str(&format!("{}: {}\n", lang.tr(msg::report_marker()), c.marker));
        s.push_str(&format!("{}: {}\n", lang.tr(msg::card_profile()), c.profile));
        if !c.generation.is_empty() {
            s.push_str(&format!("{}: {}\n", lang.tr(msg::report_generation()), c.generation));
        }
        s.push_str(&format!("{}: {yes_no}\n", lang.tr(msg::report_readable())));
        if let Some(digits) = &c.serial_region_digits {
            let region = c.region.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
            s.push_str(&format!("{}: {digits} **** **** ****{region}\n", lang.tr(msg::report_card_number())));
        }
        s.push_str(&format!("{}:\n", lang.tr(msg::report_apdu_trace())));
        for line in &c.trace {
            for l in line.lines() {
                s.push_str(&format!("  {l}\n"));
            }
        }
        s.push('\n');
    }
    s.push_str(&format!("== {} ==\n", lang.tr(msg::report_not_contained())));
    s.push_str(&format!("{}\n", lang.tr(msg::report_not_contained_list())));
    shorten_home(s)
}

/// The user's home folder (it may hold the user's name) becomes `~`: `HOME` (Linux, macOS),
/// and `USERPROFILE`, the Windows user folder (`C:\Users\<name>`; also set under Cygwin/MSYS
/// where both exist).
fn shorten_home(s: String) -> String {
    shorten_homes(s, &[std::env::var("HOME").ok(), std::env::var("USERPROFILE").ok()])
}

fn shorten_homes(mut s: String, homes: &[Option<String>]) -> String {
    let mut found: Vec<String> = Vec::new();
    for h in homes.iter().flatten() {
        let h = h.trim_end_matches(['/', '\\']);
        // A root ("/", "C:\") is no one's name, and replacing it would garble every path.
        if h.is_empty() || !h.contains(['/', '\\']) {
            continue;
        }
        found.push(h.to_owned());
        // Windows paths also travel with forward slashes (C:/Users/<name>).
        if h.contains('\\') {
            found.push(h.replace('\\', "/"));
        }
    }
    // The longest first: a home inside another one is replaced whole.
    found.sort_by_key(|h| std::cmp::Reverse(h.len()));
    for h in found {
        s = s.replace(&h, "~");
    }
    s
}

/// Writes the report to `path`.
pub fn write(d: &Diagnosis, lang: Lang, path: &Path) -> std::io::Result<()> {
    std::fs::write(path, render(d, lang))
}

#[cfg(test)]
mod tests {
    use super::shorten_homes;

    #[test]
    fn the_home_folder_becomes_a_tilde_on_every_system() {
        let text = "/home/mario.rossi/.mozilla/firefox/a.default and C:\\Users\\Mario Rossi\\AppData\\Roaming\\x \
                    and C:/Users/Mario Rossi/y and /opt/z";
        let out = shorten_homes(
            text.to_owned(),
            &[Some("/home/mario.rossi/".into()), Some("C:\\Users\\Mario Rossi".into())],
        );
        assert!(!out.contains("mario.rossi") && !out.contains("Mario Rossi"), "{out}");
        assert!(out.contains("~/.mozilla") && out.contains("~\\AppData") && out.contains("~/y"), "{out}");
        assert!(out.contains("/opt/z"), "{out}");
        // Only USERPROFILE set (Windows): still shortened.
        let out = shorten_homes("C:\\Users\\anna\\x".into(), &[None, Some("C:\\Users\\anna\\".into())]);
        assert_eq!(out, "~\\x");
        // A root is left alone.
        let out = shorten_homes("/etc/cns-manager C:\\x".into(), &[Some("/".into()), Some("C:\\".into())]);
        assert_eq!(out, "/etc/cns-manager C:\\x");
    }
}
