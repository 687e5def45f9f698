//! "Fidati di questa autorità": on a verification result whose only fault is an issuer the user
//! does not trust yet, the window takes the authority's certificate (chosen or dropped), shows
//! its name and SHA-256 fingerprint, and only on an explicit confirmation adds it to the same
//! folder as `cns-manager ca import`; the document is then checked again.
//!
//! Or the user imports a trusted list (AgID's TSL, "Importa l'elenco di fiducia (TSL)…"): every
//! qualified CA in it becomes trusted once the list's signature is checked against its pinned
//! signer ([`crate::trusted_list`]), and the document is checked again.
//!
//! The certificate never comes from the signed file itself: a forger can put any authority in
//! a file. It comes from the user, who is asked to compare its fingerprint with the one the
//! authority publishes.

use std::path::Path;

use cns_cades::VerifyReport;
use cns_cades::verify::{TrustStatus, Verdict};
use egui::{RichText, Ui};

use super::DocAction;
use super::flow::DocFlow;
use crate::gui::widgets::{banner, primary_button, secondary_button};
use crate::gui::words::Tone;
use crate::i18n::{Lang, msg};
use crate::service::{Background, Wake};

/// An authority's certificate the user chose, not trusted yet.
pub(crate) struct Candidate {
    /// Its common name.
    pub name: String,
    pub sha256: String,
    pub der: Vec<u8>,
}

#[derive(Default)]
pub(crate) enum TrustStep {
    #[default]
    Idle,
    /// Waiting for the user's "yes".
    Offer(Candidate),
    /// The chosen file was refused (why, in words).
    Refused(String),
}

impl DocFlow {
    /// A trusted list file chosen or dropped: imported on a thread of its own, one at a time.
    pub(super) fn start_tsl_import(&mut self, p: std::path::PathBuf, lang: Lang, wake: Wake) {
        if self.tsl_import.is_some() {
            return;
        }
        match Background::spawn("cns-tsl-import", wake, move || import_tsl(&p, lang)) {
            Ok(job) => self.tsl_import = Some(job),
            Err(e) => self.trust = TrustStep::Refused(e.to_string()),
        }
    }

    /// The import's answer: the document checked again with the list's authorities, the
    /// import's summary kept above; or why nothing was trusted.
    pub(super) fn tsl_imported(&mut self, done: Result<(String, bool), String>, lang: Lang, wake: Wake) {
        match done {
            Ok(note) => {
                self.tsl_note = Some(note);
                self.start_verify(lang, wake);
            }
            Err(why) => self.trust = TrustStep::Refused(why),
        }
    }

    /// "Sì, fidati": the authority joins the trusted folder, and the document is checked again
    /// against the store that now holds it: the verdict shown is the one any later check
    /// (window or `verify`) will give.
    pub(super) fn trust_confirmed(&mut self, lang: Lang, wake: Wake) {
        let TrustStep::Offer(c) = std::mem::take(&mut self.trust) else { return };
        match crate::trusted_ca::import(&c.der) {
            Ok(_) => self.start_verify(lang, wake),
            Err(e) => {
                self.trust = TrustStep::Refused(lang.tr(msg::docs_authority_not_added(e.words(lang))));
            }
        }
    }
}

