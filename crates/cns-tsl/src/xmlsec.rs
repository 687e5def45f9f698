//! The XML signature's cryptographic check, by the `xmlsec1` program (libxmlsec1 with OpenSSL)
//! in its own process: a kept implementation of XML canonicalisation, and the untrusted XML is
//! parsed outside this process.
//!
//! The key is only ever the pinned certificate's (`--pubkey-cert-pem`): `--enabled-key-data
//! key-name` stops xmlsec1 from taking a key or certificate from the document's KeyInfo, and
//! `--enabled-reference-uris empty,same-doc` from reading anything but the document (no network,
//! no files). A DOCTYPE was refused before (no external DTD).

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::Error;

/// Replaces the program's name (tests; a packager's own build).
pub const PROGRAM_ENV: &str = "CNS_XMLSEC1";
/// A real list verifies in well under a second; this is a hang.
const TIMEOUT: Duration = Duration::from_secs(60);
/// The XAdES SignedProperties that a TSL signature also signs are named by their Id attribute.
const XADES_SIGNED_PROPERTIES: &str = "http://uri.etsi.org/01903/v1.3.2#:SignedProperties";

fn program() -> PathBuf {
    std::env::var_os(PROGRAM_ENV)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| "xmlsec1".into())
}

/// True if the signature of `xml` verifies with the key of `signer_der`, false if it does not;
/// an error if xmlsec1 could not be run.
pub fn verifies_with(xml: &[u8], signer_der: &[u8]) -> Result<bool, Error> {
    let dir = tempfile::tempdir().map_err(Error::Io)?;
    let (doc, pem) = (dir.path().join("tsl.xml"), dir.path().join("signer.pem"));
    std::fs::write(&doc, xml).map_err(Error::Io)?;
    std::fs::write(&pem, to_pem(signer_der)).map_err(Error::Io)?;
    let mut child = Command::new(program())
        .arg("--verify")
        .arg("--pubkey-cert-pem")
        .arg(&pem)
        .args(["--enabled-key-data", "key-name", "--enabled-reference-uris", "empty,same-doc"])
        .args(["--id-attr:Id", XADES_SIGNED_PROPERTIES])
        .arg(&doc)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound { Error::XmlsecMissing } else { Error::Io(e) }
        })?;
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(Error::Io)? {
            break s;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "xmlsec1 did not finish",
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    if status.success() {
        return Ok(true);
    }
    // xmlsec1 says "FAIL" for a signature that does not verify; anything else (a bad option, an
    // unreadable file) means the check could not be made.
    if err.lines().any(|l| l.trim() == "FAIL") || status.code() == Some(1) {
        Ok(false)
    } else {
        Err(Error::Io(std::io::Error::other(format!(
            "xmlsec1 failed ({status}): {}",
            err.lines().last().unwrap_or("")
        ))))
    }
}

fn to_pem(der: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    pem
}
