//! Real signed files from public sources (`tests/corpus/README.md` lists each one's origin and
//! licence), checked against OpenSSL: every file OpenSSL verifies (`openssl cms -verify -noverify
//! -binary`) is never called broken by us, has as many signers per envelope, gives the same
//! document byte for byte, and names the fiscal code its certificates carry; one byte altered in
//! its document makes it broken. Needs `openssl` (3.x).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64::Engine as _;
use cns_cades::verify::{Verdict, VerifyOptions};
use cns_cades::{TrustStore, VerifyReport};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            !(name.ends_with(".content") || name.ends_with(".md") || name.ends_with(".tsv"))
        })
        .collect();
    files.sort();
    files
}

/// The original document beside a detached signature: `NAME.content`.
fn content_of(file: &Path) -> Option<PathBuf> {
    let c = PathBuf::from(format!("{}.content", file.display()));
    c.exists().then_some(c)
}

/// The DER bytes of a corpus file (some are Base64, as e-invoices often travel); the bytes as
/// they are when they are neither.
fn der_of(file: &Path) -> Vec<u8> {
    let bytes = std::fs::read(file).unwrap();
    if bytes.first() == Some(&0x30) {
        return bytes;
    }
    decode_base64(&bytes).unwrap_or(bytes)
}

fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let lenient = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let text: Vec<u8> = text.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    lenient.decode(text).ok()
}

/// What OpenSSL extracts from the DER `der` (with `content` for a detached one), if it verifies
/// the signatures (certificates not checked: `-noverify`).
fn openssl_content(der: &[u8], content: Option<&Path>, tmp: &Path) -> Option<Vec<u8>> {
    let input = tmp.join("in.der");
    let out = tmp.join("out.bin");
    std::fs::write(&input, der).unwrap();
    let mut cmd = Command::new("openssl");
    cmd.args(["cms", "-verify", "-noverify", "-binary", "-inform", "DER", "-in"])
        .arg(&input)
        .arg("-out")
        .arg(&out);
    if let Some(c) = content {
        cmd.arg("-content").arg(c);
    }
    let ok = cmd.output().unwrap().status.success();
    ok.then(|| std::fs::read(&out).unwrap())
}

/// SignerInfos of the outer envelope of `der`, as OpenSSL prints them.
fn openssl_signers(der: &[u8], tmp: &Path) -> usize {
    let input = tmp.join("count.der");
    std::fs::write(&input, der).unwrap();
    let out = Command::new("openssl")
        .args(["cms", "-cmsout", "-print", "-inform", "DER", "-in"])
        .arg(&input)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("        signatureAlgorithm:"))
        .count()
}

fn ours(file: &Path, content: Option<&Path>, out: Option<&mut Vec<u8>>) -> cns_cades::Result<VerifyReport> {
    let trust = TrustStore::new();
    cns_cades::verify(
        file,
        VerifyOptions {
            trust: &trust,
            crls: vec![],
            fetch_crl: None,
            detached_content: content.map(Path::to_path_buf),
            extract_to: out.map(|v| v as &mut dyn Write),
            progress: None,
        },
    )
}

/// A codice fiscale after `TINIT-` or `IT:` in a subject: its shape, and its check character
/// computed here (independently of cns-core), since a test certificate may carry one that is
/// not a codice fiscale (ParER's `IT:TESTST11R11G812I`, check character R).
fn carries_fiscal_code(subject: &str) -> bool {
    ["TINIT-", "IT:"].iter().any(|p| {
        subject.match_indices(p).any(|(i, _)| {
            let cf: Vec<char> = subject[i + p.len()..].chars().take(16).collect();
            cf.len() == 16
                && cf.iter().enumerate().all(|(k, c)| match k {
                    6 | 7 | 9 | 10 | 12 | 13 | 14 => c.is_ascii_digit(),
                    _ => c.is_ascii_uppercase(),
                })
                && check_character(&cf[..15]) == Some(cf[15])
        })
    })
}

