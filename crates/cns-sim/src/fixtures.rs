//! The committed certificate fixtures (made by `fixtures/make-cert.sh`).

use crate::holder::HolderPreset;

const BIANCHI_CERT: &[u8] = include_bytes!("../fixtures/bianchi-giulia.der");
const BIANCHI_KEY: &[u8] = include_bytes!("../fixtures/bianchi-giulia-rsapub.der");
const ROSSI_CERT: &[u8] = include_bytes!("../fixtures/rossi-mario.der");
const ROSSI_KEY: &[u8] = include_bytes!("../fixtures/rossi-mario-rsapub.der");
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
