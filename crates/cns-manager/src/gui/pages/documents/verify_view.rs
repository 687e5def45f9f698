//! The check's result: the verdict, each signer's facts, the trust section when an authority is
//! missing, and the document inside.

use cns_cades::VerifyReport;
use cns_cades::verify::{CertValidity, Revocation, SignerReport, TrustStatus, Verdict};
use egui::{RichText, Ui};

use super::flow::{Choosing, DocFlow, Phase};
use super::view::path_field;
use super::{DocAction, trust};
use crate::gui::page::Ctx;
use crate::gui::widgets::{banner, live_banner, primary_button, secondary_button};
use crate::gui::words::Tone;
use crate::i18n::{Lang, Message, msg};
use crate::signature_words as sig;

/// The result of a check, what can be trusted to change it, and what can be done with the file.
pub(super) fn verified(
    ui: &mut Ui,
    ctx: &Ctx,
    flow: &mut DocFlow,
    another: &str,
    asked: &mut Vec<DocAction>,
) {
    let lang = ctx.lang;
    let Phase::Verified { report, .. } = &flow.phase else { return };
    report_view(ui, lang, report);
    if let Some(doc) = &flow.detached_document
        && report.layers.first().is_some_and(|l| l.detached)
    {
        let name = doc.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        ui.add_space(4.0);
        ui.label(lang.tr(msg::docs_detached_checked(name)));
    }
    trust_section(ui, ctx, flow, asked);
    ui.add_space(10.0);
    let Phase::Verified { extracted, saved, .. } = &flow.phase else { return };
    if let Some(p) = saved {
        banner(ui, Tone::Good, &lang.tr(msg::docs_extracted_to(p.display().to_string())));
    }
    ui.horizontal_wrapped(|ui| {
        if extracted.is_some() && primary_button(ui, &lang.tr(msg::docs_extract())).clicked() {
            asked.push(DocAction::Extract);
        }
        let dir = saved.as_ref().or(flow.file.as_ref().map(|(p, _)| p)).and_then(|p| p.parent());
        if let Some(dir) = dir
            && secondary_button(ui, &lang.tr(msg::docs_open_folder())).clicked()
        {
            asked.push(DocAction::OpenFolder(dir.to_path_buf()));
        }
        if secondary_button(ui, another).clicked() {
            asked.push(DocAction::Another);
        }
    });
}

/// The last trusted list import's summary, and, where an authority is all that is missing, how
/// to trust it. At a shared counter the window trusts nothing new: that is the installer's
/// system-wide folder, not one citizen's click.
fn trust_section(ui: &mut Ui, ctx: &Ctx, flow: &mut DocFlow, asked: &mut Vec<DocAction>) {
    let lang = ctx.lang;
    let Phase::Verified { report, .. } = &flow.phase else { return };
    let issuers = trust::untrusted_issuers(report);
    trust::tsl_note(ui, flow.tsl_note.as_ref());
    if flow.tsl_import.is_some() {
        ui.add_space(6.0);
        ui.label(lang.tr(msg::docs_tsl_checking()));
    }
    if !ctx.counter && !issuers.is_empty() {
        trust::view(ui, lang, &flow.trust, &issuers, asked);
        if matches!(flow.choosing, Choosing::Authority | Choosing::Tsl) {
            path_field(ui, lang, &mut flow.path_field, &mut flow.focus_path, asked);
        }
    }
}

/// The verdict, the time-stamped bundle around the signatures, and each signer.
fn report_view(ui: &mut Ui, lang: Lang, r: &VerifyReport) {
    use sig::{Headline, headline, headline_words};
    let h = headline(r);
    let tone = match h {
        Headline::Valid | Headline::TimestampedDocument => Tone::Good,
        Headline::Altered | Headline::BundleAltered | Headline::Revoked => Tone::Bad,
        _ => Tone::Attention,
    };
    live_banner(ui, tone, &headline_words(h, lang));
    if let Some(c) = &r.container {
        ui.add_space(8.0);
        ui.label(RichText::new(lang.tr(msg::docs_timestamped_file())).strong());
        for t in &c.timestamps {
            ui.label(window_marks(&sig::timestamp_line(t, lang)));
        }
        if !c.inner_signed {
            ui.label(sig::container_inner_not_signed(lang));
        }
    }
    for s in r.signers() {
        ui.add_space(8.0);
        signer_view(ui, lang, s);
    }
}

