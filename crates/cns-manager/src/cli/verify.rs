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
use crate::i18n::Lang;
use crate::signature_words::{self as words, Headline, human_date, human_time};
use cns_cades::container::ContainerKind;
use cns_cades::verify::{CertValidity, Layer, Revocation, SignerReport, TrustStatus, Verdict, VerifyOptions};
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
    let bad_input = |kind: &str, it: String, en: String| out.fail(Exit::InvalidInput, kind, &lang.s(it, en));
    if !args.file.is_file() {
        let p = args.file.display();
        return bad_input("no_file", format!("Il file {p} non esiste."), format!("{p} does not exist."));
    }
    let mut extra = Vec::new();
    for ca in &args.ca {
        match crate::trusted_ca::read_cert_file(ca)
            .map_err(|e| e.to_string())
            .and_then(|b| crate::trusted_ca::certificates_in(&b))
        {
            Ok(certs) => extra.extend(certs),
            Err(e) => {
                let p = ca.display();
                return bad_input(
                    "bad_ca",
                    format!("Certificato CA {p} non leggibile: {e}"),
                    format!("CA certificate {p} cannot be read: {e}"),
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
                let p = c.display();
                return bad_input(
                    "bad_crl",
                    format!("CRL {p} non leggibile: {e}"),
                    format!("CRL {p} cannot be read: {e}"),
                );
            }
        }
    }
    let content = args.content.clone().or_else(|| crate::signed_files::detached_document(&args.file));
    let fetch = |url: &str| cns_cades::http::get(url).map_err(|e| e.to_string());
    let mut tmp = match &args.extract {
        Some(dest) => {
            let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            match tempfile::Builder::new().prefix(".cns-extract-").tempfile_in(dir) {
                Ok(t) => Some(t),
                Err(e) => return io_fail(out, dir, &e),
            }
        }
        None => None,
    };
    let result = {
        let mut writer =
            tmp.as_mut().map(|t| std::io::BufWriter::with_capacity(cns_cades::CHUNK, t.as_file_mut()));
        let options = VerifyOptions {
            trust: &trust,
            crls,
            fetch_crl: if args.fetch_crl { Some(&fetch) } else { None },
            detached_content: content,
            extract_to: writer.as_mut().map(|w| w as &mut dyn std::io::Write),
            progress: None,
        };
        let r = cns_cades::verify(&args.file, options);
        let flushed = writer.map(|mut w| std::io::Write::flush(&mut w)).transpose();
        match (r, flushed) {
            (Ok(r), Ok(_)) => Ok(r),
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => Err(CadesError::Io(e)),
        }
    };
    let report = match result {
        Ok(r) => r,
        Err(e) => return verify_error(out, &e),
    };
    let mut extracted = None;
    if let (Some(t), Some(dest)) = (tmp, &args.extract) {
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
                lang.s(
                    format!("Documento estratto in {} ({n} byte).", p.display()),
                    format!("Document extracted to {} ({n} bytes).", p.display())
                )
            );
        }
    }
    code
}

fn io_fail(out: &Out, path: &Path, e: &std::io::Error) -> Exit {
    let p = path.display();
    out.fail(Exit::Other, "io", &out.lang.s(format!("Errore su {p}: {e}"), format!("Error on {p}: {e}")))
}

