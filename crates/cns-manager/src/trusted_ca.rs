//! The CA certificates the user trusts for checking signatures: nothing is trusted unless it was
//! imported (user folder) or installed (system folder, for installers and regional offices).
//!
//! | platform | system-wide | user |
//! |---|---|---|
//! | Linux | `/etc/cns-manager/trusted-ca/` | `~/.config/cns-manager/trusted-ca/` |
//! | Windows | `%PROGRAMDATA%\cns-manager\trusted-ca\` | `%APPDATA%\cns-manager\cns-manager\config\trusted-ca\` |
//! | macOS | `/Library/Application Support/cns-manager/trusted-ca/` | `~/Library/Application Support/it.cns-manager.cns-manager/trusted-ca/` |
//!
//! Each certificate is one DER file named by its SHA-256 (`<hex>.der`); `.pem`/`.crt`/`.cer`
//! files put there by an installer are read too.
//!
//! The qualified CAs of an imported EU trusted list are trusted too; they live beside the user's
//! folder, in `trusted-tsl/` (see [`crate::trusted_list`]), and are listed with scope "tsl".
//!
//! `CNS_SYSTEM_TRUSTED_CA_DIR` replaces the system-wide folder: for tests, and for packagers who
//! check a folder before installing it. It adds nothing a process with that environment could
//! not already do (the user's folder is the user's to write).

use std::path::{Path, PathBuf};

use cns_cades::TrustStore;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::i18n::{Lang, msg};

const DIR: &str = "trusted-ca";
/// A certificate file larger than this is not a certificate (a CA bundle of a hundred
/// certificates is a few hundred KB).
pub const MAX_CERT_FILE: u64 = 1024 * 1024;
/// Replaces the system-wide folder (see the module doc).
pub const SYSTEM_DIR_ENV: &str = "CNS_SYSTEM_TRUSTED_CA_DIR";

pub fn user_dir() -> Option<PathBuf> {
    crate::settings::user_path().and_then(|p| p.parent().map(|d| d.join(DIR)))
}

pub fn system_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(SYSTEM_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    crate::settings::system_path().and_then(|p| p.parent().map(|d| d.join(DIR)))
}

/// Reads a certificate file given by the user, refusing one over [`MAX_CERT_FILE`] before
/// reading it all.
pub fn read_cert_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut v = Vec::new();
    std::fs::File::open(path)?.take(MAX_CERT_FILE + 1).read_to_end(&mut v)?;
    if v.len() as u64 > MAX_CERT_FILE {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {} KiB", MAX_CERT_FILE / 1024),
        ));
    }
    Ok(v)
}

/// One trusted certificate, for listing.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TrustedCa {
    pub subject: String,
    pub not_after: String,
    pub sha256: String,
    pub file: PathBuf,
    /// "system" or "user".
    pub scope: &'static str,
}

pub use cns_cades::trust::sha256_hex;

/// Certificates in a file: DER, or PEM with one or more.
pub fn certificates_in(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let text = bytes.iter().skip_while(|b| b.is_ascii_whitespace()).copied().collect::<Vec<_>>();
    if text.starts_with(b"-----BEGIN") {
        let mut out = Vec::new();
        for pem in x509_parser::pem::Pem::iter_from_buffer(bytes) {
            let pem = pem.map_err(|e| e.to_string())?;
            if pem.label == "CERTIFICATE" {
                out.push(pem.contents);
            }
        }
        if out.is_empty() {
            return Err("no certificate in the file".into());
        }
        Ok(out)
    } else {
        X509Certificate::from_der(bytes).map_err(|e| e.to_string())?;
        Ok(vec![bytes.to_vec()])
    }
}

/// Describes a certificate: (subject, not after, is a CA).
pub fn describe(der: &[u8]) -> Result<(String, String, bool), String> {
    let (_, c) = X509Certificate::from_der(der).map_err(|e| e.to_string())?;
    let is_ca = c.basic_constraints().ok().flatten().is_some_and(|b| b.value.ca);
    let not_after = c.validity().not_after.to_datetime().date().to_string();
    Ok((c.subject().to_string(), not_after, is_ca))
}

fn read_dir(dir: &Path, scope: &'static str) -> Vec<(TrustedCa, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("").to_ascii_lowercase();
        if !matches!(ext.as_str(), "der" | "pem" | "crt" | "cer") {
            continue;
        }
        if e.metadata().map(|m| m.len() > MAX_CERT_FILE).unwrap_or(true) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else { continue };
        for der in certificates_in(&bytes).unwrap_or_default() {
            if let Ok((subject, not_after, _)) = describe(&der) {
                let ca =
                    TrustedCa { subject, not_after, sha256: sha256_hex(&der), file: path.clone(), scope };
                out.push((ca, der));
            }
        }
    }
    out.sort_by(|a, b| a.0.subject.cmp(&b.0.subject));
    out
}

