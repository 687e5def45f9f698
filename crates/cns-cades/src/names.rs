//! Distinguished names compared as RFC 5280 §7.1 asks (and as OpenSSL's `X509_NAME_cmp` does):
//! string values compare whatever type encodes them (PrintableString, UTF8String, BMPString...),
//! case-insensitively, with leading, trailing and repeated inner whitespace ignored. Issuers are
//! written by one program and repeated by another (a signing-certificate attribute, a CRL), which
//! often re-encodes the strings; byte-for-byte comparison would call such names different.

use x509_cert::name::Name;

/// Whether `a` and `b` name the same entity.
pub fn same_name(a: &Name, b: &Name) -> bool {
    a == b || canonical(a) == canonical(b)
}

/// One attribute value: folded text for strings, tag and bytes for anything else.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    Text(String),
    Other(u8, Vec<u8>),
}

fn canonical(n: &Name) -> Vec<Vec<(String, Value)>> {
    n.iter_rdn()
        .map(|rdn| {
            let mut atvs: Vec<(String, Value)> =
                rdn.iter().map(|atv| (atv.oid.to_string(), value(&atv.value))).collect();
            atvs.sort();
            atvs
        })
        .collect()
}

fn value(v: &der::Any) -> Value {
    use der::{Tag, Tagged};
    let text = match v.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString | Tag::TeletexString => {
            String::from_utf8(v.value().to_vec()).ok()
        }
        Tag::BmpString if v.value().len().is_multiple_of(2) => {
            let units: Vec<u16> =
                v.value().chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    };
    match text {
        Some(t) => Value::Text(t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()),
        None => Value::Other(v.tag().number().value() as u8, v.value().to_vec()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use der::Decode;

    /// A Name of one RDN (CN) with the string tag `tag` and text `cn`, plus C=IT.
    fn name(tag: u8, cn: &str) -> Name {
        let c = [0x31, 0x0B, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x02, b'I', b'T'];
        let mut atv = vec![0x06, 0x03, 0x55, 0x04, 0x03, tag, cn.len() as u8];
        atv.extend_from_slice(cn.as_bytes());
        let mut seq = vec![0x30, atv.len() as u8];
        seq.extend(atv);
        let mut set = vec![0x31, seq.len() as u8];
        set.extend(seq);
        let mut body = c.to_vec();
        body.extend(set);
        let mut der = vec![0x30, body.len() as u8];
        der.extend(body);
        Name::from_der(&der).unwrap()
    }

    #[test]
    fn string_types_case_and_spaces_do_not_make_names_different() {
        let printable = name(0x13, "Actalis Qualified CA");
        assert!(same_name(&printable, &name(0x0C, "Actalis Qualified CA")));
        assert!(same_name(&printable, &name(0x0C, "  ACTALIS   qualified CA ")));
        assert!(!same_name(&printable, &name(0x0C, "Actalis Qualified CA 2")));
        assert!(!same_name(&printable, &name(0x0C, "ActalisQualified CA")));
    }
}