/// The check character of a codice fiscale's first 15 characters (DM 23/12/1976): characters
/// in odd places (1st, 3rd...) count by the table below, in even places by their rank (A and 0
/// are 0); the sum modulo 26 is the letter.
fn check_character(first15: &[char]) -> Option<char> {
    const ODD: [u32; 26] =
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    let mut sum = 0;
    for (place, c) in first15.iter().enumerate() {
        let rank =
            c.to_digit(10).or_else(|| c.is_ascii_uppercase().then(|| u32::from(*c) - u32::from('A')))?;
        sum += if place % 2 == 0 { ODD[usize::try_from(rank).ok()?] } else { rank };
    }
    char::from_u32(u32::from('A') + sum % 26)
}

#[test]
fn the_fiscal_code_shape_includes_its_check_character() {
    assert!(carries_fiscal_code("SERIALNUMBER=TINIT-RSSMRA85T10A562S,CN=Mario Rossi"));
    assert!(!carries_fiscal_code("SERIALNUMBER=TINIT-RSSMRA85T10A562T,CN=Mario Rossi"));
    assert!(!carries_fiscal_code("SERIALNUMBER=IT:TESTST11R11G812I,CN=TEST 812 TEST 812"));
    assert!(carries_fiscal_code("SERIALNUMBER=IT:TESTST11R11G812R,CN=TEST 812 TEST 812"));
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn every_real_file_openssl_verifies_is_never_called_broken_and_matches_openssl() {
    let tmp = tempfile::tempdir().unwrap();
    let mut verified = 0;
    let mut failures = Vec::new();
    for file in corpus() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let content = content_of(&file);
        let der = der_of(&file);
        let mut out = Vec::new();
        let report = ours(&file, content.as_deref(), Some(&mut out));
        let Some(mut expected) = openssl_content(&der, content.as_deref(), tmp.path()) else {
            // Files OpenSSL refuses: the ones their sources call tampered, malformed or in
            // cryptographic error (ParER's "errore_critto") must be refused by us too.
            let lower = name.to_lowercase();
            if ["tampered", "malformed", "errore_critto"].iter().any(|m| lower.contains(m))
                && matches!(&report, Ok(r) if r.verdict() != Verdict::Invalid)
            {
                failures
                    .push(format!("{name}: OpenSSL and its source call it broken, we do not: {report:?}"));
            }
            continue;
        };
        verified += 1;
        let report = match report {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: OpenSSL verifies it, we fail to read it: {e}"));
                continue;
            }
        };
        if report.verdict() == Verdict::Invalid {
            failures.push(format!("{name}: OpenSSL verifies it, we call it broken: {report:#?}"));
            continue;
        }
        // Envelope by envelope: OpenSSL's signers, and its content as the next envelope.
        let mut layer_der = der.clone();
        for (i, layer) in report.layers.iter().enumerate() {
            let n = openssl_signers(&layer_der, tmp.path());
            if n != layer.signers.len() + layer.unchecked_signers {
                failures.push(format!(
                    "{name}: envelope {i}: OpenSSL sees {n} signers, we {}",
                    layer.signers.len()
                ));
            }
            if i + 1 < report.layers.len() {
                layer_der = if expected.first() == Some(&0x30) {
                    expected.clone()
                } else {
                    decode_base64(&expected).unwrap_or_default()
                };
                expected = openssl_content(&layer_der, None, tmp.path()).unwrap_or_default();
            }
        }
        if out != expected {
            failures.push(format!("{name}: extracted {} bytes, OpenSSL {}", out.len(), expected.len()));
        }
        for s in report.signers() {
            if !(s.content_intact && s.signature_valid) && s.unverifiable.is_empty() {
                failures.push(format!("{name}: a signer neither intact nor 'cannot be checked': {s:#?}"));
            }
            if s.subject.as_deref().is_some_and(carries_fiscal_code) && s.fiscal_code.is_none() {
                failures.push(format!("{name}: fiscal code not found in {:?}", s.subject));
            }
        }
        // One byte of the document altered: broken.
        let altered = tmp.path().join("altered");
        let (target, alt_content) = match &content {
            Some(c) => {
                let mut doc = std::fs::read(c).unwrap();
                let at = doc.len() / 2;
                doc[at] ^= 0x01;
                std::fs::write(tmp.path().join("altered.content"), doc).unwrap();
                (file.clone(), Some(tmp.path().join("altered.content")))
            }
            None if out.len() < 8 => continue,
            None => {
                let mut bytes = der.clone();
                let start = out.len() / 2;
                let probe = &out[start..(start + 16).min(out.len())];
                let Some(at) = bytes.windows(probe.len()).position(|w| w == probe) else {
                    failures.push(format!("{name}: document not found in the file to alter it"));
                    continue;
                };
                bytes[at] ^= 0x01;
                std::fs::write(&altered, bytes).unwrap();
                (altered.clone(), None)
            }
        };
        // A document hashed with an algorithm we do not compute (SHA-3) cannot be shown
        // altered: it stays "cannot be checked", never valid.
        let checkable = report.signers().all(|s| s.content_intact);
        match ours(&target, alt_content.as_deref(), None) {
            Ok(r) if r.verdict() == Verdict::Invalid => {}
            Ok(r) if !checkable && r.verdict() == Verdict::Unverifiable => {}
            other => failures.push(format!("{name}: one byte altered is not broken: {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    assert!(verified >= 40, "only {verified} files verified by OpenSSL");
    eprintln!("{verified} real files verified by OpenSSL, all agree");
}

/// The X.509 v3 certificates `der` carries, found by their shape (`SEQUENCE { SEQUENCE { [0] {
/// INTEGER 2 }`, long-form lengths) rather than by parsing the envelope, so that a file whose
/// envelope is damaged (the tampered ones) is still counted by what it carries.
fn certificates_in(der: &[u8]) -> Vec<&[u8]> {
    const TBS_VERSION_3: [u8; 5] = [0xa0, 0x03, 0x02, 0x01, 0x02];
    let mut certs = Vec::new();
    let mut at = 0;
    while let Some(head) = der.get(at..at + 13) {
        let shaped = head[0] == 0x30 && head[1] == 0x82 && head[4] == 0x30 && head[5] == 0x82;
        let len = 4 + (usize::from(head[2]) << 8 | usize::from(head[3]));
        match der.get(at..at + len) {
            Some(cert) if shaped && head[8..13] == TBS_VERSION_3 => {
                certs.push(cert);
                at += len;
            }
            _ => at += 1,
        }
    }
    certs
}

/// Issuer and subject of a DER certificate as OpenSSL prints them (RFC 2253), if it reads it.
fn openssl_names(cert: &[u8]) -> Option<(String, String)> {
    let mut child = Command::new("openssl")
        .args(["x509", "-inform", "DER", "-noout", "-issuer", "-subject", "-nameopt", "RFC2253"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(cert).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |key: &str| text.lines().find_map(|l| l.strip_prefix(key)).map(str::to_owned);
    out.status.success().then_some(())?;
    Some((field("issuer=")?, field("subject=")?))
}

/// The attributes of an RFC 2253 name, split at the commas that are not escaped.
fn rdns(name: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in name.chars() {
        match (c, escaped) {
            (',', false) => parts.push(String::new()),
            _ => parts.last_mut().unwrap().push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    parts.into_iter().map(|p| p.trim().to_owned()).collect()
}

/// A file is from an Italian CA when it carries a certificate that an authority in Italy issued
/// to someone else: issuer `C=IT`, issuer not the subject (a self-made `C=IT` test certificate
/// is not an Italian CA's).
fn from_an_italian_ca(der: &[u8]) -> bool {
    certificates_in(der)
        .into_iter()
        .filter_map(openssl_names)
        .any(|(issuer, subject)| issuer != subject && rdns(&issuer).iter().any(|a| a.as_str() == "C=IT"))
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn the_italian_ca_test_reads_the_issuer_not_a_file_name() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    // InfoCert-issued signer (Apache Tika's sample) / German and Hungarian DSS signers.
    assert!(from_an_italian_ca(&der_of(&dir.join("it-tika-test.xml.p7m"))));
    assert!(!from_an_italian_ca(&der_of(&dir.join("dss-Signature-C-DE_CRY-3.p7m"))));
    assert!(!from_an_italian_ca(&der_of(&dir.join("dss-Signature-C-HU_MIC-1.p7m"))));
    // Its envelope is damaged (OpenSSL cannot read it), the InfoCert certificate is still there.
    assert!(from_an_italian_ca(&der_of(&dir.join("it-net-IT02182030391_31_tampered.xml.p7m"))));
    assert_eq!(rdns(r"CN=a\,C=IT,O=b"), [r"CN=a\,C=IT", "O=b"]);
}

/// A certificate made and signed by oneself with `C=IT` is not an Italian CA's; the same name
/// issuing a certificate to someone else is (shape and rule, not trust: trust is the verifier's).
#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_self_made_italian_certificate_is_not_counted_as_an_italian_cas() {
    let tmp = tempfile::tempdir().unwrap();
    let openssl = |words: &str, subject: Option<&str>| {
        let mut args: Vec<&str> = words.split_whitespace().collect();
        args.extend(subject.map(|s| ["-subj", s]).into_iter().flatten());
        let out = Command::new("openssl").args(&args).current_dir(tmp.path()).output().unwrap();
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    std::fs::write(tmp.path().join("ext.cnf"), "keyUsage = digitalSignature\n").unwrap();
    openssl(
        "req -x509 -newkey rsa:2048 -nodes -days 2 -keyout ca.key -outform DER -out ca.der",
        Some("/C=IT/O=Prova/CN=Prova CA"),
    );
    openssl("req -newkey rsa:2048 -nodes -keyout ee.key -out ee.csr", Some("/C=IT/CN=Mario Rossi"));
    openssl(
        "x509 -req -in ee.csr -CA ca.der -CAform DER -CAkey ca.key -days 2 -extfile ext.cnf \
         -outform DER -out ee.der",
        None,
    );
    let ca = std::fs::read(tmp.path().join("ca.der")).unwrap();
    let ee = std::fs::read(tmp.path().join("ee.der")).unwrap();
    assert_eq!(certificates_in(&[ca.clone(), ee.clone()].concat()), [&ca[..], &ee[..]]);
    assert!(!from_an_italian_ca(&ca), "self-signed");
    assert!(from_an_italian_ca(&ee), "issued by a C=IT authority to someone else");
}

/// Issue 16: at least half of the corpus from Italian certification authorities, counted from
/// the certificates the files carry (see [`from_an_italian_ca`]), so that adding or removing a
/// file keeps the count honest.
#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn at_least_half_of_the_corpus_is_signed_under_italian_cas() {
    let files = corpus();
    let (italian, other): (Vec<&PathBuf>, Vec<&PathBuf>) =
        files.iter().partition(|f| from_an_italian_ca(&der_of(f)));
    let names = |v: &[&PathBuf]| {
        v.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect::<Vec<_>>()
    };
    eprintln!("{} of {} files from Italian CAs; the others: {:?}", italian.len(), files.len(), names(&other));
    assert!(files.len() >= 40, "only {} files", files.len());
    assert!(
        2 * italian.len() >= files.len(),
        "{} of {} files from Italian CAs, fewer than half",
        italian.len(),
        files.len()
    );
}

/// Aruba's files of DSS issue 667 store the signed attributes out of DER order but signed them
/// sorted: OpenSSL, hashing them as stored, refuses them; the sorted form verifies.
#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn arubas_unsorted_signed_attributes_verify_in_their_sorted_form() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["dss-BER_reordered_prova.txt.p7m", "dss-DER_reordered_prova.txt.p7m"] {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
        assert!(openssl_content(&der_of(&file), None, tmp.path()).is_none(), "{name}");
        let r = ours(&file, None, None).unwrap();
        let s = r.signers().next().unwrap();
        assert!(s.content_intact && s.signature_valid, "{name}: {s:#?}");
        assert_eq!(r.verdict(), Verdict::NotTrusted, "{name}: valid, its issuer not trusted here");
    }
}
