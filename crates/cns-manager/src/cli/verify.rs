//! `verify`: who signed a .p7m/.p7s, when, whether the document is intact, whether to trust the
//! signature; optionally extracts the document. Exit 0 all good, 8 a signature is shown broken
//! (content altered, signature not verifying, not a signed file), 9 no signature shown broken but
//! the file cannot be relied on: a certificate expired, revoked or not trusted, a revocation check
//! that was asked for could not be made, or a signature this tool cannot check (algorithm not
//! supported, certificate missing). 9, not a new code: scripts written against 0/8/9 keep working,
//! and 8 stays reserved for evidence of tampering.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::Args;
use serde_json::{Value, json};

use super::{Exit, Out};
use crate::i18n::{Lang, Message, msg};
use crate::ops;
use crate::ops::verify::VerifyError;
use crate::signature_words::{self as words, Headline, human_date, human_time};
use cns_cades::container::ContainerKind;
use cns_cades::verify::{CertValidity, Layer, Revocation, SignerReport, TrustStatus, Verdict};
use cns_cades::{CadesError, VerifyReport};

#[derive(Args, Debug, Clone)]
pub struct VerifyArgs {
    /// The signed file (.p7m or .p7s; DER or Base64), or a time-stamped bundle around one (.tsd, .m7m).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The original document, for a detached signature (.p7s). Default: FILE without ".p7s"
    /// (for a later signature "x (2).txt.p7s", x.txt when there is no "x (2).txt").
    #[arg(long, value_name = "ORIGINAL")]
    pub content: Option<PathBuf>,
    /// Save the signed document here (from a .p7m; nested envelopes are opened).
    #[arg(long, value_name = "OUT")]
    pub extract: Option<PathBuf>,
    /// Also trust this CA certificate (DER or PEM), besides the imported ones. Repeatable.
    #[arg(long = "ca", value_name = "CERT")]
    pub ca: Vec<PathBuf>,
    /// Check revocation against this CRL (DER or PEM).
    #[arg(long, value_name = "FILE", conflicts_with = "fetch_crl")]
    pub crl: Option<PathBuf>,
    /// Download the CRL from the certificate's distribution point (http://) to check revocation.
    #[arg(long)]
    pub fetch_crl: bool,
    #[arg(long)]
    pub json: bool,
}

const MAX_SMALL_FILE: u64 = 64 * 1024 * 1024;

fn read_small(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut v = Vec::new();
    std::fs::File::open(path)?.take(MAX_SMALL_FILE).read_to_end(&mut v)?;
    Ok(v)
}