/// Every trusted certificate: the system's, the user's, then those of imported trusted lists
/// (scope "tsl", see [`crate::trusted_list`]).
pub fn list() -> Vec<(TrustedCa, Vec<u8>)> {
    let mut all = Vec::new();
    if let Some(d) = system_dir() {
        all.extend(read_dir(&d, "system"));
    }
    if let Some(d) = user_dir() {
        all.extend(read_dir(&d, "user"));
    }
    for d in crate::trusted_list::certificate_dirs() {
        all.extend(read_dir(&d, "tsl"));
    }
    all
}

/// A trust store with every installed and imported CA, plus `extra` (DER).
pub fn store(extra: &[Vec<u8>]) -> TrustStore {
    let mut t = TrustStore::new();
    let periods_of = crate::trusted_list::trust_periods();
    for (ca, der) in list() {
        let periods = (ca.scope == "tsl").then(|| periods_of.get(&ca.sha256)).flatten();
        let _ = match periods {
            Some(p) => t.add_for_periods(&der, p),
            None => t.add(&der),
        };
    }
    for der in extra {
        let _ = t.add(der);
    }
    t
}

/// Why the user's trusted authorities could not be changed. No words: [`CaStoreError::words`]
/// gives them in the user's language, for the window and the CLI alike.
#[derive(Debug, thiserror::Error)]
pub enum CaStoreError {
    #[error("no configuration folder")]
    NoConfigFolder,
    #[error("not a certificate: {0}")]
    NotACertificate(String),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A fingerprint prefix shorter than 8 hex digits could name several authorities.
    #[error("fingerprint prefix too short")]
    FingerprintTooShort,
    #[error("{subject} comes from an imported trusted list")]
    FromTrustedList { subject: String },
    #[error("{subject} is installed system-wide ({})", file.display())]
    SystemWide { subject: String, file: PathBuf },
}

impl CaStoreError {
    pub fn words(&self, lang: Lang) -> String {
        match self {
            CaStoreError::NoConfigFolder => lang.tr(msg::ca_no_config_folder()),
            CaStoreError::NotACertificate(e) => lang.tr(msg::ca_not_a_certificate(e.clone())),
            CaStoreError::Io { path, source } => lang.tr(msg::CliWriteFailed {
                file: path.display().to_string().into(),
                error: source.to_string().into(),
            }),
            CaStoreError::FingerprintTooShort => lang.tr(msg::ca_fingerprint_too_short()),
            CaStoreError::FromTrustedList { subject } => lang.tr(msg::ca_from_trusted_list(subject.clone())),
            CaStoreError::SystemWide { subject, file } => lang.tr(msg::CaSystemWide {
                subject: subject.clone().into(),
                file: file.display().to_string().into(),
            }),
        }
    }
}

/// Imports the certificates of `bytes` into the user's folder; returns what was added.
pub fn import(bytes: &[u8]) -> Result<Vec<TrustedCa>, CaStoreError> {
    let dir = user_dir().ok_or(CaStoreError::NoConfigFolder)?;
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| CaStoreError::Io { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let mut added = Vec::new();
    for der in certificates_in(bytes).map_err(CaStoreError::NotACertificate)? {
        let (subject, not_after, _) = describe(&der).map_err(CaStoreError::NotACertificate)?;
        let sha = sha256_hex(&der);
        let file = dir.join(format!("{sha}.der"));
        std::fs::write(&file, &der).map_err(io(&file))?;
        added.push(TrustedCa { subject, not_after, sha256: sha, file, scope: "user" });
    }
    Ok(added)
}

/// Removes from the user's folder the certificates whose SHA-256 starts with `prefix` (at least
/// 8 hex digits, so a typo cannot remove several).
pub fn remove(prefix: &str) -> Result<Vec<TrustedCa>, CaStoreError> {
    let prefix = prefix.to_ascii_lowercase().replace(':', "");
    if prefix.len() < 8 || !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(CaStoreError::FingerprintTooShort);
    }
    let matching: Vec<TrustedCa> =
        list().into_iter().map(|(c, _)| c).filter(|c| c.sha256.starts_with(&prefix)).collect();
    let mut removed = Vec::new();
    for c in matching {
        match c.scope {
            "user" => {
                std::fs::remove_file(&c.file)
                    .map_err(|source| CaStoreError::Io { path: c.file.clone(), source })?;
                removed.push(c);
            }
            "tsl" => return Err(CaStoreError::FromTrustedList { subject: c.subject }),
            _ => return Err(CaStoreError::SystemWide { subject: c.subject, file: c.file }),
        }
    }
    Ok(removed)
}
