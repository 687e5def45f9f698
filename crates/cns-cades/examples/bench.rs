//! Signs a file into a .p7m and verifies it, timing each, for `scripts/bench-sign.sh`.
//!
//! `cargo run --release -p cns-cades --example bench -- sign FILE OUT` signs with the simulated
//! card's TEST key (the card's cost, one RSA signature, is not what is measured);
//! `... verify OUT` verifies it (and extracts to /dev/null); `... ca OUT` writes the simulated
//! card's issuer certificate (DER), for `cns-manager verify --ca`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cns_cades::verify::VerifyOptions;
use cns_cades::{DigestSigner, SignOptions, TrustStore};
use rsa::pkcs8::DecodePrivateKey;
use std::time::Instant;

struct Key(rsa::PrivateKey);

impl DigestSigner for Key {
    type Error = rsa::Error;
    fn sign_digest_info(&mut self, di: &[u8]) -> Result<Vec<u8>, rsa::Error> {
        self.0.sign(rsa::Pkcs1v15Sign::new_unprefixed(), di)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let preset = cns_sim::HolderPreset::BianchiGiulia;
    let t = Instant::now();
    match args.get(1).map(String::as_str) {
        Some("sign") => {
            let input = std::path::Path::new(&args[2]);
            let len = std::fs::metadata(input).unwrap().len();
            let mut f =
                std::io::BufReader::with_capacity(cns_cades::CHUNK, std::fs::File::open(input).unwrap());
            let mut o =
                std::io::BufWriter::with_capacity(cns_cades::CHUNK, std::fs::File::create(&args[3]).unwrap());
            let mut key =
                Key(rsa::PrivateKey::from_pkcs8_der(cns_sim::fixtures::signing_key(preset)).unwrap());
            let cert = cns_sim::fixtures::certificate(preset);
            cns_cades::sign_attached(
                &mut f,
                len,
                &mut o,
                cert,
                &SignOptions::default(),
                &mut key,
                &mut |_| {},
            )
            .unwrap();
        }
        Some("verify") => {
            let mut trust = TrustStore::new();
            trust.add(cns_sim::fixtures::ca_certificate(preset)).unwrap();
            let mut sink = std::io::sink();
            let opts = VerifyOptions {
                trust: &trust,
                crls: vec![],
                fetch_crl: None,
                detached_content: None,
                extract_to: Some(&mut sink),
                progress: None,
            };
            let r = cns_cades::verify(std::path::Path::new(&args[2]), opts).unwrap();
            assert_eq!(r.verdict(), cns_cades::Verdict::Valid);
        }
        Some("ca") => {
            // The simulated card's issuer, for `cns-manager verify --ca` in the benchmark.
            std::fs::write(&args[2], cns_sim::fixtures::ca_certificate(preset)).unwrap();
            return;
        }
        _ => panic!("usage: bench sign FILE OUT | bench verify FILE | bench ca OUT"),
    }
    eprintln!("{:.2} s", t.elapsed().as_secs_f64());
}
