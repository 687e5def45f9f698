//! Writes the seed corpora (`fuzz/corpus/<target>/`) from the real-card bytes of the project's
//! reference facts and from the simulated card: `seeds [DIR]`. Run by `scripts/fuzz.sh` when a
//! corpus folder is missing; the committed corpora came from it.
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cns_core::{CardSession, CardTransport, TransportError};
use cns_sim::{HolderPreset, QuirkMode, SimCard, SimHandle, fixtures};

fn hex(s: &str) -> Vec<u8> {
    s.split_whitespace().filter_map(|b| u8::from_str_radix(b, 16).ok()).collect()
}

fn put(dir: &Path, target: &str, name: &str, data: &[u8]) -> std::io::Result<()> {
    let d = dir.join(target);
    std::fs::create_dir_all(&d)?;
    std::fs::write(d.join(name), data)
}

/// Records every answer of the simulated card, to replay as a `card_answers` script.
struct Recorder {
    inner: cns_sim::SimTransport,
    atr: Vec<u8>,
    answers: Vec<Vec<u8>>,
}

impl CardTransport for Recorder {
    fn atr(&self) -> &[u8] {
        &self.atr
    }
    fn session(&mut self) -> Result<Box<dyn CardSession + '_>, TransportError> {
        Ok(Box::new(RecSession(self)))
    }
}

struct RecSession<'a>(&'a mut Recorder);

impl CardSession for RecSession<'_> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        let r = self.0.inner.handle().transmit(apdu)?;
        self.0.answers.push(r.clone());
        Ok(r)
    }
}

fn script(atr: &[u8], answers: &[Vec<u8>]) -> Vec<u8> {
    let mut out = vec![u8::try_from(atr.len()).unwrap_or(0)];
    out.extend_from_slice(atr);
    for a in answers {
        if a.len() < 0xFF {
            out.push(u8::try_from(a.len()).unwrap_or(0));
        } else {
            out.push(0xFF);
            out.extend_from_slice(&u16::try_from(a.len()).unwrap_or(0).to_be_bytes());
        }
        out.extend_from_slice(a);
    }
    out
}