/// One signer: who, when, then one line per fact with the window's symbol in front.
fn signer_view(ui: &mut Ui, lang: Lang, s: &SignerReport) {
    ui.label(RichText::new(sig::sentence(&sig::signer_name(s, lang))).strong());
    if let Some(t) = s.signing_time {
        ui.label(format!("{} {}", lang.tr(msg::signed_on()), sig::human_time(t)));
    }
    for t in &s.timestamps {
        ui.label(window_marks(&sig::timestamp_line(t, lang)));
    }
    ui.label(if !s.unverifiable.is_empty() {
        fact(lang, false, msg::docs_signature_unverifiable(sig::findings(&s.unverifiable, lang)))
    } else if s.content_intact && s.signature_valid {
        fact(lang, true, msg::docs_intact_and_valid())
    } else {
        fact(lang, false, msg::docs_altered_or_invalid())
    });
    ui.label(match s.cert_validity {
        CertValidity::Valid => fact(lang, true, msg::docs_certificate_valid()),
        _ => fact(lang, false, msg::docs_certificate_not_valid()),
    });
    let issuer = s.issuer_cn.clone().unwrap_or_default();
    ui.label(match &s.trust {
        TrustStatus::Trusted { .. } => fact(lang, true, msg::docs_issued_by_trusted(issuer)),
        TrustStatus::ChainInvalid { at } => fact(
            lang,
            false,
            Message::from(msg::DocsIssuedByChainInvalid { at: at.clone().into(), issuer: issuer.into() }),
        ),
        TrustStatus::NotTrusted => fact(lang, false, msg::docs_issued_by_not_trusted(issuer)),
    });
    if let Some(l) = crate::trusted_list::qualified_line(lang, s) {
        ui.label(format!("✔ {l}"));
    }
    revocation_line(ui, lang, s);
    for c in &s.countersigners {
        let who = sig::signer_name(c, lang);
        let v = c.verdict();
        let state = match v {
            Verdict::Valid => format!("✔ {}", sig::verdict_words(v, lang)),
            Verdict::Invalid => format!("⛔ {}", sig::verdict_words(v, lang)),
            _ => sig::verdict_words(v, lang),
        };
        ui.label(lang.tr(msg::DocsCountersignature { state: state.into(), who: who.into() }));
    }
    if !s.not_checked.is_empty() {
        ui.label(
            RichText::new(format!("{}: {}", lang.tr(msg::read_not_checked()), s.not_checked.join(", ")))
                .weak(),
        );
    }
}

/// Whether the signer's certificate was revoked, as far as could be learned.
fn revocation_line(ui: &mut Ui, lang: Lang, s: &SignerReport) {
    match &s.revocation {
        Revocation::Revoked { .. } => {
            if let Some((stands, w)) = sig::revoked(s, lang) {
                ui.label(format!("{} {}", if stands { "✔" } else { "⛔" }, sig::sentence(&w)));
            }
        }
        Revocation::Unavailable { reasons } => {
            let reason = sig::revocation_gaps(reasons, lang);
            ui.label(fact(lang, false, msg::docs_revocation_unavailable(reason)));
        }
        Revocation::Good { .. } => {
            ui.label(fact(lang, true, msg::docs_not_revoked()));
        }
        Revocation::NotChecked => {
            ui.label(RichText::new(lang.tr(msg::docs_revocation_not_checked())).weak());
        }
    }
}

/// One fact of a signer, the window's symbol in front.
fn fact(lang: Lang, ok: bool, m: impl Into<Message>) -> String {
    format!("{} {}", if ok { "✔" } else { "⛔" }, lang.tr(m))
}

/// The shared report lines in the window's glyphs: egui's bundled fonts have no ✓ (U+2713) or
/// ✗ (U+2717), which a terminal shows; the window's state icons are ✔ and ⛔ (emoji font).
fn window_marks(line: &str) -> String {
    line.replace('✓', "✔").replace('✗', "⛔")
}
