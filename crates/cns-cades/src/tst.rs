//! RFC 3161 time-stamp structures, read by hand over the crate's BER reader: TSTInfo (what a
//! time-stamping authority vouches for) and TimeStampResp (the `.tsr` a TSA answers with). Pure
//! functions over bytes held in memory; every part is capped by the caller.
//!
//! Hand-read rather than through a derived `der` struct because real tokens carry a genTime with
//! fractional seconds (`20200312101500.123Z`), which `der`'s GeneralizedTime refuses, and BER
//! encodings that only [`ber::to_der`] turns into DER.

use crate::ber::{self, Counting};
use crate::parse::{self, elements};
use crate::{Result, malformed, oids};
use der::Decode;
use der::asn1::ObjectIdentifier;
use spki::AlgorithmIdentifierOwned;
use std::time::SystemTime;
use x509_cert::ext::pkix::name::GeneralName;

/// Largest TSTInfo read: real ones are a few hundred bytes.
pub const MAX_TST_INFO: usize = 64 * 1024;
/// Largest token (certificates included): real ones are a few KiB.
pub const MAX_TOKEN: u64 = 1024 * 1024;

/// The TSTInfo fields a verifier needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TstInfo {
    pub policy: ObjectIdentifier,
    pub hash_algorithm: ObjectIdentifier,
    pub hashed_message: Vec<u8>,
    /// The token's serial number, upper-case hex.
    pub serial_hex: String,
    pub gen_time: SystemTime,
    /// The `tsa` field (a GeneralName) as text, when present.
    pub tsa: Option<String>,
}

fn tag_of(tlv: &[u8]) -> u8 {
    tlv.first().copied().unwrap_or(0)
}

/// Reads a DER or BER TSTInfo.
pub fn parse_tst_info(bytes: &[u8]) -> Result<TstInfo> {
    if bytes.len() > MAX_TST_INFO {
        return Err(crate::CadesError::TooLarge { what: "TSTInfo", len: bytes.len() as u64 });
    }
    let der = ber::to_der(bytes)?;
    let fields = elements(&der, "TSTInfo")?;
    let mut it = fields.iter();
    let mut next = |what: &str, tag: u8| -> Result<&Vec<u8>> {
        let f = it.next().ok_or_else(|| malformed(format!("TSTInfo: no {what}")))?;
        if tag_of(f) != tag {
            return Err(malformed(format!("TSTInfo: {what} has tag {:02X}", tag_of(f))));
        }
        Ok(f)
    };
    let version = der::asn1::Int::from_der(next("version", 0x02)?)?;
    if version.as_bytes() != [1] {
        return Err(malformed("TSTInfo: version is not 1"));
    }
    let policy = ObjectIdentifier::from_der(next("policy", 0x06)?)?;
    let imprint = elements(next("messageImprint", ber::TAG_SEQUENCE)?, "messageImprint")?;
    let [alg, hashed] = imprint.as_slice() else {
        return Err(malformed("TSTInfo: messageImprint is not two fields"));
    };
    let hash_algorithm = AlgorithmIdentifierOwned::from_der(alg)?.oid;
    let hashed_message = der::asn1::OctetString::from_der(hashed)?.as_bytes().to_vec();
    let serial = der::asn1::Int::from_der(next("serialNumber", 0x02)?)?;
    let serial_hex = serial.as_bytes().iter().map(|b| format!("{b:02X}")).collect();
    let gen_time = generalized_time(next("genTime", 0x18)?)?;
    let mut tsa = None;
    for f in fields.iter().skip(5) {
        // accuracy (SEQUENCE), ordering (BOOLEAN), nonce (INTEGER) are not needed; [0] is tsa.
        match tag_of(f) {
            0x30 | 0x01 | 0x02 | 0xA1 => {}
            0xA0 => {
                let inner = elements(f, "tsa")?;
                tsa =
                    inner.first().and_then(|g| GeneralName::from_der(g).ok()).map(|g| general_name_text(&g));
            }
            t => return Err(malformed(format!("TSTInfo: unexpected tag {t:02X}"))),
        }
    }
    Ok(TstInfo { policy, hash_algorithm, hashed_message, serial_hex, gen_time, tsa })
}

fn general_name_text(g: &GeneralName) -> String {
    match g {
        GeneralName::DirectoryName(n) => {
            let cn = crate::trust::name_cn(n);
            if cn.is_empty() { n.to_string() } else { cn }
        }
        GeneralName::DnsName(s) => s.to_string(),
        GeneralName::UniformResourceIdentifier(s) => s.to_string(),
        GeneralName::Rfc822Name(s) => s.to_string(),
        other => format!("{other:?}"),
    }
}