pub fn run(args: &VerifyArgs, out: &Out) -> Exit {
    let lang = out.lang;
    let bad_input = |kind: &str, m: Message| out.fail(Exit::InvalidInput, kind, &lang.tr(m));
    if !args.file.is_file() {
        return bad_input("no_file", msg::verify_no_file(args.file.display().to_string()));
    }
    let mut extra = Vec::new();
    for ca in &args.ca {
        match crate::trusted_ca::read_cert_file(ca)
            .map_err(|e| e.to_string())
            .and_then(|b| crate::trusted_ca::certificates_in(&b))
        {
            Ok(certs) => extra.extend(certs),
            Err(e) => {
                return bad_input(
                    "bad_ca",
                    crate::i18n::Message::from(msg::VerifyCaUnreadable {
                        error: e.into(),
                        path: ca.display().to_string().into(),
                    }),
                );
            }
        }
    }
    let trust = crate::trusted_ca::store(&extra);
    let mut crls = Vec::new();
    if let Some(c) = &args.crl {
        match read_small(c) {
            Ok(b) => crls.push(b),
            Err(e) => {
                return bad_input(
                    "bad_crl",
                    crate::i18n::Message::from(msg::VerifyCrlUnreadable {
                        error: e.to_string().into(),
                        path: c.display().to_string().into(),
                    }),
                );
            }
        }
    }
    let fetch = |url: &str| cns_cades::http::get(url).map_err(|e| e.to_string());
    let check = ops::verify::Check {
        trust: &trust,
        crls,
        fetch_crl: if args.fetch_crl { Some(&fetch) } else { None },
        content: args.content.clone(),
    };
    let extract_in = args.extract.as_deref().map(ops::folder_of);
    let verified = match ops::verify::verify(&args.file, check, extract_in, |_| {}) {
        Ok(v) => v,
        Err(VerifyError::TempFile { dir, source }) => return io_fail(out, &dir, &source),
        Err(VerifyError::Check(e)) => return verify_error(out, &e),
        Err(VerifyError::Extract(e)) => return verify_error(out, &CadesError::Io(e)),
    };
    let report = verified.report;
    let mut extracted = None;
    if let (Some(t), Some(dest)) = (verified.extracted, &args.extract) {
        match t.persist(dest) {
            Ok(f) => extracted = Some((dest.clone(), f.metadata().map(|m| m.len()).unwrap_or(0))),
            Err(e) => return io_fail(out, dest, &e.error),
        }
    }
    let verdict = report.verdict();
    let code = match verdict {
        Verdict::Valid => Exit::Success,
        Verdict::NotTrusted | Verdict::Unverifiable => Exit::NotTrusted,
        Verdict::Invalid => Exit::SignatureInvalid,
    };
    if out.json {
        outln!("{}", to_json(&report, code, extracted.as_ref().map(|(p, _)| p.as_path())));
    } else {
        print_human(lang, &report, trust.is_empty());
        if let Some((p, n)) = extracted {
            outln!(
                "{}",
                lang.tr(msg::VerifyExtracted {
                    bytes: n.to_string().into(),
                    path: p.display().to_string().into()
                })
            );
        }
    }
    code
}

fn io_fail(out: &Out, path: &Path, e: &std::io::Error) -> Exit {
    out.fail(
        Exit::Other,
        "io",
        &out.lang
            .tr(msg::FileErrorOn { error: e.to_string().into(), path: path.display().to_string().into() }),
    )
}

fn verify_error(out: &Out, e: &CadesError) -> Exit {
    let lang = out.lang;
    match e {
        CadesError::DetachedContentMissing => {
            out.fail(Exit::InvalidInput, "content_missing", &lang.tr(msg::verify_detached_give_content()))
        }
        CadesError::Io(_) => out.fail(Exit::Other, "io", &words::file_error(e, lang)),
        other => out.fail(Exit::SignatureInvalid, "not_valid", &words::file_error(other, lang)),
    }
}

fn rfc3339(t: SystemTime) -> Option<String> {
    time::OffsetDateTime::from(t).format(&time::format_description::well_known::Rfc3339).ok()
}

fn verdict_str(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "valid",
        Verdict::NotTrusted => "not_trusted",
        Verdict::Unverifiable => "unverifiable",
        Verdict::Invalid => "invalid",
    }
}

