//! Check a signed file (.p7m, .p7s, or a time-stamped bundle around one: .tsd, .m7m) and, when
//! asked, stream the signed document into a temporary file beside where it will be kept, so that
//! a check that fails leaves nothing behind.

use std::io;
use std::path::{Path, PathBuf};

use cns_cades::verify::{CrlFetcher, VerifyOptions};
use cns_cades::{CadesError, TrustStore, VerifyReport};

/// What to check the file against.
pub struct Check<'a> {
    pub trust: &'a TrustStore,
    /// CRLs the user gave (DER or PEM).
    pub crls: Vec<Vec<u8>>,
    pub fetch_crl: Option<CrlFetcher<'a>>,
    /// A detached signature's document; `None`: the one beside it, found as
    /// [`crate::signed_files::detached_document`] finds it.
    pub content: Option<PathBuf>,
}

/// The check's answer.
pub struct Verified {
    pub report: VerifyReport,
    /// The signed document, when an extraction folder was given (empty for a detached signature).
    pub extracted: Option<tempfile::NamedTempFile>,
    /// The document a detached signature was checked against.
    pub detached_document: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("no temporary file in {}", dir.display())]
    TempFile { dir: PathBuf, source: io::Error },
    /// The file could not be checked at all (not a signed file, damaged, unreadable, a detached
    /// signature without its document).
    #[error(transparent)]
    Check(CadesError),
    /// The check was made but the extracted document could not be written out.
    #[error("the extracted document could not be written")]
    Extract(#[source] io::Error),
}

/// Checks `file`; with `extract_in`, the signed document goes to a temporary file in that folder.
/// `progress` hears how many bytes of the document were hashed.
pub fn verify(
    file: &Path,
    check: Check<'_>,
    extract_in: Option<&Path>,
    mut progress: impl FnMut(u64),
) -> Result<Verified, VerifyError> {
    let detached_document = check.content.or_else(|| crate::signed_files::detached_document(file));
    let mut tmp = match extract_in {
        Some(dir) => Some(
            tempfile::Builder::new()
                .prefix(".cns-extract-")
                .tempfile_in(dir)
                .map_err(|source| VerifyError::TempFile { dir: dir.to_path_buf(), source })?,
        ),
        None => None,
    };
    let mut writer = tmp.as_mut().map(|t| io::BufWriter::with_capacity(cns_cades::CHUNK, t.as_file_mut()));
    let options = VerifyOptions {
        trust: check.trust,
        crls: check.crls,
        fetch_crl: check.fetch_crl,
        detached_content: detached_document.clone(),
        extract_to: writer.as_mut().map(|w| w as &mut dyn io::Write),
        progress: Some(&mut progress),
    };
    let report = cns_cades::verify(file, options).map_err(VerifyError::Check)?;
    if let Some(w) = writer.as_mut() {
        io::Write::flush(w).map_err(VerifyError::Extract)?;
    }
    drop(writer);
    Ok(Verified { report, extracted: tmp, detached_document })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::ops::sign::{SignJob, sign};
    use cns_cades::verify::Verdict;
    use cns_sim::SimHandle;

    use crate::ops::test_support::file_names as names;

    /// `doc` signed by the simulated card (`detached`: a .p7s beside it).
    fn signed(doc: &Path, detached: bool) -> PathBuf {
        let handle = SimHandle::default();
        let job = SignJob::new(doc, None, None, detached, false).unwrap();
        sign(&mut handle.transport(), &job, cns_core::Pin::new("12345").unwrap(), &mut |_| {}).unwrap().path
    }

    fn trusting_the_card() -> TrustStore {
        let mut t = TrustStore::new();
        t.add(cns_sim::fixtures::ca_certificate(cns_sim::HolderPreset::BianchiGiulia)).unwrap();
        t
    }

    fn check(trust: &TrustStore) -> Check<'_> {
        Check { trust, crls: vec![], fetch_crl: None, content: None }
    }

    #[test]
    fn a_p7m_is_checked_and_its_document_extracted_with_progress() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("x.txt");
        std::fs::write(&doc, b"testo firmato").unwrap();
        let p7m = signed(&doc, false);
        let trust = trusting_the_card();
        let mut hashed = 0;
        let v = verify(&p7m, check(&trust), Some(dir.path()), |n| hashed = n).unwrap();
        assert_eq!(v.report.verdict(), Verdict::Valid);
        assert_eq!(hashed, 13);
        assert_eq!(std::fs::read(v.extracted.as_ref().unwrap().path()).unwrap(), b"testo firmato");
        assert_eq!(v.detached_document, None);
        // Not trusted without the card's authority: the same file, another verdict.
        let none = TrustStore::new();
        assert_eq!(verify(&p7m, check(&none), None, |_| {}).unwrap().report.verdict(), Verdict::NotTrusted);
    }

    #[test]
    fn a_p7s_is_checked_against_the_document_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("fattura.xml");
        std::fs::write(&doc, b"<f/>").unwrap();
        let p7s = signed(&doc, true);
        let trust = trusting_the_card();
        let v = verify(&p7s, check(&trust), None, |_| {}).unwrap();
        assert_eq!(v.report.verdict(), Verdict::Valid);
        assert_eq!(v.detached_document, Some(doc.clone()));
        // The document changed: the signature no longer holds.
        std::fs::write(&doc, b"<g/>").unwrap();
        assert_eq!(verify(&p7s, check(&trust), None, |_| {}).unwrap().report.verdict(), Verdict::Invalid);
        // Without its document there is nothing to check against.
        std::fs::remove_file(&doc).unwrap();
        let e = verify(&p7s, check(&trust), None, |_| {}).err().unwrap();
        assert!(matches!(e, VerifyError::Check(CadesError::DetachedContentMissing)), "{e:?}");
    }

    #[test]
    fn a_file_that_is_not_signed_leaves_no_extraction_behind() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("falso.p7m");
        std::fs::write(&fake, b"non sono una busta firmata").unwrap();
        let trust = trusting_the_card();
        let e = verify(&fake, check(&trust), Some(dir.path()), |_| {}).err().unwrap();
        assert!(matches!(e, VerifyError::Check(_)), "{e:?}");
        assert_eq!(names(dir.path()), ["falso.p7m"]);
        let missing = dir.path().join("manca");
        let e = verify(&fake, check(&trust), Some(&missing), |_| {}).err().unwrap();
        assert!(matches!(e, VerifyError::TempFile { .. }), "{e:?}");
    }
}
