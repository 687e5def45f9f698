//! Public keys that check signatures: RSA PKCS#1 v1.5 (the CNS cards, the Italian CAs) and
//! ECDSA on P-256/P-384 (many foreign qualified certificates). Anything else is "cannot be
//! checked" for the caller, never "broken".

use crate::oids::{self, DigestAlg};
use der::Encode;
use der::asn1::ObjectIdentifier as Oid;
use spki::DecodePublicKey;
use x509_cert::Certificate;

const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
const P384: Oid = Oid::new_unwrap("1.3.132.0.34");

pub enum PublicKey {
    Rsa(Box<rsa::PublicKey>),
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
}

/// The signature family an algorithm identifier names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Rsa,
    Ecdsa,
}

/// The family and digest a signature algorithm names. `rsaEncryption` and `id-ecPublicKey` (met
/// in SignerInfos instead of a "with-hash" OID) name no digest: the SignerInfo's digest is used.
pub fn signature_algorithm(oid: &Oid) -> Option<(Family, Option<DigestAlg>)> {
    if *oid == oids::RSA_ENCRYPTION {
        return Some((Family::Rsa, None));
    }
    if *oid == EC_PUBLIC_KEY {
        return Some((Family::Ecdsa, None));
    }
    let d = DigestAlg::from_signature_oid(oid)?;
    let family = if oids::is_ecdsa_signature(oid) { Family::Ecdsa } else { Family::Rsa };
    Some((family, Some(d)))
}

/// The size in bits of a certificate's RSA modulus (`None`: not an RSA key, or unreadable).
pub fn rsa_bits(cert: &Certificate) -> Option<usize> {
    let spki = cert.tbs_certificate().subject_public_key_info();
    (spki.algorithm.oid == oids::RSA_ENCRYPTION)
        .then(|| rsa_modulus_bits(spki.subject_public_key.raw_bytes()))?
}

/// RSA keys shorter than this are refused (the `rsa` crate's own floor, and NIST's since 2013).
pub const MIN_RSA_BITS: usize = 1024;

/// The size in bits of the modulus of a PKCS#1 RSAPublicKey (`SEQUENCE { n, e }`).
fn rsa_modulus_bits(pkcs1: &[u8]) -> Option<usize> {
    use der::Decode;
    let fields = Vec::<der::Any>::from_der(pkcs1).ok()?;
    let n = fields.first()?.decode_as::<der::asn1::UintRef<'_>>().ok()?;
    let bytes = n.as_bytes();
    let first = *bytes.first()?;
    Some((bytes.len() - 1) * 8 + (8 - first.leading_zeros() as usize))
}

impl PublicKey {
    /// The certificate's key, or why it cannot be used (for messages).
    pub fn of(cert: &Certificate) -> Result<PublicKey, String> {
        let spki = cert.tbs_certificate().subject_public_key_info();
        let der = spki.to_der().map_err(|e| e.to_string())?;
        if spki.algorithm.oid == oids::RSA_ENCRYPTION {
            return rsa::PublicKey::from_public_key_der(&der).map(|k| PublicKey::Rsa(Box::new(k))).map_err(
                |e| match rsa_modulus_bits(spki.subject_public_key.raw_bytes()) {
                    // The rsa crate refuses keys below 1024 bits as "malformed": say what they are.
                    Some(bits) if bits < MIN_RSA_BITS => {
                        format!("RSA key of {bits} bits, too short to be relied on (at least 1024)")
                    }
                    _ => format!("RSA key: {e}"),
                },
            );
        }
        if spki.algorithm.oid == EC_PUBLIC_KEY {
            let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<Oid>().ok());
            return match curve {
                Some(P256) => p256::ecdsa::VerifyingKey::from_public_key_der(&der)
                    .map(PublicKey::P256)
                    .map_err(|e| format!("EC P-256 key: {e}")),
                Some(P384) => p384::ecdsa::VerifyingKey::from_public_key_der(&der)
                    .map(PublicKey::P384)
                    .map_err(|e| format!("EC P-384 key: {e}")),
                Some(c) => Err(format!("elliptic curve {c}")),
                None => Err("elliptic curve not named".into()),
            };
        }
        Err(format!("key algorithm {}", oids::algorithm_name(&spki.algorithm.oid)))
    }

    pub fn family(&self) -> Family {
        match self {
            PublicKey::Rsa(_) => Family::Rsa,
            PublicKey::P256(_) | PublicKey::P384(_) => Family::Ecdsa,
        }
    }

    /// Whether this key's signatures over `alg` digests can be checked here: the ECDSA
    /// implementation wants a digest at least half the curve's size (SHA-1 on P-384 is not).
    pub fn supports(&self, alg: DigestAlg) -> bool {
        match self {
            PublicKey::Rsa(_) | PublicKey::P256(_) => true,
            PublicKey::P384(_) => alg != DigestAlg::Sha1,
        }
    }

    /// Whether `sig` is this key's signature of the digest `hash` (made with `alg`).
    pub fn verify(&self, alg: DigestAlg, hash: &[u8], sig: &[u8]) -> bool {
        use p256::ecdsa::signature::hazmat::PrehashVerifier;
        match self {
            PublicKey::Rsa(k) => k.verify(alg.pkcs1v15(), hash, sig).is_ok(),
            PublicKey::P256(k) => {
                p256::ecdsa::DerSignature::from_bytes(sig).is_ok_and(|s| k.verify_prehash(hash, &s).is_ok())
            }
            PublicKey::P384(k) => {
                p384::ecdsa::DerSignature::from_bytes(sig).is_ok_and(|s| k.verify_prehash(hash, &s).is_ok())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn modulus_size_is_read_from_the_pkcs1_key() {
        // SEQUENCE { INTEGER 0x00C3.. (64 bytes after the sign byte: 512 bits), INTEGER 65537 }
        let mut n = vec![0x00, 0xC3];
        n.extend([0x11; 63]);
        let mut key = vec![0x02, n.len() as u8];
        key.extend(&n);
        key.extend([0x02, 0x03, 0x01, 0x00, 0x01]);
        let mut seq = vec![0x30, key.len() as u8];
        seq.extend(key);
        assert_eq!(rsa_modulus_bits(&seq), Some(512));
        assert_eq!(rsa_modulus_bits(&[0x30, 0x00]), None);
        assert_eq!(rsa_modulus_bits(b"not DER"), None);
    }
}