fn signer_json(s: &SignerReport) -> Value {
    json!({
        "common_name": s.common_name, "given_name": s.given_name, "surname": s.surname,
        "fiscal_code": s.fiscal_code, "organization": s.organization, "subject": s.subject,
        "issuer": s.issuer, "issuer_cn": s.issuer_cn, "serial": s.serial_hex,
        "signing_time": s.signing_time.and_then(rfc3339),
        "not_before": s.not_before.and_then(rfc3339), "not_after": s.not_after.and_then(rfc3339),
        "digest_algorithm": s.digest_algorithm,
        "content_intact": s.content_intact, "signature_valid": s.signature_valid,
        "problem": (!s.problems.is_empty()).then(|| cns_cades::verify::joined(&s.problems)),
        "unverifiable": (!s.unverifiable.is_empty()).then(|| cns_cades::verify::joined(&s.unverifiable)),
        "signing_certificate": match s.signing_certificate_attr { Some(true) => "present", Some(false) => "mismatch", None => "absent" },
        "certificate": match s.cert_validity { CertValidity::Valid => "valid", CertValidity::Expired => "expired", CertValidity::NotYetValid => "not_yet_valid" },
        "trust": match &s.trust {
            TrustStatus::Trusted { anchor, anchor_sha256 } => {
                json!({ "status": "trusted", "anchor": anchor, "anchor_sha256": anchor_sha256 })
            }
            TrustStatus::NotTrusted => json!({ "status": "not_trusted" }),
            TrustStatus::ChainInvalid { at } => json!({ "status": "chain_invalid", "at": at }),
        },
        "revocation": match &s.revocation {
            Revocation::NotChecked => json!({ "status": "not_checked" }),
            Revocation::Good { crl_date, next_update } => json!({ "status": "good", "crl_date": rfc3339(*crl_date),
                "next_update": next_update.and_then(rfc3339) }),
            Revocation::Revoked { date } => json!({ "status": "revoked", "date": rfc3339(*date),
                "after_signing_time": s.revoked_after_signing(), "after_timestamp": s.revoked_after_timestamp() }),
            Revocation::Unavailable { reasons } => json!({ "status": "unavailable",
                "reason": cns_cades::verify::joined(reasons) }),
        },
        "qualified": crate::trusted_list::qualified_json(s),
        "timestamps": s.timestamps.iter().map(timestamp_json).collect::<Vec<_>>(),
        "vouched_time": s.vouched_time.and_then(rfc3339),
        "countersigners": s.countersigners.iter().map(signer_json).collect::<Vec<_>>(),
        "not_checked": s.not_checked,
        "verdict": verdict_str(s.verdict()),
    })
}

fn timestamp_json(t: &cns_cades::TimestampReport) -> Value {
    json!({
        "kind": match t.kind {
            cns_cades::TimestampKind::Signature => "signature",
            cns_cades::TimestampKind::Content => "content",
            cns_cades::TimestampKind::Document => "document",
        },
        "gen_time": t.gen_time.and_then(rfc3339), "tsa": t.tsa_name, "serial": t.serial_hex,
        "hash_algorithm": t.hash_algorithm, "imprint_ok": t.imprint_ok, "signature_ok": t.signature_ok,
        "tsa_usage_ok": t.tsa_usage_ok,
        "trust": match &t.trust {
            TrustStatus::Trusted { anchor, .. } => json!({ "status": "trusted", "anchor": anchor }),
            TrustStatus::NotTrusted => json!({ "status": "not_trusted" }),
            TrustStatus::ChainInvalid { at } => json!({ "status": "chain_invalid", "at": at }),
        },
        "problem": (!t.findings.is_empty()).then(|| cns_cades::verify::joined(&t.findings)),
        "verdict": verdict_str(t.verdict()),
    })
}

fn to_json(r: &VerifyReport, code: Exit, extracted: Option<&Path>) -> Value {
    let layers: Vec<Value> = r
        .layers
        .iter()
        .map(|l: &Layer| {
            json!({ "detached": l.detached, "content_bytes": l.content_len,
                    "signers": l.signers.iter().map(signer_json).collect::<Vec<_>>(),
                    "unchecked_signers": l.unchecked_signers })
        })
        .collect();
    let container = r.container.as_ref().map(|c| {
        json!({ "kind": match c.kind { ContainerKind::Tsd => "tsd", ContainerKind::M7m => "m7m" },
                "file_name": c.file_name, "inner_signed": c.inner_signed,
                "timestamps": c.timestamps.iter().map(timestamp_json).collect::<Vec<_>>() })
    });
    json!({ "operation": "verify", "result": verdict_str(r.verdict()), "layers": layers, "container": container,
            "signers": r.signers().count(), "extracted": extracted.map(|p| p.display().to_string()),
            "exit_code": code as u8 })
}

