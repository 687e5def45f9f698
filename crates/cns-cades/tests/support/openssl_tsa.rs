//! A time-stamping authority made by OpenSSL (`openssl ts -reply`), beside the CA of
//! [`super::openssl_pki`], and the bundles around a `.p7m` that Italian users receive: `.tsd`
//! (RFC 5544, DER written here) and `.m7m` (MIME, Base64 by `openssl base64`). Shared by the
//! CAdES tests (`timestamp_tsa.rs`) and the CLI's (`cns-manager/tests/cli_timestamps.rs`, which
//! includes this file by path beside `openssl_pki.rs`).
#![allow(dead_code)]

use super::openssl_pki::openssl;
use std::path::Path;

const TSA_EXT: &str = "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n\
extendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";
const PLAIN_EXT: &str = "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n";

const TS_CNF: &str = r#"
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
dir = .
serial = tsaserial
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ess_cert_id_alg = sha256
ess_cert_id_chain = no
"#;

/// Issues, from the CA in `dir` (`ca.pem`, `ca.key`, see `make_ca`), a TSA "tsa" (`tsa.pem`,
/// `tsa.key`: CN "Test TSA", critical extendedKeyUsage timeStamping) and "notsa" (CN "Not A
/// TSA", no extendedKeyUsage), apart from the CA's database; and the TSA's `ts.cnf`.
pub fn make_tsa(dir: &Path) {
    std::fs::write(dir.join("tsa.ext"), TSA_EXT).expect("tsa.ext");
    std::fs::write(dir.join("plain.ext"), PLAIN_EXT).expect("plain.ext");
    std::fs::write(dir.join("ts.cnf"), TS_CNF).expect("ts.cnf");
    std::fs::write(dir.join("tsaserial"), "01\n").expect("tsaserial");
    for (name, ext, cn) in
        [("tsa", "tsa.ext", "/CN=Test TSA/O=Test"), ("notsa", "plain.ext", "/CN=Not A TSA")]
    {
        let (key, csr, pem) = (format!("{name}.key"), format!("{name}.csr"), format!("{name}.pem"));
        openssl(
            dir,
            &["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &csr, "-subj", cn],
        );
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                &csr,
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "3650",
                "-extfile",
                ext,
                "-out",
                &pem,
            ],
        );
    }
}

/// A time-stamp response (`.tsr`) of the TSA "tsa" in `dir` over `data` (SHA-256), and the bare
/// token of that same response.
pub fn stamp(dir: &Path, data: &[u8]) -> (Vec<u8>, Vec<u8>) {
    std::fs::write(dir.join("stamped.bin"), data).expect("stamped.bin");
    openssl(dir, &["ts", "-query", "-data", "stamped.bin", "-sha256", "-cert", "-no_nonce", "-out", "q.tsq"]);
    openssl(
        dir,
        &[
            "ts",
            "-reply",
            "-config",
            "ts.cnf",
            "-queryfile",
            "q.tsq",
            "-signer",
            "tsa.pem",
            "-inkey",
            "tsa.key",
            "-out",
            "r.tsr",
        ],
    );
    openssl(dir, &["ts", "-reply", "-in", "r.tsr", "-token_out", "-out", "r.tst"]);
    (std::fs::read(dir.join("r.tsr")).expect("r.tsr"), std::fs::read(dir.join("r.tst")).expect("r.tst"))
}

/// DER TLV.
pub fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = value.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len.to_be_bytes().iter().copied().skip_while(|b| *b == 0).collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(value);
    out
}

/// An RFC 5544 TimeStampedData around `content` with `token`: version 1, the content, one
/// TimeStampAndCRL.
pub fn tsd(content: &[u8], token: &[u8]) -> Vec<u8> {
    // id-ct-timestampedData, 1.2.840.113549.1.9.16.1.31
    let oid = tlv(0x06, &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x1f]);
    let evidence = tlv(0xA0, &tlv(0x30, token));
    let body = [tlv(0x02, &[1]), tlv(0x04, content), evidence].concat();
    tlv(0x30, &[oid, tlv(0xA0, &tlv(0x30, &body))].concat())
}

/// An `.m7m` as Dike writes it: a MIME multipart of the `.p7m` and the `.tsr`, both Base64
/// (OpenSSL's, 64 characters a line).
pub fn m7m(dir: &Path, p7m: &[u8], tsr: &[u8]) -> Vec<u8> {
    let b64 = |b: &[u8]| {
        std::fs::write(dir.join("b64.in"), b).expect("b64.in");
        String::from_utf8(openssl(dir, &["base64", "-e", "-in", "b64.in"]))
            .expect("Base64 text")
            .replace('\n', "\r\n")
    };
    format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed;\r\n\tboundary=\"----=_Part_0_123\"\r\n\r\n\
         This is a multi-part message in MIME format.\r\n------=_Part_0_123\r\n\
         Content-Type: application/pkcs7-mime; name=\"doc.txt.p7m\"\r\nContent-Transfer-Encoding: base64\r\n\
         Content-Disposition: attachment; filename=\"doc.txt.p7m\"\r\n\r\n{}------=_Part_0_123\r\n\
         Content-Type: application/timestamp-reply; name=\"doc.txt.tsr\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\
         {}------=_Part_0_123--\r\n",
        b64(p7m),
        b64(tsr)
    )
    .into_bytes()
}