fn main() -> ExitCode {
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("corpus"), PathBuf::from);
    match write_all(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("seeds: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_all(dir: &Path) -> std::io::Result<()> {
    // ATRs: every simulated family, and real ones from the reference facts (§4.3)
    for &m in QuirkMode::all() {
        put(dir, "atr", &format!("sim-{m}"), m.atr())?;
    }
    for (i, a) in [
        "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 02 00 01 11 01 43 4E 53 10 31 80 8F",
        "3B DF 18 00 81 31 FE 7D 00 6B 04 0C 01 84 01 11 01 43 4E 53 10 31 80 FC",
        "3B FF 18 00 00 81 31 FE 45 00 6B 05 05 91 20 01 F1 01 43 4E 53 10 31 80 38",
        "3B FF 18 00 00 81 31 FE 45 00 6B 04 05 01 00 01 12 02 48 50 43 10 31 80 6C",
        "3B 8B 80 01 00 31 C1 64 08 92 33 54 00 90 00 F3",
        "3B 88 80 01 00 00 00 00 33 81 91 00 2A",
    ]
    .iter()
    .enumerate()
    {
        put(dir, "atr", &format!("facts-{i}"), &hex(a))?;
    }

    // FCIs from the facts (§1.3, §1.3.1), and every SELECT answer of the simulated card
    put(
        dir,
        "fci",
        "facts-1102",
        &hex(
            "6F 38 80 02 01 90 82 03 01 00 00 83 02 11 02 85 01 01 86 09 00 FF FF FF FF FF FF FF FF 8A 01 05",
        ),
    )?;
    put(
        dir,
        "fci",
        "facts-d003",
        &hex("6F 1B 80 02 00 0A 82 01 01 88 01 E0 83 02 D0 03 8A 01 05 A1 08 8C 02 01 00 9C 02 01 00"),
    )?;
    let paths: &[&[u16]] =
        &[&[0x1000, 0x1003], &[0x1100, 0x1102], &[0x1100, 0x1101], &[0x1000, 0x1002], &[0x1100]];
    for (i, p) in paths.iter().enumerate() {
        let mut card = SimCard::with_mode(QuirkMode::Standard);
        let mut apdu = vec![0x00, 0xA4, 0x08, 0x00, u8::try_from(p.len() * 2).unwrap_or(0)];
        apdu.extend(p.iter().flat_map(|f| f.to_be_bytes()));
        apdu.push(0x00);
        let r = card.process(&apdu);
        put(dir, "fci", &format!("sim-{i}"), r.get(..r.len().saturating_sub(2)).unwrap_or_default())?;
    }

    put(
        dir,
        "status_word",
        "common",
        &hex("90 00 61 10 62 82 63 C2 63 00 67 00 69 82 69 83 6A 82 6C 10 6D 00"),
    )?;

    for &h in HolderPreset::all() {
        let card = SimCard::new(QuirkMode::Standard, h);
        let name = format!("{h:?}");
        if let Some(f) = card.file(&[0x1000, 0x1003]) {
            put(dir, "id_carta", &name, f)?;
        }
        if let Some(f) = card.file(&[0x1100, 0x1102]) {
            put(dir, "personal_data", &name, f)?;
            let used = cns_core::files::personal_data::content_len(f).unwrap_or(f.len());
            put(dir, "personal_data", &format!("{name}-used"), f.get(..used).unwrap_or(f))?;
        }
        if let Some(f) = card.file(&[0x1000, 0x1002]) {
            put(dir, "processor", &name, f)?;
        }
        put(dir, "cert", &name, fixtures::certificate(h))?;
        if let Ok(p) = cns_core::files::personal_data::parse(card.file(&[0x1100, 0x1102]).unwrap_or_default())
        {
            put(dir, "codice_fiscale", &name, p.fiscal_code.as_bytes())?;
        }
    }
    // the worked example of the facts (§2.2)
    put(
        dir,
        "personal_data",
        "facts-example",
        b"00006F0460300801022020080102202605ROSSI05MARIO080101198001M",
    )?;
    put(dir, "codice_fiscale", "omocode", b"RSSMRA80A01H50LZ")?;

    // vpcd: GET ATR, power on, an APDU (SELECT MF), power off, in frames
    let mut v = Vec::new();
    for body in [&[0x04][..], &[0x01], &[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00, 0x00], &[0x00]] {
        v.extend_from_slice(&u16::try_from(body.len()).unwrap_or(0).to_be_bytes());
        v.extend_from_slice(body);
    }
    put(dir, "vpcd", "session", &v)?;

    // card_answers: what each family answers to a status read
    for &m in QuirkMode::all() {
        let handle = SimHandle::new(SimCard::with_mode(m));
        let mut rec = Recorder { inner: handle.transport(), atr: m.atr().to_vec(), answers: Vec::new() };
        let _ = cns_core::card::read_status(&mut rec);
        put(dir, "card_answers", &format!("status-{m}"), &script(&rec.atr, &rec.answers))?;
    }

    put(dir, "settings", "office", b"lang = \"it\"\nmode = \"counter\"\nzoom = 1.25\n")?;
    put(
        dir,
        "settings",
        "user",
        b"lang = \"en\"\npreferred_reader = \"Generic USB Smart Card Reader 00 00\"\n",
    )?;
    p7m_seeds(dir)?;
    put(dir, "tsl", "minimal", TSL_SEED.as_bytes())
}

/// A trusted list with one granted CA/QC service and the shape of an enveloped signature (its
/// values are not a real signature: the target reads around xmlsec1, never through it). The
/// committed corpus also holds a list signed by xmlsec1 (`fuzz/corpus/tsl/signed`).
const TSL_SEED: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="t"><SchemeInformation><TSLSequenceNumber>3</TSLSequenceNumber><SchemeTerritory>IT</SchemeTerritory><ListIssueDateTime>2026-01-01T00:00:00Z</ListIssueDateTime><NextUpdate><dateTime>2026-07-01T00:00:00Z</dateTime></NextUpdate></SchemeInformation><TrustServiceProviderList><TrustServiceProvider><TSPInformation><TSPName><Name xml:lang="it">Prova S.p.A.</Name></TSPName></TSPInformation><TSPServices><TSPService><ServiceInformation><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier><ServiceName><Name xml:lang="en">CA</Name></ServiceName><ServiceDigitalIdentity><DigitalId><X509Certificate>MAMCAQA=</X509Certificate></DigitalId></ServiceDigitalIdentity><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus></ServiceInformation></TSPService></TSPServices></TrustServiceProvider></TrustServiceProviderList><ds:Signature><ds:SignedInfo><ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></ds:Transforms></ds:Reference><ds:Reference URI="#p"/></ds:SignedInfo><ds:KeyInfo><ds:X509Data><ds:X509Certificate>MAMCAQA=</ds:X509Certificate></ds:X509Data></ds:KeyInfo><ds:Object><SignedProperties Id="p"/></ds:Object></ds:Signature></TrustServiceStatusList>
"##;

/// Signed files made by the simulated card through the same code as `cns-manager sign`:
/// attached, detached, signed twice (nested) and base64.
fn p7m_seeds(dir: &Path) -> std::io::Result<()> {
    use cns_cades::SignOptions;
    use cns_cades::card::CardSigner;
    let handle = SimHandle::new(SimCard::new(QuirkMode::Standard, HolderPreset::BianchiGiulia));
    let mut t = handle.transport();
    let cert = cns_core::card::read_certificate(&mut t).map_err(std::io::Error::other)?;
    let content = b"Contratto di locazione - documento di prova\n".repeat(3);
    let sign = |t: &mut cns_sim::SimTransport, detached: bool| -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut signer = CardSigner::new(t, cns_core::Pin::new("12345").expect("valid"), false);
        let r = if detached {
            cns_cades::sign_detached(
                &mut &content[..],
                &mut out,
                &cert,
                &SignOptions::default(),
                &mut signer,
                &mut |_| {},
            )
        } else {
            let len = content.len() as u64;
            cns_cades::sign_attached(
                &mut &content[..],
                len,
                &mut out,
                &cert,
                &SignOptions::default(),
                &mut signer,
                &mut |_| {},
            )
        };
        r.map_err(std::io::Error::other)?;
        Ok(out)
    };
    let attached = sign(&mut t, false)?;
    put(dir, "p7m", "attached", &attached)?;
    put(dir, "p7m", "detached", &sign(&mut t, true)?)?;
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&attached);
    put(dir, "p7m", "attached-base64", b64.as_bytes())?;
    // a signed file whose document is itself a signed file (what a second signer makes)
    let mut nested = Vec::new();
    let mut signer = CardSigner::new(&mut t, cns_core::Pin::new("12345").expect("valid"), false);
    let len = attached.len() as u64;
    cns_cades::sign_attached(
        &mut &attached[..],
        len,
        &mut nested,
        &cert,
        &SignOptions::default(),
        &mut signer,
        &mut |_| {},
    )
    .map_err(std::io::Error::other)?;
    put(dir, "p7m", "nested", &nested)
}