fn verify_error(out: &Out, e: &CadesError) -> Exit {
    let lang = out.lang;
    match e {
        CadesError::DetachedContentMissing => out.fail(
            Exit::InvalidInput,
            "content_missing",
            lang.t(
                "È una firma separata (.p7s): indica il documento originale con --content FILE.",
                "This is a detached signature (.p7s): give the original document with --content FILE.",
            ),
        ),
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

fn who(s: &SignerReport, lang: Lang) -> String {
    let name = match (&s.given_name, &s.surname) {
        (Some(g), Some(f)) => Some(format!("{f} {g}")),
        _ => s.common_name.clone().filter(|cn| s.fiscal_code.as_deref() != cn.split('/').next()),
    };
    match (name, &s.fiscal_code) {
        (Some(n), Some(cf)) => format!("{n} – {} {cf}", lang.t("codice fiscale", "fiscal code")),
        (None, Some(cf)) => format!("{} {cf}", lang.t("codice fiscale", "fiscal code")),
        (Some(n), None) => n,
        (None, None) => s.subject.clone().unwrap_or_else(|| lang.t("sconosciuto", "unknown").to_owned()),
    }
}

fn print_human(lang: Lang, r: &VerifyReport, no_trusted_ca: bool) {
    if let Some(c) = &r.container {
        let kind = match c.kind {
            ContainerKind::Tsd => ".tsd",
            ContainerKind::M7m => ".m7m",
        };
        outln!(
            "{}",
            lang.s(format!("File con marca temporale ({kind}):"), format!("Timestamped file ({kind}):"))
        );
        for t in &c.timestamps {
            outln!("  {}", words::timestamp_line(t, lang));
        }
        if !c.inner_signed {
            outln!(
                "  {}",
                lang.t(
                    "Il documento contenuto non è firmato: la marca ne attesta solo l'esistenza a quella data.",
                    "The document inside is not signed: the timestamp only shows it existed at that time.",
                )
            );
        }
    }
    let total = r.signers().count();
    let mut i = 0;
    for (depth, layer) in r.layers.iter().enumerate() {
        if r.layers.len() > 1 {
            outln!(
                "{}",
                lang.s(
                    format!("Busta {} di {}:", depth + 1, r.layers.len()),
                    format!("Envelope {} of {}:", depth + 1, r.layers.len())
                )
            );
        }
        for s in &layer.signers {
            i += 1;
            outln!("{}", lang.s(format!("Firma {i} di {total}"), format!("Signature {i} of {total}")));
            outln!("  {}: {}", lang.t("Firmatario", "Signer"), who(s, lang));
            match s.signing_time {
                Some(t) => outln!(
                    "  {}: {} {}",
                    lang.t("Firmato il", "Signed on"),
                    human_time(t),
                    lang.t(
                        "(ora italiana, dichiarata dal firmatario)",
                        "(Italian time, as stated by the signer)"
                    )
                ),
                None => {
                    outln!("  {}", lang.t("Data della firma: non indicata", "Signing time: not stated"))
                }
            }
            for t in &s.timestamps {
                outln!("  {}", words::timestamp_line(t, lang));
            }
            let doc = if !s.unverifiable.is_empty() {
                lang.t(
                    "? non confermato: la firma non può essere controllata",
                    "? not confirmed: the signature cannot be checked",
                )
            } else if s.content_intact {
                lang.t("✓ integro, non modificato dopo la firma", "✓ intact, not changed after signing")
            } else {
                lang.t(
                    "✗ NON corrisponde alla firma (modificato o danneggiato)",
                    "✗ does NOT match the signature (changed or damaged)",
                )
            };
            outln!("  {}: {doc}", lang.t("Documento", "Document"));
            let sig = if !s.unverifiable.is_empty() {
                let why = words::findings(&s.unverifiable, lang);
                lang.s(
                    format!("? NON VERIFICABILE con questo programma ({why}): non risulta alterata, ma non è confermata"),
                    format!("? CANNOT BE CHECKED by this program ({why}): not shown altered, but not confirmed"),
                )
            } else if s.signature_valid {
                lang.t("✓ valida", "✓ valid").to_owned()
            } else {
                lang.t("✗ NON valida", "✗ NOT valid").to_owned()
            };
            outln!("  {}: {sig}", lang.t("Firma", "Signature"));
            if !s.problems.is_empty() && s.problems != s.unverifiable {
                outln!("  {}: {}", lang.t("Dettagli", "Details"), words::findings(&s.problems, lang));
            }
            let until = s.not_after.map(human_date).unwrap_or_default();
            let cert = match s.cert_validity {
                CertValidity::Valid => lang.s(
                    format!("✓ valido alla data della firma (scade il {until})"),
                    format!("✓ valid at signing time (expires {until})"),
                ),
                CertValidity::Expired => lang.s(
                    format!("✗ SCADUTO alla data della firma (scaduto il {until})"),
                    format!("✗ EXPIRED at signing time (expired {until})"),
                ),
                CertValidity::NotYetValid => lang.s(
                    "✗ non ancora valido alla data della firma".into(),
                    "✗ not yet valid at signing time".into(),
                ),
            };
            outln!("  {}: {cert}", lang.t("Certificato", "Certificate"));
            let issuer = s.issuer_cn.clone().unwrap_or_default();
            let trust = match &s.trust {
                TrustStatus::Trusted { .. } => lang.t("✓ autorità fidata", "✓ trusted authority").to_owned(),
                TrustStatus::NotTrusted if no_trusted_ca => lang
                    .t(
                        "⚠ non verificato: nessuna autorità importata (cns-manager ca import CERT, o --ca CERT)",
                        "⚠ not checked: no authority imported (cns-manager ca import CERT, or --ca CERT)",
                    )
                    .to_owned(),
                TrustStatus::NotTrusted => lang
                    .t("⚠ autorità NON fidata (non tra quelle importate)", "⚠ authority NOT trusted (not among the imported ones)")
                    .to_owned(),
                TrustStatus::ChainInvalid { at } => lang.s(
                    format!("⚠ la catena non era valida alla data della firma ({at})"),
                    format!("⚠ the chain was not valid at signing time ({at})"),
                ),
            };
            outln!("  {}: {issuer} – {trust}", lang.t("Emesso da", "Issued by"));
            crate::trusted_list::qualified_line(lang, s).into_iter().for_each(|l| outln!("  {l}"));
            let rev = match &s.revocation {
                Revocation::NotChecked => lang
                    .t(
                        "non verificata (usa --crl FILE o --fetch-crl)",
                        "not checked (use --crl FILE or --fetch-crl)",
                    )
                    .to_owned(),
                Revocation::Good { crl_date, .. } => lang.s(
                    format!("✓ non revocato (lista di revoca del {})", human_date(*crl_date)),
                    format!("✓ not revoked (revocation list of {})", human_date(*crl_date)),
                ),
                Revocation::Revoked { .. } => revoked_words(s, lang),
                Revocation::Unavailable { reasons } => {
                    let reason = words::revocation_gaps(reasons, lang);
                    lang.s(
                        format!("⚠ NON verificabile: {reason}"),
                        format!("⚠ CANNOT be established: {reason}"),
                    )
                }
            };
            outln!("  {}: {rev}", lang.t("Revoca", "Revocation"));
            for c in &s.countersigners {
                let state = match c.verdict() {
                    Verdict::Valid => lang.t("✓ valida", "✓ valid"),
                    Verdict::NotTrusted => lang.t("⚠ integra, non fidata", "⚠ intact, not trusted"),
                    Verdict::Unverifiable => lang.t("? non verificabile", "? cannot be checked"),
                    Verdict::Invalid => lang.t("✗ NON valida", "✗ NOT valid"),
                };
                outln!("  {}: {} – {state}", lang.t("Controfirma", "Countersignature"), who(c, lang));
                if !c.problems.is_empty() {
                    outln!("    {}: {}", lang.t("Dettagli", "Details"), words::findings(&c.problems, lang));
                }
            }
            if !s.not_checked.is_empty() {
                outln!(
                    "  {}: {}",
                    lang.t("Letti ma non controllati", "Read but not checked"),
                    s.not_checked.join(", ")
                );
            }
        }
        if layer.unchecked_signers > 0 {
            let n = layer.unchecked_signers;
            outln!(
                "{}",
                lang.s(
                    format!(
                        "Altre {n} firme NON controllate: oltre {} firme per busta.",
                        cns_cades::verify::MAX_SIGNERS
                    ),
                    format!(
                        "{n} more signatures NOT checked: over {} per envelope.",
                        cns_cades::verify::MAX_SIGNERS
                    )
                )
            );
        }
    }
    let bundle_headline =
        matches!(words::headline(r), Headline::TimestampedDocument | Headline::BundleAltered);
    let verdict = match r.verdict() {
        _ if bundle_headline => {
            let h = words::headline(r);
            let mark = if h == Headline::TimestampedDocument { "✓" } else { "✗" };
            lang.s(format!("Esito: {mark} {}", words::headline_words(h, lang)), format!("Result: {mark} {}", words::headline_words(h, lang)))
        }
        Verdict::Valid => lang.t(
            "Esito: ✓ tutte le firme sono valide e i certificati fidati.",
            "Result: ✓ every signature is valid and its certificate trusted.",
        )
        .to_owned(),
        Verdict::NotTrusted => lang.s(
            format!(
                "Esito: ⚠ le firme sono integre, ma non ci si può fidare ({}): non fidarti del documento senza \
                 controllare.",
                not_trusted_reasons(r, lang).join("; ")
            ),
            format!(
                "Result: ⚠ the signatures are intact, but cannot be relied on ({}): do not rely on the document \
                 without checking.",
                not_trusted_reasons(r, lang).join("; ")
            ),
        ),
        Verdict::Unverifiable => lang.t(
            "Esito: ⚠ una firma NON è verificabile con questo programma (vedi sopra): non risulta alterata, ma \
             non è confermata. Non fidarti del documento senza controllarlo con un altro strumento.",
            "Result: ⚠ a signature CANNOT be checked by this program (see above): it is not shown altered, but \
             not confirmed either. Do not rely on the document without checking it with another tool.",
        )
        .to_owned(),
        Verdict::Invalid => lang.t(
            "Esito: ✗ una firma NON è valida: il documento è stato modificato dopo la firma o la firma è danneggiata.",
            "Result: ✗ a signature is NOT valid: the document was changed after signing or the signature is damaged.",
        )
        .to_owned(),
    };
    outln!("{verdict}");
}

/// A revoked certificate, with the revocation placed against the stated signing time: revoked
/// after it is still not trusted (exit 9), since that time is the signer's computer's word.
fn revoked_words(s: &SignerReport, lang: Lang) -> String {
    let Revocation::Revoked { date } = &s.revocation else { return String::new() };
    let when = human_time(*date);
    if s.revoked_after_timestamp() {
        let stamp = s.vouched_time.map(human_time).unwrap_or_default();
        return lang.s(
            format!(
                "⚠ revocato il {when}, dopo la marca temporale del {stamp}: la firma era già stata fatta"
            ),
            format!("⚠ revoked on {when}, after the timestamp of {stamp}: the signature was already made"),
        );
    }
    match s.revoked_after_signing() {
        Some(true) => lang.s(
            format!(
                "✗ REVOCATO il {when}, dopo la data della firma; quella data è dichiarata dal firmatario, non \
                 garantita: la firma non è confermata"
            ),
            format!(
                "✗ REVOKED on {when}, after the signing time; that time is stated by the signer, not \
                 certified: the signature is not confirmed"
            ),
        ),
        Some(false) => lang.s(
            format!("✗ REVOCATO il {when}, prima della data della firma"),
            format!("✗ REVOKED on {when}, before the signing time"),
        ),
        None => lang.s(format!("✗ REVOCATO il {when}"), format!("✗ REVOKED on {when}")),
    }
}

/// Why signatures that are intact cannot be relied on, once each.
fn not_trusted_reasons(r: &VerifyReport, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |it: &'static str, en: &'static str| {
        let t = lang.t(it, en).to_owned();
        if !out.contains(&t) {
            out.push(t);
        }
    };
    if r.container.as_ref().is_some_and(|c| c.timestamps.iter().any(|t| t.verdict() != Verdict::Valid)) {
        add("marca temporale non valida o non fidata", "timestamp not valid or not trusted");
    }
    for s in words::all_signers(r) {
        if s.timestamps.iter().any(|t| t.verdict() != Verdict::Valid) {
            add("marca temporale non valida o non fidata", "timestamp not valid or not trusted");
        }
        match s.cert_validity {
            CertValidity::Valid => {}
            CertValidity::Expired => add("certificato scaduto", "certificate expired"),
            CertValidity::NotYetValid => add("certificato non ancora valido", "certificate not yet valid"),
        }
        match s.trust {
            TrustStatus::Trusted { .. } => {}
            TrustStatus::NotTrusted => add("autorità non fidata", "authority not trusted"),
            TrustStatus::ChainInvalid { .. } => {
                add("catena non valida alla data della firma", "chain not valid at signing time")
            }
        }
        match (&s.revocation, s.revoked_after_signing()) {
            (Revocation::Revoked { .. }, _) if s.revoked_after_timestamp() => {}
            (Revocation::Revoked { .. }, Some(true)) => add(
                "certificato revocato dopo la data dichiarata della firma",
                "certificate revoked after the stated signing time",
            ),
            (Revocation::Revoked { .. }, _) => add("certificato revocato", "certificate revoked"),
            (Revocation::Unavailable { .. }, _) => {
                add("revoca non verificabile", "revocation cannot be established")
            }
            _ => {}
        }
    }
    out
}
