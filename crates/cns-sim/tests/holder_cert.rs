//! Holder fixtures, the EF.Dati_personali encoder, and the certificate's CNS profile.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use base64::Engine as _;
use cns_sim::holder::{codice_fiscale_check, luhn_digit};
use cns_sim::{Holder, HolderPreset, SimCard, fid, fixtures};
use common::*;
use sha1::{Digest, Sha1};
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::*;

/// cns-facts §2.2, as printed there.
const ROSSI_HEX: &str = "
30 30 30 30 36 46  30 34 36 30 33 30  30 38 30 31 30 32 32 30 32 30
30 38 30 31 30 32 32 30 32 36  30 35 52 4F 53 53 49  30 35 4D 41 52 49 4F
30 38 30 31 30 31 31 39 38 30  30 31 4D  30 30
31 30 52 53 53 4D 52 41 38 30 41 30 31 46 32 30 35 58  30 30  30 34 46 32 30 35
30 30  30 30  30 34 46 32 30 35  30 41 56 49 41 20 52 4F 4D 41 20 31  30 30";

#[test]
fn rossi_mario_matches_the_worked_example_byte_for_byte() {
    let h = Holder::rossi_mario();
    let used = h.personal_data_used().unwrap();
    assert_eq!(used, hex(ROSSI_HEX));
    assert_eq!(used.len(), 0x6F);
    let file = h.encode_personal_data().unwrap();
    assert_eq!(file.len(), 400);
    assert_eq!(&file[..111], &used[..]);
    assert!(file[111..].iter().all(|b| *b == 0));
    assert_eq!(h.cn_hash().unwrap(), "4sqHRp5QrtN1NQ0zzCW1zoNo97c=");
    assert_eq!(h.expected_cn().unwrap(), "RSSMRA80A01F205X/6030123456789008.4sqHRp5QrtN1NQ0zzCW1zoNo97c=");
    assert_eq!(h.team_number().unwrap(), "80380000301234567890");
}

#[test]
fn bianchi_giulia_encoding() {
    let h = Holder::bianchi_giulia();
    assert_eq!(
        String::from_utf8(h.personal_data_used().unwrap()).unwrap(),
        "000068\
         046090\
         0801032025\
         0801032031\
         07BIANCHI\
         06GIULIA\
         0812051990\
         01F\
         00\
         10BNCGLI90E52D612W\
         00\
         04D612\
         00\
         00\
         04D612\
         00\
         00"
    );
    assert_eq!(h, Holder::default());
}

#[test]
fn codice_fiscale_check_characters() {
    // Built by hand: BIANCHI → BNC, GIULIA → GLI, 1990 → 90, May → E, day 12 + 40 (F) → 52.
    assert_eq!(codice_fiscale_check("BNCGLI90E52D612"), Some('W'));
    assert_eq!(codice_fiscale_check("RSSMRA80A01F205"), Some('X'));
    // Widely published valid samples (Wikipedia's "Matteo Moretti", the usual Mario Rossi).
    assert_eq!(codice_fiscale_check("MRTMTT25D09F205"), Some('Z'));
    assert_eq!(codice_fiscale_check("RSSMRA85T10A562"), Some('S'));
    // The CNS certificate profile's example CN "DMMRNT63H14H501T/..." has a made-up last letter:
    // the algorithm gives C. A parser must not reject a certificate because of it.
    assert_eq!(codice_fiscale_check("DMMRNT63H14H501"), Some('C'));
    for p in HolderPreset::all() {
        let cf = p.holder().codice_fiscale;
        assert_eq!(codice_fiscale_check(&cf[..15]), cf.chars().nth(15), "{cf}");
    }
    assert_eq!(codice_fiscale_check("short"), None);
    assert_eq!(codice_fiscale_check("bncgli90e52d612"), None);
}

#[test]
fn card_serials_are_luhn_valid_and_coherent() {
    assert_eq!(luhn_digit("603012345678900"), Some(8));
    assert_eq!(luhn_digit("79927398713"[..10].as_ref()), Some(3));
    assert_eq!(luhn_digit("12a"), None);
    for p in HolderPreset::all() {
        let h = p.holder();
        let s = &h.card_serial;
        assert_eq!(s.len(), 16);
        assert_eq!(luhn_digit(&s[..15]), Some(s.as_bytes()[15] - b'0'), "{s}");
        assert_eq!(&s[..4], h.issuer, "issuer = first 4 digits of the serial");
        assert_eq!(&s[13..15], "00");
        let team = h.team_number().unwrap();
        assert_eq!(luhn_digit(&team[..19]), Some(team.as_bytes()[19] - b'0'));
    }
}

#[test]
fn encoder_refuses_what_does_not_fit() {
    let mut h = Holder::bianchi_giulia();
    h.address = "X".repeat(256);
    assert!(h.personal_data_used().is_err());
    h.address = "X".repeat(255);
    h.surname = "Y".repeat(100);
    assert!(h.encode_personal_data().is_err());
    h = Holder::bianchi_giulia();
    h.surname = "CITTÀ".into();
    assert!(h.encode_personal_data().is_err());
}

fn cn_of<'a>(cert: &'a X509Certificate<'a>) -> &'a str {
    cert.subject().iter_common_name().next().unwrap().as_str().unwrap()
}

