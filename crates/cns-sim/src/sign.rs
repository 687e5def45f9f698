//! Signing on the simulated card: MANAGE SECURITY ENVIRONMENT and PERFORM SECURITY OPERATION /
//! COMPUTE DIGITAL SIGNATURE (cns-facts §6), with the holder's TEST key from the fixtures.
//!
//! As the card does: the DigestInfo is padded here (PKCS#1 v1.5 type 1), and the key is used
//! only after the PIN was verified in this card session (69 82 otherwise) and the key was
//! selected with MSE SET (69 85 otherwise).

use crate::fixtures;
use crate::holder::HolderPreset;
use crate::quirks::QuirkMode;
use rsa::pkcs8::DecodePrivateKey;

const SW_OK: u16 = 0x9000;
const SW_WRONG_LENGTH: u16 = 0x6700;
const SW_SECURITY: u16 = 0x6982;
const SW_CONDITIONS: u16 = 0x6985;
const SW_BAD_DATA: u16 = 0x6A80;
const SW_BAD_P1P2: u16 = 0x6A86;
const SW_REF_NOT_FOUND: u16 = 0x6A88;

/// The security environment restored before MSE SET on every CNS but CIE v1 (cns-facts §1.2,
/// §6).
const SECURITY_ENV: u8 = 0x03;

/// The one key reference this family's card accepts in MSE SET: 0x02 for the IDEMIA 2021 key set
/// (certificate 1400/9001/2002, cns-facts §1.2), 0x01 (CNS0) for every other. The applet cards'
/// key is not in any public source: 0x01 there is the project's unverified choice.
pub(crate) fn key_ref(mode: QuirkMode) -> u8 {
    match mode {
        QuirkMode::Idemia2021 => 0x02,
        _ => 0x01,
    }
}

/// Volatile: lost at reset, with the verified PIN.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct SecurityEnv {
    key_selected: bool,
}

/// MSE: `F3 03` restores SE 3 (the key is not yet selected); `F1 B6 83 01 <key>` selects the
/// family's key ([`key_ref`]); any other key reference answers 6A88.
pub(crate) fn mse(env: &mut SecurityEnv, mode: QuirkMode, p1: u8, p2: u8, data: &[u8]) -> u16 {
    match (p1, p2) {
        (0xF3, se) if data.is_empty() => {
            if se != SECURITY_ENV {
                return SW_REF_NOT_FOUND;
            }
            env.key_selected = false;
            SW_OK
        }
        (0xF3, _) => SW_WRONG_LENGTH,
        (0xF1 | 0x41, 0xB6) => match data {
            [0x83, 0x01, key] if *key == key_ref(mode) => {
                env.key_selected = true;
                SW_OK
            }
            [0x83, 0x01, _] => SW_REF_NOT_FOUND,
            _ => SW_BAD_DATA,
        },
        _ => SW_BAD_P1P2,
    }
}

/// PSO COMPUTE DIGITAL SIGNATURE (`2A 9E 9A`): signs the DigestInfo in `data`.
pub(crate) fn pso(
    env: &SecurityEnv,
    pin_verified: bool,
    holder: HolderPreset,
    p1: u8,
    p2: u8,
    data: &[u8],
) -> (Vec<u8>, u16) {
    if (p1, p2) != (0x9E, 0x9A) {
        return (Vec::new(), SW_BAD_P1P2);
    }
    if !env.key_selected {
        return (Vec::new(), SW_CONDITIONS);
    }
    if !pin_verified {
        return (Vec::new(), SW_SECURITY);
    }
    if data.is_empty() {
        return (Vec::new(), SW_WRONG_LENGTH);
    }
    let Ok(key) = rsa::PrivateKey::from_pkcs8_der(fixtures::signing_key(holder)) else {
        return (Vec::new(), SW_CONDITIONS);
    };
    // EMSA-PKCS1-v1_5 with the DigestInfo as given: what the card's "BT1 padding" is.
    match key.sign(rsa::Pkcs1v15Sign::new_unprefixed(), data) {
        Ok(sig) => (sig, SW_OK),
        Err(_) => (Vec::new(), SW_BAD_DATA),
    }
}