/// A DER GeneralizedTime `YYYYMMDDHHMMSS[.f*]Z` (RFC 3161 §2.4.2: fractions allowed, UTC).
pub fn generalized_time(tlv: &[u8]) -> Result<SystemTime> {
    let bad = || malformed("genTime is not a UTC GeneralizedTime");
    let value =
        tlv.get(2..).filter(|_| tlv.len() >= 2 && tlv[1] as usize == tlv.len() - 2).ok_or_else(bad)?;
    let text = std::str::from_utf8(value).map_err(|_| bad())?;
    let text = text.strip_suffix('Z').ok_or_else(bad)?;
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    if whole.len() != 14 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| whole[r].parse::<u16>().map_err(|_| bad());
    let dt = der::DateTime::new(
        num(0..4)?,
        num(4..6)? as u8,
        num(6..8)? as u8,
        num(8..10)? as u8,
        num(10..12)? as u8,
        num(12..14)? as u8,
    )
    .map_err(|_| bad())?;
    let mut t = SystemTime::UNIX_EPOCH + dt.unix_duration();
    if let Some(f) = fraction {
        let digits: String = f.chars().take(9).collect();
        let nanos = digits.parse::<u32>().map_err(|_| bad())? * 10u32.pow(9 - digits.len() as u32);
        t += std::time::Duration::from_nanos(u64::from(nanos));
    }
    Ok(t)
}

/// The TimeStampToken inside `bytes`: the bytes themselves when they are a token (a ContentInfo
/// holding a SignedData), or the token of a TimeStampResp (`.tsr`: status, then the token).
/// A response whose status is not granted (0) or granted with modifications (1) holds none.
pub fn token_of(bytes: &[u8]) -> Result<Vec<u8>> {
    if bytes.len() as u64 > MAX_TOKEN {
        return Err(crate::CadesError::TooLarge { what: "time-stamp token", len: bytes.len() as u64 });
    }
    if parse::looks_like_signed_data(bytes) {
        return Ok(bytes.to_vec());
    }
    let fields = elements(bytes, "TimeStampResp")?;
    let status = fields.first().ok_or_else(|| malformed("TimeStampResp: no status"))?;
    let status_fields = elements(status, "PKIStatusInfo")?;
    let code = status_fields
        .first()
        .and_then(|s| der::asn1::Int::from_der(&ber::to_der(s).ok()?).ok())
        .ok_or_else(|| malformed("TimeStampResp: no status code"))?;
    if !matches!(code.as_bytes(), [0] | [1]) {
        return Err(malformed("the time-stamp response says the request was refused"));
    }
    let token = fields.get(1).ok_or_else(|| malformed("TimeStampResp: no token"))?;
    if !parse::looks_like_signed_data(token) {
        return Err(malformed("TimeStampResp: the token is not a signed structure"));
    }
    Ok(token.clone())
}

/// The content (TSTInfo bytes) and envelope of a token.
pub fn open_token(token: &[u8]) -> Result<(parse::Envelope, Vec<u8>)> {
    let mut content = Vec::new();
    let mut sink = |chunk: &[u8]| {
        if content.len() + chunk.len() > MAX_TST_INFO {
            return Err(crate::CadesError::TooLarge {
                what: "TSTInfo",
                len: (content.len() + chunk.len()) as u64,
            });
        }
        content.extend_from_slice(chunk);
        Ok(())
    };
    let mut r = Counting::new(token);
    let env = parse::read_envelope(&mut r, &mut sink)?;
    if env.econtent_type != oids::TST_INFO {
        return Err(malformed(format!("the token holds {}, not a TSTInfo", env.econtent_type)));
    }
    if env.content_len.is_none() {
        return Err(malformed("the token holds no TSTInfo"));
    }
    Ok((env, content))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gt(s: &str) -> Vec<u8> {
        let mut v = vec![0x18, s.len() as u8];
        v.extend_from_slice(s.as_bytes());
        v
    }

    #[test]
    fn gen_time_with_and_without_fractions() {
        let base = generalized_time(&gt("20200312101500Z")).unwrap();
        assert_eq!(crate::trust::unix_seconds(base), 1_584_008_100);
        let frac = generalized_time(&gt("20200312101500.25Z")).unwrap();
        assert_eq!(frac.duration_since(base).unwrap().as_millis(), 250);
        for bad in
            ["20200312101500", "2020031210150Z", "20200312101500.Z", "20201312101500Z", "2020031210150xZ"]
        {
            assert!(generalized_time(&gt(bad)).is_err(), "{bad}");
        }
        assert!(generalized_time(&[0x18, 9, b'2']).is_err(), "length beyond the bytes");
    }
}
