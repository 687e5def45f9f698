//! A test PKI made by OpenSSL itself (an independent implementation, not our code): a CA with an
//! `openssl ca` database, so that CRLs can be issued, and holders signed by it. Shared by the
//! CAdES tests (`crates/cns-cades/tests/openssl.rs`) and the CLI's (`cns-manager/tests/cli_sign.rs`,
//! which includes this file by path).
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Runs `openssl ARGS` in `dir` and returns its standard output; fails the test if it fails.
pub fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// Whether `openssl ARGS` in `dir` succeeds.
pub fn openssl_ok(dir: &Path, args: &[&str]) -> bool {
    Command::new("openssl").args(args).current_dir(dir).output().expect("openssl runs").status.success()
}

const CNF: &str = r#"
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = index.txt
new_certs_dir = newcerts
serial = serial
certificate = ca.pem
private_key = ca.key
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
x509_extensions = leaf
default_crl_days = 30
crl_extensions = crl_ext
[ crl_ext ]
authorityKeyIdentifier = keyid
[ policy_any ]
commonName = supplied
organizationName = optional
countryName = optional
serialNumber = optional
[ leaf ]
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:CRL_URL
"#;

/// `openssl cms -verify` of the DER file `file` against the CA certificates in `ca_file`, any
/// purpose: the signed document OpenSSL extracts. Panics (with OpenSSL's words) if it does not
/// verify.
pub fn cms_verified_content(dir: &Path, file: &str, ca_file: &str) -> Vec<u8> {
    openssl(dir, &cms_verify_args(file, ca_file))
}

/// Whether `openssl cms -verify` accepts the DER file `file` against `ca_file`.
pub fn cms_verifies(dir: &Path, file: &str, ca_file: &str) -> bool {
    let mut args = cms_verify_args(file, ca_file).to_vec();
    args.extend(["-out", "/dev/null"]);
    openssl_ok(dir, &args)
}

fn cms_verify_args<'a>(file: &'a str, ca_file: &'a str) -> [&'a str; 11] {
    ["cms", "-verify", "-binary", "-inform", "DER", "-in", file, "-CAfile", ca_file, "-purpose", "any"]
}

/// The CA in `dir` issues a CRL that expired long ago (valid January 2025 only), into `out`:
/// it still lists the revocations made so far, but says nothing about now.
pub fn expired_crl(dir: &Path, out: &str) {
    openssl(
        dir,
        &[
            "ca",
            "-config",
            "ca.cnf",
            "-gencrl",
            "-crl_lastupdate",
            "20250101000000Z",
            "-crl_nextupdate",
            "20250201000000Z",
            "-out",
            out,
        ],
    );
}

/// Makes a CA in `dir`: `ca.key`, `ca.pem`, and `ca.cnf` with its database (for `openssl ca
/// -config ca.cnf -gencrl` and `-revoke`); its leaves point to `crl_url`.
pub fn make_ca(dir: &Path, subject: &str, crl_url: &str) {
    std::fs::create_dir_all(dir.join("newcerts")).expect("newcerts");
    std::fs::write(dir.join("index.txt"), "").expect("index.txt");
    std::fs::write(dir.join("serial"), "1000\n").expect("serial");
    std::fs::write(dir.join("ca.cnf"), CNF.replace("CRL_URL", crl_url)).expect("ca.cnf");
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "3650",
            "-subj",
            subject,
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
}

/// Issues a holder `name` of the CA in `dir`, valid `start`..`end` (`YYYYMMDDHHMMSSZ`):
/// `NAME.key`, `NAME.pem` and `NAME.der`.
pub fn make_holder(dir: &Path, name: &str, subject: &str, start: &str, end: &str) {
    make_holder_with(dir, name, subject, start, end, &["-newkey", "rsa:2048"]);
}

/// [`make_holder`] with another key: `key_args` as given to `openssl req` (e.g. `-newkey ec
/// -pkeyopt ec_paramgen_curve:prime256v1`).
pub fn make_holder_with(dir: &Path, name: &str, subject: &str, start: &str, end: &str, key_args: &[&str]) {
    let (key, csr, pem, der) =
        (format!("{name}.key"), format!("{name}.csr"), format!("{name}.pem"), format!("{name}.der"));
    let mut req = vec!["req", "-new"];
    req.extend_from_slice(key_args);
    req.extend_from_slice(&["-nodes", "-keyout", &key, "-out", &csr, "-subj", subject]);
    openssl(dir, &req);
    openssl(
        dir,
        &[
            "ca",
            "-batch",
            "-config",
            "ca.cnf",
            "-in",
            &csr,
            "-out",
            &pem,
            "-startdate",
            start,
            "-enddate",
            end,
            "-notext",
        ],
    );
    openssl(dir, &["x509", "-in", &pem, "-outform", "DER", "-out", &der]);
}

/// OpenSSL signs `input` in `dir` (CAdES, the content inside) with holder `who`'s key
/// (`WHO.pem`, `WHO.key`), writing `out` in `outform` (DER or PEM).
pub fn cms_sign(dir: &Path, input: &str, who: &str, outform: &str, out: &str) {
    cms_sign_with(dir, input, &[who], outform, out, &["-nodetach"]);
}

/// OpenSSL signs `input` in `dir` (CAdES) with each of `who`'s keys (several signers), writing
/// `out` in `outform`; `extra` are more `openssl cms -sign` options (`-nodetach` for the content
/// inside, `-keyopt rsa_padding_mode:pss`, `-nocerts`...).
pub fn cms_sign_with(dir: &Path, input: &str, who: &[&str], outform: &str, out: &str, extra: &[&str]) {
    let names: Vec<(String, String)> = who.iter().map(|w| (format!("{w}.pem"), format!("{w}.key"))).collect();
    let mut args = vec!["cms", "-sign", "-cades", "-binary", "-md", "sha256", "-in", input];
    for (cert, key) in &names {
        args.extend_from_slice(&["-signer", cert, "-inkey", key]);
    }
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-outform", outform, "-out", out]);
    openssl(dir, &args);
}
