//! The fuzz targets: every parser of outside data, as plain functions of the input bytes.
//!
//! Shared by the coverage-guided harnesses (`fuzz/src/bin/*.rs`, cargo-afl) and by the normal
//! test suite, which replays the seed corpora and every crash input kept in `fuzz/regressions/`
//! (`tests/fuzz_corpus.rs`). A target fails by panicking: on its own (a bug) or on a broken
//! invariant checked here (a length beyond the input, a bound not kept).
//!
//! The settings file has its own target in `fuzz/src/lib.rs` (it lives in the GUI crate).

use std::io::Cursor;

use cns_core::apdu::StatusWord;
use cns_core::card;
use cns_core::cert::{self, CertSummary};
use cns_core::codice_fiscale;
use cns_core::files::{id_carta, personal_data, processor};
use cns_core::profile;
use cns_core::{CardSession, CardTransport, Response, TransportError};

/// Every target, by name (the binaries, the corpus folders).
pub const TARGETS: &[&str] = &[
    "atr",
    "fci",
    "status_word",
    "id_carta",
    "personal_data",
    "processor",
    "codice_fiscale",
    "cert",
    "vpcd",
    "card_answers",
    "settings",
    "p7m",
    "tsl",
    "tst",
    "tsd",
    "m7m",
];

/// Runs target `name` on `data` (all but "settings", see `fuzz/src/lib.rs`). False if unknown.
pub fn run(name: &str, data: &[u8]) -> bool {
    match name {
        "atr" => atr(data),
        "fci" => fci(data),
        "status_word" => status_word(data),
        "id_carta" => id_carta(data),
        "personal_data" => personal_data(data),
        "processor" => processor(data),
        "codice_fiscale" => codice_fiscale(data),
        "cert" => cert(data),
        "vpcd" => vpcd(data),
        "card_answers" => card_answers(data),
        "p7m" => p7m(data),
        "tsl" => tsl(data),
        "tst" => tst(data),
        "tsd" => tsd(data),
        "m7m" => m7m(data),
        _ => return false,
    }
    true
}

pub fn atr(data: &[u8]) {
    if let Ok(info) = profile::parse_atr(data) {
        assert!(data.len() <= profile::MAX_ATR_LEN, "parsed an ATR of {} bytes", data.len());
        assert!(info.historical.len() <= 15, "{} historical bytes", info.historical.len());
        if let Some(h) = &info.cns {
            let _ = (h.app_version_str(), h.app_marker_str(), h.ic_manufacturer_name(), h.os_major());
        }
    }
    let r = profile::recognize(data);
    let _ = (r.is_candidate(), r.marker.to_string());
}

pub fn fci(data: &[u8]) {
    let _ = card::fci_size(data);
}

pub fn status_word(data: &[u8]) {
    for pair in data.chunks(2) {
        if let [a, b] = *pair {
            let sw = StatusWord::from_bytes(a, b);
            assert_eq!(sw.to_bytes(), (a, b), "{sw} does not round-trip");
            let _ = sw.to_string();
        }
    }
    if let Ok(r) = Response::from_bytes(data) {
        assert_eq!(r.data.len() + 2, data.len());
    }
}

pub fn id_carta(data: &[u8]) {
    if let Ok(id) = id_carta::parse(data) {
        let _ = (id.formatted(), id.region(), id.issuer_kind(), id.issuer_code(), id.team_number());
    }
    let _ = (id_carta::luhn_valid(data), id_carta::luhn_check_digit(data));
}

pub fn personal_data(data: &[u8]) {
    if let Some(n) = personal_data::content_len(data) {
        assert!(n <= data.len(), "content_len {n} beyond the {} bytes given", data.len());
    }
    if let Ok(p) = personal_data::parse(data) {
        assert!(p.used_len <= data.len(), "used_len {} beyond {}", p.used_len, data.len());
        assert!(p.fields_read <= personal_data::FIELD_COUNT);
        let _ = (p.full_name(), p.header_interpretation(), p.used_bytes(data).len());
        if let Ok(cf) = codice_fiscale::parse(&p.fiscal_code) {
            let _ = codice_fiscale::cross_check(&cf, &p);
        }
        let _ = cert::personal_data_hash(p.used_bytes(data));
    }
}

pub fn processor(data: &[u8]) {
    if let Ok(p) = processor::parse(data) {
        let _ = p.is_blank();
    }
}

pub fn codice_fiscale(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(cf) = codice_fiscale::parse(&text) {
        let today = time::macros::date!(2026 - 12 - 01);
        let _ = (cf.sex(), cf.birth_day(), cf.birth_month(), cf.birth_place(), cf.is_omocode());
        let _ = cf.birth_date_with(today);
    }
    let _ = codice_fiscale::check_char(&text);
}

pub fn cert(data: &[u8]) {
    if let Some(n) = cert::der_total_length(data) {
        assert!(n >= 2, "a DER length of {n}");
    }
    if let Ok(c) = CertSummary::from_der(data) {
        let today = time::macros::date!(2026 - 12 - 01);
        let _ = (c.to_pem(), c.profile_findings(), c.expiry(today), c.cns_policy(), c.has_client_auth());
        let _ = cert::check_consistency(&c, Some("6090104237815004"), Some("BNCGLI90E52D612W"), None);
    }
}