fn print_human(lang: Lang, r: &VerifyReport, no_trusted_ca: bool) {
    if let Some(c) = &r.container {
        let kind = match c.kind {
            ContainerKind::Tsd => ".tsd",
            ContainerKind::M7m => ".m7m",
        };
        outln!("{}", lang.tr(msg::verify_timestamped_file(kind)));
        for t in &c.timestamps {
            outln!("  {}", words::timestamp_line(t, lang));
        }
        if !c.inner_signed {
            outln!("  {}", words::container_inner_not_signed(lang));
        }
    }
    let total = r.signers().count();
    let mut i = 0;
    for (depth, layer) in r.layers.iter().enumerate() {
        if r.layers.len() > 1 {
            let (n, of) = ((depth + 1).to_string(), r.layers.len().to_string());
            outln!("{}", lang.tr(msg::EnvelopeOf { n: n.into(), total: of.into() }));
        }
        for s in &layer.signers {
            i += 1;
            outln!(
                "{}",
                lang.tr(msg::SignatureOf { n: i.to_string().into(), total: total.to_string().into() })
            );
            print_signer(lang, s, no_trusted_ca);
        }
        if layer.unchecked_signers > 0 {
            let max = cns_cades::verify::MAX_SIGNERS.to_string();
            outln!(
                "{}",
                lang.tr(msg::UncheckedSigners { max: max.into(), n: layer.unchecked_signers.into() })
            );
        }
    }
    outln!("{}", result_words(lang, r));
}

/// One signer's lines, "Label: value", under "Firma i di n".
fn print_signer(lang: Lang, s: &SignerReport, no_trusted_ca: bool) {
    let label = |m: Message| lang.tr(m);
    outln!("  {}: {}", label(msg::label_signer()), words::signer_name(s, lang));
    match s.signing_time {
        Some(t) => outln!(
            "  {}: {} {}",
            label(msg::signed_on()),
            human_time(t),
            lang.tr(msg::signing_time_as_stated())
        ),
        None => outln!("  {}", lang.tr(msg::signing_time_not_stated())),
    }
    for t in &s.timestamps {
        outln!("  {}", words::timestamp_line(t, lang));
    }
    let doc = lang.tr(if !s.unverifiable.is_empty() {
        msg::document_not_confirmed()
    } else if s.content_intact {
        msg::document_intact()
    } else {
        msg::document_altered()
    });
    outln!("  {}: {doc}", label(msg::label_document()));
    let sig = if !s.unverifiable.is_empty() {
        lang.tr(msg::signature_unverifiable(words::findings(&s.unverifiable, lang)))
    } else if s.signature_valid {
        format!("✓ {}", words::verdict_words(Verdict::Valid, lang))
    } else {
        format!("✗ {}", words::verdict_words(Verdict::Invalid, lang))
    };
    outln!("  {}: {sig}", label(msg::label_signature()));
    if !s.problems.is_empty() && s.problems != s.unverifiable {
        outln!("  {}: {}", label(msg::label_details()), words::findings(&s.problems, lang));
    }
    let until = s.not_after.map(human_date).unwrap_or_default();
    let cert = lang.tr(match s.cert_validity {
        CertValidity::Valid => msg::certificate_valid_until(until),
        CertValidity::Expired => msg::certificate_expired_on(until),
        CertValidity::NotYetValid => msg::certificate_not_yet_valid(),
    });
    outln!("  {}: {cert}", label(msg::card_certificate()));
    let issuer = s.issuer_cn.clone().unwrap_or_default();
    let trust = lang.tr(match &s.trust {
        TrustStatus::Trusted { .. } => msg::trust_trusted(),
        TrustStatus::NotTrusted if no_trusted_ca => msg::trust_none_imported(),
        TrustStatus::NotTrusted => msg::trust_not_trusted(),
        TrustStatus::ChainInvalid { at } => msg::trust_chain_invalid(at.clone()),
    });
    outln!("  {}: {issuer} – {trust}", label(msg::label_issued_by()));
    crate::trusted_list::qualified_line(lang, s).into_iter().for_each(|l| outln!("  {l}"));
    let rev = match &s.revocation {
        Revocation::NotChecked => lang.tr(msg::revocation_not_checked_use_crl()),
        Revocation::Good { crl_date, .. } => lang.tr(msg::revocation_good(human_date(*crl_date))),
        Revocation::Revoked { .. } => match words::revoked(s, lang) {
            Some((stands, w)) => format!("{} {w}", if stands { "⚠" } else { "✗" }),
            None => String::new(),
        },
        Revocation::Unavailable { reasons } => {
            lang.tr(msg::revocation_unavailable(words::revocation_gaps(reasons, lang)))
        }
    };
    outln!("  {}: {rev}", label(msg::label_revocation()));
    for c in &s.countersigners {
        let v = c.verdict();
        let mark = match v {
            Verdict::Valid => "✓",
            Verdict::NotTrusted => "⚠",
            Verdict::Unverifiable => "?",
            Verdict::Invalid => "✗",
        };
        let state = format!("{mark} {}", words::verdict_words(v, lang));
        outln!("  {}: {} – {state}", label(msg::label_countersignature()), words::signer_name(c, lang));
        if !c.problems.is_empty() {
            outln!("    {}: {}", label(msg::label_details()), words::findings(&c.problems, lang));
        }
    }
    if !s.not_checked.is_empty() {
        outln!("  {}: {}", label(msg::read_not_checked()), s.not_checked.join(", "));
    }
}

