//! Saving the card's certificate (`export-cert`, the window's "Salva il certificato"): one
//! encoding and one way of writing for both front ends. The file is written beside its target
//! and reaches the disk before it takes the name, so an interrupted save never leaves half a
//! certificate under the name the user chose.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use cns_core::CardTransport;
use cns_core::card::{self, CardError};
use cns_core::cert::CertSummary;

use super::folder_of;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertFormat {
    Pem,
    Der,
}

impl CertFormat {
    /// The name JSON output gives it.
    pub fn code(self) -> &'static str {
        match self {
            CertFormat::Pem => "pem",
            CertFormat::Der => "der",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Card(#[from] CardError),
    /// PEM needs the certificate parsed; DER is saved as the card holds it.
    #[error("the card's certificate is not a readable X.509 certificate")]
    NotParsable,
    #[error("{}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// What was saved.
#[derive(Debug)]
pub struct Exported {
    pub path: PathBuf,
    pub format: CertFormat,
    pub bytes: usize,
    /// The certificate's SHA-256 fingerprint, when it parses.
    pub sha256: Option<String>,
}

/// Reads the certificate from the card (no PIN, no try) and saves it.
pub fn from_card(
    transport: &mut dyn CardTransport,
    format: CertFormat,
    path: &Path,
) -> Result<Exported, ExportError> {
    let der = card::read_certificate(transport)?;
    save(&der, format, path)
}

/// Saves `der` in `format` as `path`, replacing a file of that name only once the new one is
/// complete on disk.
pub fn save(der: &[u8], format: CertFormat, path: &Path) -> Result<Exported, ExportError> {
    let summary = CertSummary::from_der(der).ok();
    let bytes = match format {
        CertFormat::Der => der.to_vec(),
        CertFormat::Pem => summary.as_ref().ok_or(ExportError::NotParsable)?.to_pem().into_bytes(),
    };
    write(path, &bytes).map_err(|source| ExportError::Write { path: path.to_owned(), source })?;
    Ok(Exported {
        path: path.to_owned(),
        format,
        bytes: bytes.len(),
        sha256: summary.as_ref().map(|s| s.sha256_fingerprint.clone()),
    })
}

/// Writes an encoded certificate as `path`, durably (the window encodes the certificate it
/// already read, then its worker writes it here).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = tempfile::NamedTempFile::new_in(folder_of(path))?;
    tmp.write_all(bytes)?;
    crate::signed_files::save_as(tmp, path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::backend::{Backend, DEMO_READER};
    use cns_sim::SimHandle;

    fn card_der(handle: &SimHandle) -> Vec<u8> {
        let mut t = Backend::Demo(handle.clone()).open(DEMO_READER).unwrap();
        card::read_certificate(t.as_mut()).unwrap()
    }

    #[test]
    fn pem_and_der_are_the_card_certificate_and_openssl_reads_them_alike() {
        let handle = SimHandle::default();
        let der = card_der(&handle);
        let dir = tempfile::tempdir().unwrap();
        let mut t = Backend::Demo(handle.clone()).open(DEMO_READER).unwrap();
        let pem = from_card(t.as_mut(), CertFormat::Pem, &dir.path().join("c.pem")).unwrap();
        let raw = save(&der, CertFormat::Der, &dir.path().join("c.der")).unwrap();
        assert_eq!(std::fs::read(&raw.path).unwrap(), der, "DER is saved as the card holds it");
        assert_eq!(raw.bytes, der.len());
        assert_eq!(pem.sha256, raw.sha256);
        assert!(std::fs::read_to_string(&pem.path).unwrap().starts_with("-----BEGIN CERTIFICATE-----"));
        // An independent reader: the PEM file converted back by openssl is the card's DER.
        let Ok(out) = std::process::Command::new("openssl")
            .args(["x509", "-in"])
            .arg(&pem.path)
            .args(["-outform", "DER"])
            .output()
        else {
            eprintln!("skipped the openssl check: openssl is not installed");
            return;
        };
        assert!(out.status.success());
        assert_eq!(out.stdout, der);
    }

    #[test]
    fn a_failed_save_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.pem");
        std::fs::write(&target, b"old").unwrap();
        // Not a certificate: PEM cannot be made, nothing is written.
        assert!(matches!(
            save(b"not a certificate", CertFormat::Pem, &target),
            Err(ExportError::NotParsable)
        ));
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        // A folder that does not exist: the error names the path.
        let missing = dir.path().join("nowhere").join("c.der");
        match save(b"\x30\x00", CertFormat::Der, &missing) {
            Err(ExportError::Write { path, .. }) => assert_eq!(path, missing),
            other => panic!("{other:?}"),
        }
        assert_eq!(crate::ops::test_support::file_names(dir.path()), ["c.pem"]);
    }
}