/// The vpcd stream: frames read off the input, each handed to a simulated card as vpcd would.
pub fn vpcd(data: &[u8]) {
    let mut card = cns_sim::SimCard::default();
    let mut input = Cursor::new(data);
    for _ in 0..64 {
        match cns_vpcd::read_frame(&mut input, &mut || {}) {
            Ok(Some(body)) => {
                assert!(body.len() <= 0xFFFF);
                let _ = cns_vpcd::Message::parse(&body);
                let _ = cns_vpcd::ApduHeader::parse(&body);
                if let Some(reply) = cns_vpcd::handle_message(&mut card, &body) {
                    let mut out = Vec::new();
                    cns_vpcd::write_frame(&mut out, &reply).ok();
                }
            }
            Ok(None) | Err(_) => break,
        }
    }
}

/// A card whose answers are the input: the status read, the certificate and a PIN operation
/// over it must end — with a result or an error — within a bounded number of commands, and
/// never send the PIN to a card whose serial could not be read.
pub fn card_answers(data: &[u8]) {
    let (atr, answers) = split_answers(data);
    let mut t = Scripted { atr, answers, next: 0, sent: 0, pin_sent: 0 };
    let _ = card::read_status(&mut t);
    assert!(t.sent <= MAX_COMMANDS, "status sent {} commands", t.sent);
    t.sent = 0;
    let _ = card::read_certificate(&mut t);
    assert!(t.sent <= MAX_COMMANDS, "read_certificate sent {} commands", t.sent);
    t.sent = 0;
    let r = card::pin_operation(&mut t, cns_core::flow::Operation::VerifyPin, |ctx| {
        cns_core::Command::with_secret(
            0,
            0x20,
            0,
            ctx.pin_ref,
            zeroize::Zeroizing::new(b"12345\xFF\xFF\xFF".to_vec()),
        )
        .ok()
    });
    assert!(t.sent <= MAX_COMMANDS, "verify sent {} commands", t.sent);
    assert!(t.pin_sent <= 1, "the PIN went out {} times", t.pin_sent);
    if let Err(e) = r
        && !e.command_sent
    {
        assert_eq!(t.pin_sent, 0, "a PIN went out but the operation says it did not");
    }
}

/// Bound on the commands of one operation, whatever the card answers.
const MAX_COMMANDS: usize = 400;

/// The input as: ATR length (1 byte), ATR, then answers, each as a length byte and its bytes.
fn split_answers(data: &[u8]) -> (Vec<u8>, Vec<Vec<u8>>) {
    let mut rest = data;
    let take = |n: usize, rest: &mut &[u8]| -> Vec<u8> {
        let n = n.min(rest.len());
        let (a, b) = rest.split_at(n);
        *rest = b;
        a.to_vec()
    };
    let atr_len = usize::from(rest.first().copied().unwrap_or(0));
    rest = rest.get(1..).unwrap_or_default();
    let atr = take(atr_len, &mut rest);
    let mut answers = Vec::new();
    while let Some((&len, tail)) = rest.split_first() {
        rest = tail;
        // 0xFF: a long answer (2-byte length), to reach the oversized cases
        let len = if len == 0xFF {
            let hi = take(2, &mut rest);
            usize::from(u16::from_be_bytes([
                hi.first().copied().unwrap_or(0),
                hi.get(1).copied().unwrap_or(0),
            ]))
        } else {
            usize::from(len)
        };
        answers.push(take(len, &mut rest));
    }
    (atr, answers)
}

struct Scripted {
    atr: Vec<u8>,
    answers: Vec<Vec<u8>>,
    next: usize,
    sent: usize,
    pin_sent: usize,
}

impl CardTransport for Scripted {
    fn atr(&self) -> &[u8] {
        &self.atr
    }
    fn session(&mut self) -> Result<Box<dyn CardSession + '_>, TransportError> {
        Ok(Box::new(ScriptedSession(self)))
    }
}

struct ScriptedSession<'a>(&'a mut Scripted);

impl CardSession for ScriptedSession<'_> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        let s = &mut *self.0;
        s.sent += 1;
        if apdu.get(1) == Some(&0x20) && apdu.len() > 5 {
            s.pin_sent += 1;
        }
        if s.sent > 10 * MAX_COMMANDS {
            // an unbounded loop: fail here rather than spin until the fuzzer's timeout
            return Err(TransportError::Unresponsive);
        }
        // when the script runs out, the card is gone
        let a = s.answers.get(s.next).cloned().ok_or(TransportError::CardRemoved)?;
        s.next += 1;
        Ok(a)
    }
}