/// The last line: the verdict on the whole file.
fn result_words(lang: Lang, r: &VerifyReport) -> String {
    let h = words::headline(r);
    if matches!(h, Headline::TimestampedDocument | Headline::BundleAltered) {
        let mark = if h == Headline::TimestampedDocument { "✓" } else { "✗" };
        return lang.tr(msg::ResultHeadline {
            headline: (words::headline_words(h, lang)).into(),
            mark: mark.into(),
        });
    }
    lang.tr(match r.verdict() {
        Verdict::Valid => msg::result_valid(),
        Verdict::NotTrusted => msg::result_not_trusted(not_trusted_reasons(r, lang).join("; ")),
        Verdict::Unverifiable => msg::result_unverifiable(),
        Verdict::Invalid => msg::result_invalid(),
    })
}

/// Why signatures that are intact cannot be relied on, once each.
fn not_trusted_reasons(r: &VerifyReport, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |m: Message| {
        let t = lang.tr(m);
        if !out.contains(&t) {
            out.push(t);
        }
    };
    if r.container.as_ref().is_some_and(|c| c.timestamps.iter().any(|t| t.verdict() != Verdict::Valid)) {
        add(msg::reason_timestamp_not_valid());
    }
    for s in words::all_signers(r) {
        if s.timestamps.iter().any(|t| t.verdict() != Verdict::Valid) {
            add(msg::reason_timestamp_not_valid());
        }
        match s.cert_validity {
            CertValidity::Valid => {}
            CertValidity::Expired => add(msg::reason_certificate_expired()),
            CertValidity::NotYetValid => add(msg::reason_certificate_not_yet_valid()),
        }
        match s.trust {
            TrustStatus::Trusted { .. } => {}
            TrustStatus::NotTrusted => add(msg::reason_authority_not_trusted()),
            TrustStatus::ChainInvalid { .. } => add(msg::reason_chain_not_valid()),
        }
        match (&s.revocation, s.revoked_after_signing()) {
            (Revocation::Revoked { .. }, _) if s.revoked_after_timestamp() => {}
            (Revocation::Revoked { .. }, Some(true)) => add(msg::reason_revoked_after_stated_time()),
            (Revocation::Revoked { .. }, _) => add(msg::reason_revoked()),
            (Revocation::Unavailable { .. }, _) => add(msg::reason_revocation_unknown()),
            _ => {}
        }
    }
    out
}