/// The issuers (common names) of the signatures that are intact but issued by an authority not
/// trusted; empty when trusting one would not change the verdict's cause (an altered document,
/// a signature that cannot be checked).
pub(crate) fn untrusted_issuers(r: &VerifyReport) -> Vec<String> {
    if r.verdict() != Verdict::NotTrusted {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for s in r.signers().filter(|s| s.trust == TrustStatus::NotTrusted) {
        let cn = s.issuer_cn.clone().unwrap_or_default();
        if !out.contains(&cn) {
            out.push(cn);
        }
    }
    out
}

/// The certificate in `path` that issued one of the untrusted signatures, or why not.
pub(crate) fn candidate(path: &Path, r: &VerifyReport, lang: Lang) -> Result<Candidate, String> {
    let shown = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = crate::trusted_ca::read_cert_file(path).map_err(|e| {
        lang.tr(msg::TrustFileUnreadable { error: e.to_string().into(), name: shown.clone().into() })
    })?;
    let not_a_cert = || lang.tr(msg::trust_not_a_certificate(shown.clone()));
    let ders = crate::trusted_ca::certificates_in(&bytes).map_err(|_| not_a_cert())?;
    let wanted: Vec<&str> = r
        .signers()
        .filter(|s| s.trust == TrustStatus::NotTrusted)
        .filter_map(|s| s.issuer.as_deref())
        .collect();
    let mut seen = None;
    for der in ders {
        let Some(cert) = cns_cades::trust::parse_certificates(&der).ok().and_then(|c| c.into_iter().next())
        else {
            continue;
        };
        let subject = cert.tbs_certificate().subject();
        let name = cns_cades::trust::name_cn(subject);
        if !wanted.contains(&subject.to_string().as_str()) {
            seen = Some(name);
            continue;
        }
        if !matches!(crate::trusted_ca::describe(&der), Ok((_, _, true))) {
            return Err(lang.tr(msg::trust_not_a_ca(name)));
        }
        let sha256 = crate::trusted_ca::sha256_hex(&der);
        return Ok(Candidate { name, sha256, der });
    }
    let issuers = untrusted_issuers(r).join(", ");
    Err(match seen {
        Some(name) => lang.tr(msg::TrustOtherIssuer { issuers: issuers.into(), name: name.into() }),
        None => not_a_cert(),
    })
}

/// Imports the trusted list in `path`: what it trusted, in words (with the warning of a list past
/// its next update, then true), or why nothing was.
pub(crate) fn import_tsl(path: &Path, lang: Lang) -> Result<(String, bool), String> {
    use std::io::Read;
    let shown = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut xml = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(cns_tsl::MAX_TSL_BYTES as u64 + 1).read_to_end(&mut xml))
        .map_err(|e| {
        lang.tr(msg::TrustFileUnreadable { error: e.to_string().into(), name: shown.clone().into() })
    })?;
    match crate::trusted_list::import(&xml, None) {
        Ok(index) => {
            let words = crate::trusted_list::import_words(lang, &index);
            Ok(match crate::trusted_list::stale_words(lang, &index) {
                Some(w) => (format!("{words}\n{w}"), true),
                None => (words, false),
            })
        }
        Err(e) => Err(crate::trusted_list::import_error_words(lang, &e)),
    }
}

/// The last trusted list import's summary, above the result it led to.
pub(crate) fn tsl_note(ui: &mut Ui, note: Option<&(String, bool)>) {
    if let Some((words, stale)) = note {
        ui.add_space(6.0);
        banner(ui, if *stale { Tone::Attention } else { Tone::Good }, words);
    }
}

/// `ab12…` → `AB:12:…`, as certificate viewers and authorities' web pages show fingerprints.
fn fingerprint(hex: &str) -> String {
    hex.as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8_lossy(p).to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(":")
}

/// The section under the result: the offer to trust, the question with the fingerprint, or why
/// the chosen file was refused.
pub(crate) fn view(
    ui: &mut Ui,
    lang: Lang,
    step: &TrustStep,
    issuers: &[String],
    actions: &mut Vec<DocAction>,
) {
    ui.add_space(10.0);
    match step {
        TrustStep::Offer(c) => {
            ui.label(RichText::new(lang.tr(msg::trust_question())).strong());
            ui.label(lang.tr(msg::trust_authority(c.name.clone())));
            ui.label(lang.tr(msg::trust_fingerprint()));
            ui.label(RichText::new(fingerprint(&c.sha256)).monospace());
            ui.label(RichText::new(lang.tr(msg::trust_compare_fingerprint())).weak());
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                if secondary_button(ui, &lang.tr(msg::docs_cancel())).clicked() {
                    actions.push(DocAction::TrustCancel);
                }
                if primary_button(ui, &lang.tr(msg::trust_confirm())).clicked() {
                    actions.push(DocAction::TrustConfirm);
                }
            });
        }
        TrustStep::Idle | TrustStep::Refused(_) => {
            if let TrustStep::Refused(why) = step {
                banner(ui, Tone::Bad, why);
                ui.add_space(6.0);
            }
            let who = issuers.join(", ");
            ui.label(lang.tr(msg::trust_need_certificate(who)));
            if secondary_button(ui, &lang.tr(msg::trust_choose_certificate())).clicked() {
                actions.push(DocAction::PickAuthority);
            }
            ui.add_space(6.0);
            ui.label(lang.tr(msg::trust_agid_list(crate::trusted_list::AGID_URL)));
            if secondary_button(ui, &lang.tr(msg::trust_import_tsl())).clicked() {
                actions.push(DocAction::PickTsl);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fingerprints_are_shown_in_colon_separated_pairs() {
        assert_eq!(super::fingerprint("ab12cd"), "AB:12:CD");
    }
}
