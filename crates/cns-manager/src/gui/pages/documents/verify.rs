//! The check of a signed file as the page starts it ([`crate::ops::verify`] on a thread of its
//! own), and "Estrai il documento": the document inside, saved beside the signed file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use cns_cades::CadesError;

use super::flow::{Checked, Choosing, DocFlow, Pending, Phase};
use super::trust::TrustStep;
use crate::i18n::{Lang, msg};
use crate::ops::verify::{Check, VerifyError};
use crate::service::{Background, Wake};
use crate::signature_words::{self as sig, Failure};

impl DocFlow {
    /// Checks the chosen file (again, after a new authority or trusted list) on a thread of
    /// its own; the page shows the progress until [`DocFlow::poll`] finds the answer.
    pub(super) fn start_verify(&mut self, lang: Lang, wake: Wake) {
        let Some((file, size)) = self.file.clone() else { return };
        self.trust = TrustStep::Idle;
        self.choosing = Choosing::Document;
        self.path_field = None;
        let progress = Arc::new(AtomicU64::new(0));
        let job = Background::spawn("verify", wake, check(file, progress.clone(), lang));
        self.phase = match job {
            Ok(job) => Phase::Working { progress, total: size, pending: Pending::Verify(job) },
            Err(e) => Phase::Failed { message: e.to_string(), detail: None },
        };
    }

    /// "Estrai il documento": the document inside, beside the signed file, under a free name.
    pub(super) fn extract(&mut self) {
        let source = self.file.as_ref().map(|(p, _)| p.clone());
        if let (Phase::Verified { extracted, saved, report }, Some(source)) = (&mut self.phase, source)
            && let Some(tmp) = extracted.take()
        {
            // A bundle (.tsd, .m7m) is one more extension to peel off.
            let layers = report.layers.len() + usize::from(report.container.is_some());
            // x.pdf.p7m.p7m → x.pdf, beside the signed file.
            let target = free_name(&extracted_name(&source, layers));
            match tmp.persist(&target) {
                Ok(_) => *saved = Some(target),
                Err(e) => {
                    let msg = e.error.to_string();
                    self.phase = Phase::Failed { message: msg, detail: None };
                }
            }
        }
    }
}

/// The check, as the thread runs it: the report, the document inside a signature that holds
/// one, the document beside a detached signature.
fn check(file: PathBuf, progress: Arc<AtomicU64>, lang: Lang) -> impl FnOnce() -> Checked + Send + 'static {
    move || {
        let trust = crate::trusted_ca::store(&[]);
        // A .p7s: the original beside it, found as `cns-manager verify` finds it.
        let check = Check { trust: &trust, crls: vec![], fetch_crl: None, content: None };
        let progress = |n: u64| progress.store(n, Ordering::Relaxed);
        match crate::ops::verify::verify(&file, check, Some(crate::ops::folder_of(&file)), progress) {
            Ok(v) => {
                // Only a signature with the document inside has one to extract.
                let attached = v.report.layers.iter().any(|l| !l.detached);
                let extracted = v.extracted.filter(|_| attached);
                Ok((v.report, extracted, v.detached_document))
            }
            Err(VerifyError::TempFile { source, .. } | VerifyError::Extract(source)) => {
                Err(source.to_string().into())
            }
            Err(VerifyError::Check(e)) => Err(verify_error(lang, &e)),
        }
    }
}

fn verify_error(lang: Lang, e: &CadesError) -> Failure {
    match e {
        CadesError::DetachedContentMissing => lang.tr(msg::docs_detached_missing()).into(),
        other => sig::file_failure(other, lang),
    }
}

/// A file name beside `wanted` that does not exist yet ("x.pdf", "x (2).pdf", ...).
fn free_name(wanted: &Path) -> PathBuf {
    if !wanted.exists() {
        return wanted.to_path_buf();
    }
    let stem = wanted.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = wanted.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (2..1000)
        .map(|n| wanted.with_file_name(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| wanted.to_path_buf())
}

/// Where "Estrai il documento" saves: the signed file's name without the signature extensions
/// the verification peeled off, one `.p7m`/`.p7s` per envelope of the report, whatever their
/// case (`x.pdf.p7m.p7m` → `x.pdf`, `X.PDF.P7M` → `X.PDF`). A name with none of them (a signed
/// file renamed `firmato.der`) gets `.bin` added; a name that would be empty, `documento.bin`.
fn extracted_name(source: &Path, layers: usize) -> PathBuf {
    let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut stem = name.as_str();
    for _ in 0..layers {
        let Some(dot) = stem.rfind('.') else { break };
        let ext = &stem[dot + 1..];
        if !["p7m", "p7s", "tsd", "m7m"].iter().any(|e| ext.eq_ignore_ascii_case(e)) {
            break;
        }
        stem = &stem[..dot];
    }
    let stripped = stem.len() < name.len();
    let file = if stem.trim_matches('.').trim().is_empty() {
        "documento.bin".to_owned()
    } else if stripped {
        stem.to_owned()
    } else {
        format!("{stem}.bin")
    };
    source.with_file_name(file)
}

#[cfg(test)]
mod tests {
    use super::extracted_name;
    use std::path::{Path, PathBuf};

    fn name(file: &str, layers: usize) -> PathBuf {
        extracted_name(&Path::new("/docs").join(file), layers)
    }

    #[test]
    fn the_extracted_document_loses_every_signature_layer() {
        assert_eq!(name("x.pdf.p7m", 1), Path::new("/docs/x.pdf"));
        assert_eq!(name("x.pdf.p7m.p7m", 2), Path::new("/docs/x.pdf"));
        // case does not matter, nor which of the two extensions each envelope has
        assert_eq!(name("Atto.PDF.P7M.p7m", 2), Path::new("/docs/Atto.PDF"));
        assert_eq!(name("x.pdf.p7s.p7m", 2), Path::new("/docs/x.pdf"));
        // A time-stamped bundle is one more layer to peel off.
        assert_eq!(name("x.pdf.p7m.tsd", 2), Path::new("/docs/x.pdf"));
        assert_eq!(name("x.pdf.m7m", 2), Path::new("/docs/x.pdf"));
        // only as many as the report shows: a one-envelope file keeps the inner name
        assert_eq!(name("x.pdf.p7m.p7m", 1), Path::new("/docs/x.pdf.p7m"));
        // never past the document's own extension, however many layers
        assert_eq!(name("x.pdf.p7m", 3), Path::new("/docs/x.pdf"));
        assert_eq!(name("relazione.p7m", 1), Path::new("/docs/relazione"));
    }

    #[test]
    fn odd_names_fall_back_to_a_sane_one() {
        // a signed file renamed without its extension: the document gets .bin, not the same name
        assert_eq!(name("firmato.der", 1), Path::new("/docs/firmato.der.bin"));
        assert_eq!(name("firmato", 1), Path::new("/docs/firmato.bin"));
        // nothing left of the name
        assert_eq!(name(".p7m", 1), Path::new("/docs/documento.bin"));
        assert_eq!(name("..p7m.p7m", 2), Path::new("/docs/documento.bin"));
    }
}