/// A signed file (`.p7m`, CAdES, DER, BER or base64/PEM, possibly nested) through the whole
/// verification the `verify` command does, document extraction included. The file goes through
/// the file system because that is the only way in (`verify` streams from a path); the temporary
/// file is per process and thread.
pub fn p7m(data: &[u8]) {
    use std::sync::OnceLock;
    // The in-memory BER reader alone (certificates and signer infos pass through it): its DER
    // form is DER (reading it again changes nothing) and grows by at most the indefinite
    // headers made definite.
    if let Ok(der) = cns_cades::ber::to_der(data) {
        assert!(der.len() <= 3 * data.len() + 16, "{} DER bytes from {}", der.len(), data.len());
        assert_eq!(cns_cades::ber::to_der(&der).ok().as_ref(), Some(&der), "DER form not stable");
        let _ = cns_cades::parse::stored_signed_attrs(&der);
    }
    static TRUST: OnceLock<cns_cades::TrustStore> = OnceLock::new();
    let trust = TRUST.get_or_init(|| {
        let mut t = cns_cades::TrustStore::new();
        let ca = cns_sim::fixtures::ca_certificate(cns_sim::HolderPreset::BianchiGiulia);
        // the simulated card's issuer, so that seeds signed by it reach the chain checks
        assert!(t.add(ca).is_ok(), "the simulated CA does not parse");
        t
    });
    let path = std::env::temp_dir().join(format!(
        "cns-fuzz-p7m-{}-{:?}.p7m",
        std::process::id(),
        std::thread::current().id()
    ));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let mut document = Vec::new();
    let report = cns_cades::verify(
        &path,
        cns_cades::VerifyOptions {
            trust,
            crls: vec![],
            fetch_crl: None,
            detached_content: None,
            extract_to: Some(&mut document),
            progress: None,
        },
    );
    let _ = std::fs::remove_file(&path);
    if let Ok(report) = report {
        let _ = report.verdict();
        // no layer only for a time-stamped bundle around a document that is not signed
        assert!(
            !report.layers.is_empty() || report.container.as_ref().is_some_and(|c| !c.inner_signed),
            "a report with no layer"
        );
        // no amplification: the document comes out of the file, never bigger than it
        assert!(document.len() <= data.len(), "{} bytes extracted from {}", document.len(), data.len());
        for s in report.signers() {
            let _ = format!("{s:?}");
        }
    }
}

/// A trusted list (ETSI TS 119 612) through what reads it around the signature check: the
/// signature's shape (run before xmlsec1 sees the file) and the list itself (after). The
/// xmlsec1 subprocess is not fuzzed here: it is its own program.
pub fn tsl(data: &[u8]) {
    let Ok(doc) = cns_tsl::list::document(data) else { return };
    if let Ok(env) = cns_tsl::envelope::check(&doc) {
        for c in &env.embedded_certificates {
            assert!(!c.is_empty() && c.len() <= data.len(), "an embedded certificate of {} bytes", c.len());
        }
    }
    if let Ok(list) = cns_tsl::list::parse_document(&doc) {
        assert_eq!(list.territory.len(), 2, "territory {:?}", list.territory);
        for s in &list.services {
            assert!(s.certificates.iter().all(|c| !c.is_empty() && c.len() <= data.len()));
        }
        let trusted = list.trusted_services().count();
        assert!(trusted <= list.services.len());
    }
}

/// An RFC 3161 time-stamp: the bytes as a TimeStampResp (`.tsr`) or a bare token, its TSTInfo
/// read; and the bytes as a TSTInfo themselves.
pub fn tst(data: &[u8]) {
    use cns_cades::tst;
    if let Ok(token) = tst::token_of(data) {
        assert!(token.len() <= data.len(), "a token of {} bytes out of {}", token.len(), data.len());
        if let Ok((_, info)) = tst::open_token(&token) {
            assert!(info.len() <= tst::MAX_TST_INFO, "a TSTInfo of {} bytes", info.len());
            let _ = tst::parse_tst_info(&info);
        }
    }
    if let Ok(info) = tst::parse_tst_info(data) {
        assert!(info.serial_hex.len() % 2 == 0, "serial {}", info.serial_hex);
        assert!(info.hashed_message.len() <= data.len());
    }
}

/// A `.tsd` (RFC 5544 TimeStampedData) opened: the document streams to a temporary file.
pub fn tsd(data: &[u8]) {
    if let Ok(opened) = cns_cades::container::open_tsd(&mut cns_cades::ber::Counting::new(data)) {
        bundle_bounds(&opened, data);
    }
}

/// An `.m7m` (MIME bundle of a `.p7m` and its time-stamp) opened.
pub fn m7m(data: &[u8]) {
    if let Ok(opened) = cns_cades::container::open_m7m(&mut std::io::BufReader::new(data)) {
        bundle_bounds(&opened, data);
    }
}

/// No amplification: the inner file and the tokens come out of the bundle, never bigger.
fn bundle_bounds(opened: &cns_cades::container::Opened, data: &[u8]) {
    let inner = std::fs::metadata(opened.inner.path()).map(|m| m.len()).unwrap_or(0);
    assert!(inner <= data.len() as u64, "{inner} bytes out of {}", data.len());
    assert!(!opened.tokens.is_empty() && opened.tokens.len() <= cns_cades::timestamp::MAX_TOKENS);
    for (token, digests) in &opened.tokens {
        assert!(token.len() <= data.len());
        assert_eq!(digests.len(), 4, "a digest under every algorithm");
    }
}