/// The fixture cannot drift: the CN hash is the SHA-1 of what the simulated card serves.
#[test]
fn cert_cn_hash_matches_personal_data() {
    for preset in HolderPreset::all() {
        let mut card = SimCard::new(cns_sim::QuirkMode::Standard, *preset);
        let file = read_file(&mut card, &[fid::DF1, fid::EF_DATI_PERSONALI]);
        let used_len = usize::from_str_radix(std::str::from_utf8(&file[..6]).unwrap(), 16).unwrap();
        assert!(file[used_len..].iter().all(|b| *b == 0));
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha1::digest(&file[..used_len]));
        let serial = read_file(&mut card, &[fid::DF0, fid::EF_ID_CARTA]);

        let cert_file = read_file(&mut card, &[fid::DF1, fid::EF_C_CARTA]);
        let (_, cert) = X509Certificate::from_der(&cert_file).unwrap();
        let cn = cn_of(&cert);
        let holder = preset.holder();
        assert_eq!(cn, format!("{}/{}.{hash}", holder.codice_fiscale, String::from_utf8(serial).unwrap()));
        assert_eq!(cn, holder.expected_cn().unwrap());
    }
}

#[test]
fn bianchi_certificate_follows_the_cns_profile() {
    let der = fixtures::certificate(HolderPreset::BianchiGiulia);
    let (rest, cert) = X509Certificate::from_der(der).unwrap();
    assert!(rest.is_empty());
    assert_eq!(cert.version(), X509Version::V3);
    assert_eq!(cert.issuer().to_string(), "C=IT, O=CNS Manager test, CN=Regione Toscana - CA Cittadini TEST");
    assert_eq!(cn_of(&cert), "BNCGLI90E52D612W/6090104237815004.tpkH1xSgO5KLVTyr8e1DbXmaZKw=");
    // 2025-03-01 (issue day) to 2031-02-28T23:00:00Z = 01/03/2031 00:00 Italian time.
    let v = cert.validity();
    assert_eq!(v.not_before.to_datetime().date().to_string(), "2025-03-01");
    assert_eq!(v.not_after.timestamp(), 1_930_086_000);

    let pk = cert.public_key().parsed().unwrap();
    assert_eq!(pk.key_size(), 2048);

    let ku = cert.key_usage().unwrap().unwrap();
    assert!(ku.critical);
    assert!(ku.value.digital_signature());
    assert!(!ku.value.non_repudiation());
    assert!(!ku.value.key_cert_sign());
    let eku = cert.extended_key_usage().unwrap().unwrap();
    assert!(eku.value.client_auth);
    assert!(cert.basic_constraints().unwrap().is_none());

    let mut policies = false;
    let mut ski = false;
    let mut aki = false;
    let mut crl = false;
    for ext in cert.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::CertificatePolicies(p) => {
                policies = p.iter().any(|i| i.policy_id.to_id_string() == "1.3.76.16.2.1");
            }
            ParsedExtension::SubjectKeyIdentifier(_) => ski = true,
            ParsedExtension::AuthorityKeyIdentifier(a) => aki = a.key_identifier.is_some(),
            ParsedExtension::CRLDistributionPoints(points) => {
                crl = points.iter().any(|p| {
                    format!("{:?}", p.distribution_point).contains("http://crl.cns-manager.invalid/")
                });
            }
            _ => {}
        }
    }
    assert!(policies && ski && aki && crl, "policies {policies} ski {ski} aki {aki} crl {crl}");

    // Issued by the committed test CA (`openssl verify` checked the signature when the fixture
    // was made; x509-parser's verifier is not enabled in this workspace).
    assert_eq!(
        authority_key_id(&cert),
        subject_key_id(fixtures::ca_certificate(HolderPreset::BianchiGiulia))
    );
}

fn authority_key_id(cert: &X509Certificate<'_>) -> Vec<u8> {
    cert.extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::AuthorityKeyIdentifier(a) => a.key_identifier.as_ref().map(|k| k.0.to_vec()),
            _ => None,
        })
        .unwrap()
}

fn subject_key_id(der: &[u8]) -> Vec<u8> {
    let (_, ca) = X509Certificate::from_der(der).unwrap();
    ca.extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0.to_vec()),
            _ => None,
        })
        .unwrap()
}

#[test]
fn rossi_certificate_is_expired_on_purpose() {
    let (_, cert) = X509Certificate::from_der(fixtures::certificate(HolderPreset::RossiMario)).unwrap();
    assert_eq!(cert.validity().not_after.to_datetime().date().to_string(), "2026-01-31");
    assert_eq!(authority_key_id(&cert), subject_key_id(fixtures::ca_certificate(HolderPreset::RossiMario)));
    assert!(cert.subject().to_string().contains("OU=Regione Lombardia TEST"));
}

#[test]
fn keypub_holds_the_certificate_key() {
    for preset in HolderPreset::all() {
        let (_, cert) = X509Certificate::from_der(fixtures::certificate(*preset)).unwrap();
        // SubjectPublicKeyInfo's BIT STRING is the PKCS#1 RSAPublicKey.
        assert_eq!(&*cert.public_key().subject_public_key.data, fixtures::rsa_public_key(*preset));
        let card = SimCard::new(cns_sim::QuirkMode::Standard, *preset);
        let keypub = card.file(&[fid::EF_KEYPUB]).unwrap();
        assert_eq!(&keypub[..270], fixtures::rsa_public_key(*preset));
    }
}
