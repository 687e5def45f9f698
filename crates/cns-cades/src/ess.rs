//! ESS signing-certificate attributes (RFC 2634 §5.4, RFC 5035 §3), which bind the signer's
//! certificate into the signed attributes (required by CAdES-BES).

use crate::oids;
use der::Sequence;
use der::asn1::OctetString;
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::name::{GeneralName, GeneralNames};
use x509_cert::serial_number::SerialNumber;

/// `SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }`
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
    pub policies: Option<Vec<der::Any>>,
}

/// `ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash, issuerSerial OPTIONAL }`
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EssCertIdV2 {
    /// `None` is the DEFAULT, SHA-256 (DER omits a default value).
    pub hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub cert_hash: OctetString,
    pub issuer_serial: Option<IssuerSerial>,
}

/// `SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID, policies OPTIONAL }` (v1,
/// SHA-1), still found in files made by older tools.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SigningCertificate {
    pub certs: Vec<EssCertId>,
    pub policies: Option<Vec<der::Any>>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EssCertId {
    pub cert_hash: OctetString,
    pub issuer_serial: Option<IssuerSerial>,
}

/// `IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }`
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct IssuerSerial {
    pub issuer: GeneralNames,
    pub serial_number: SerialNumber,
}

impl EssCertIdV2 {
    /// The hash algorithm, DEFAULT applied.
    pub fn hash_oid(&self) -> der::asn1::ObjectIdentifier {
        self.hash_algorithm.as_ref().map_or(oids::SHA256, |a| a.oid)
    }
}

impl SigningCertificateV2 {
    /// The attribute value for `cert` (DER bytes `cert_der`): SHA-256 of the certificate and
    /// its issuer and serial number.
    pub fn for_certificate(cert: &x509_cert::Certificate, cert_der: &[u8]) -> der::Result<Self> {
        let hash = crate::oids::DigestAlg::Sha256.digest(cert_der);
        let tbs = cert.tbs_certificate();
        Ok(SigningCertificateV2 {
            certs: vec![EssCertIdV2 {
                hash_algorithm: None,
                cert_hash: OctetString::new(hash)?,
                issuer_serial: Some(IssuerSerial {
                    issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                    serial_number: tbs.serial_number().clone(),
                }),
            }],
            policies: None,
        })
    }
}
