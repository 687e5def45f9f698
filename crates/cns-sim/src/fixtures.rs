//! The committed certificate fixtures (made by `fixtures/make-cert.sh`).

use crate::holder::HolderPreset;

const BIANCHI_CERT: &[u8] = include_bytes!("../fixtures/bianchi-giulia.der");
const BIANCHI_KEY: &[u8] = include_bytes!("../fixtures/bianchi-giulia-rsapub.der");
const ROSSI_CERT: &[u8] = include_bytes!("../fixtures/rossi-mario.der");
const ROSSI_KEY: &[u8] = include_bytes!("../fixtures/rossi-mario-rsapub.der");
// TEST-ONLY private keys of fictitious holders and CAs (see make-cert.sh).
const BIANCHI_SIGNING_KEY: &[u8] = include_bytes!("../fixtures/bianchi-giulia-TEST-ONLY-key.pk8.der");
const ROSSI_SIGNING_KEY: &[u8] = include_bytes!("../fixtures/rossi-mario-TEST-ONLY-key.pk8.der");
const CA_TOSCANA_KEY: &str = include_str!("../fixtures/ca-toscana-TEST-ONLY-key.pem");
const CA_LOMBARDIA_KEY: &str = include_str!("../fixtures/ca-lombardia-TEST-ONLY-key.pem");
const CA_TOSCANA: &[u8] = include_bytes!("../fixtures/ca-toscana-test.der");
const CA_LOMBARDIA: &[u8] = include_bytes!("../fixtures/ca-lombardia-test.der");

/// The holder's CNS authentication certificate (DER), as stored in EF.C_Carta before the 00 fill.
pub fn certificate(preset: HolderPreset) -> &'static [u8] {
    match preset {
        HolderPreset::BianchiGiulia => BIANCHI_CERT,
        HolderPreset::RossiMario => ROSSI_CERT,
    }
}

/// The certificate's public key as a PKCS#1 RSAPublicKey (DER), the content of EF_KeyPub.
pub fn rsa_public_key(preset: HolderPreset) -> &'static [u8] {
    match preset {
        HolderPreset::BianchiGiulia => BIANCHI_KEY,
        HolderPreset::RossiMario => ROSSI_KEY,
    }
}

/// The fictitious issuing CA's self-signed certificate (DER).
pub fn ca_certificate(preset: HolderPreset) -> &'static [u8] {
    match preset {
        HolderPreset::BianchiGiulia => CA_TOSCANA,
        HolderPreset::RossiMario => CA_LOMBARDIA,
    }
}

/// The holder's private key (PKCS#8 DER), a TEST key: the simulated card signs with it.
pub fn signing_key(preset: HolderPreset) -> &'static [u8] {
    match preset {
        HolderPreset::BianchiGiulia => BIANCHI_SIGNING_KEY,
        HolderPreset::RossiMario => ROSSI_SIGNING_KEY,
    }
}

/// The fictitious CA's private key (PKCS#8 PEM), a TEST key: tests issue CRLs with it.
pub fn ca_private_key_pem(preset: HolderPreset) -> &'static str {
    match preset {
        HolderPreset::BianchiGiulia => CA_TOSCANA_KEY,
        HolderPreset::RossiMario => CA_LOMBARDIA_KEY,
    }
}
