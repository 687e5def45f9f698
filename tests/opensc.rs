//! OpenSC as an independent PC/SC client of the simulated card: its `itacns` driver must
//! recognise an Italian CNS (PIN CNS0 with reference 0x10, certificate CNS0) and read the same
//! certificate, byte for byte, that `cns-manager export-cert` writes.
//!
//! Runs through the same pcscd as the e2e tests (`support/rig.rs`); skipped unless
//! `CNS_PCSCD_TESTS` is set. With the rig set up, a missing `pkcs15-tool` is a failure:
//! `scripts/setup-debian.sh` installs `opensc`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use cns_tests::rig::{Card, Rig, Run, rig, run};

const FIXTURE_DER: &[u8] = include_bytes!("../crates/cns-sim/fixtures/bianchi-giulia.der");

fn opensc(rig: &Rig, card: &Card, program: &str, args: &[&str]) -> Run {
    let mut c = rig.client(program);
    // --no-cache is passed too; a private HOME keeps OpenSC's file cache out of the real one
    c.env("HOME", card.dir()).args(args);
    run(c, None, Duration::from_secs(30))
}

fn have(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

fn pem_blocks(text: &str) -> Vec<Vec<u8>> {
    use base64::Engine as _;
    let mut out = Vec::new();
    let mut body: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if line == "-----BEGIN CERTIFICATE-----" {
            body = Some(String::new());
        } else if line == "-----END CERTIFICATE-----" {
            let b = body.take().unwrap();
            out.push(base64::engine::general_purpose::STANDARD.decode(b).unwrap());
        } else if let Some(b) = body.as_mut() {
            b.push_str(line);
        }
    }
    out
}

#[test]
fn pkcs15_tool_sees_an_italian_cns_and_the_same_certificate() {
    let Some(rig) = rig("pkcs15_tool_sees_an_italian_cns_and_the_same_certificate") else { return };
    assert!(have("pkcs15-tool") && have("opensc-tool"), "OpenSC is not installed (scripts/setup-debian.sh)");
    let card = rig.card(cns_tests::rig::CardOpts::standard());

    // OpenSC's card driver for the Italian CNS
    let r = opensc(rig, &card, "opensc-tool", &["--reader", card.reader(), "--name"]);
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(r.stdout.trim(), "CNS card", "{r}");

    let r = opensc(
        rig,
        &card,
        "pkcs15-tool",
        &[
            "--no-cache",
            "--reader",
            card.reader(),
            "--list-pins",
            "--list-certificates",
            "--read-certificate",
            "01",
        ],
    );
    assert_eq!(r.code, 0, "{r}");
    let out = &r.stdout;
    for want in
        ["X.509 Certificate [CNS0]", "PIN [PIN CNS0]", "PIN [PUK CNS0]", "Path           : 3f0011001101"]
    {
        assert!(out.contains(want), "{want:?} missing:\n{r}");
    }
    let pin_section = out.split("PIN [PIN CNS0]").nth(1).unwrap();
    let pin_section = pin_section.split("PIN [PUK CNS0]").next().unwrap();
    assert!(pin_section.contains("Reference      : 16 (0x10)"), "{pin_section}");
    assert!(pin_section.contains("min_len:5, max_len:8"), "{pin_section}");

    let certs = pem_blocks(out);
    assert_eq!(certs.len(), 1, "{r}");
    assert!(certs[0] == FIXTURE_DER, "OpenSC's certificate differs from the fixture");

    // byte-identical to what cns-manager exports
    let der_path = card.dir().join("cns-manager.der");
    let e = card.cli("export-cert", &["--out", der_path.to_str().unwrap()]);
    assert_eq!(e.code, 0, "{e}");
    assert!(
        std::fs::read(&der_path).unwrap() == certs[0],
        "cns-manager and OpenSC read different certificates"
    );

    // OpenSC listed the PINs without spending a try
    let s = card.state();
    assert_eq!((s.pin_tries_left(), s.puk_tries_left()), (3, 8));
}

#[test]
fn pkcs15_tool_by_reader_index() {
    let Some(rig) = rig("pkcs15_tool_by_reader_index") else { return };
    assert!(have("pkcs15-tool") && have("opensc-tool"), "OpenSC is not installed (scripts/setup-debian.sh)");
    let card = rig.card(cns_tests::rig::CardOpts::standard());

    // "Nr.  Card  Features  Name" / "3    Yes             CNS Test 2 00 01"
    let r = opensc(rig, &card, "opensc-tool", &["--list-readers"]);
    assert_eq!(r.code, 0, "{r}");
    let line = r
        .stdout
        .lines()
        .find(|l| l.trim_end().ends_with(card.reader()))
        .unwrap_or_else(|| panic!("{} not listed: {r}", card.reader()));
    let mut cols = line.split_whitespace();
    let index = cols.next().unwrap().to_owned();
    assert!(index.parse::<u32>().is_ok(), "{line}");
    assert_eq!(cols.next(), Some("Yes"), "{line}");

    let r =
        opensc(rig, &card, "pkcs15-tool", &["--no-cache", "--reader", &index, "--read-certificate", "01"]);
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(pem_blocks(&r.stdout), vec![FIXTURE_DER.to_vec()], "{r}");
}

/// The 2025 applet card: OpenSC's itacns driver claims it by its ATR ("CNS card") and then cannot
/// bind it (issue #3804, "PKCS#15 binding failed"), while cns-manager reads everything. The
/// command is the issue's. Anything else OpenSC does here (reads the card, fails another way,
/// no longer names it a CNS) fails this test with "OpenSC's behaviour changed", and the README's
/// comparison must then change.
#[test]
fn pkcs15_tool_fails_on_the_2025_applet_card_where_cns_manager_reads_it() {
    let Some(rig) = rig("pkcs15_tool_fails_on_the_2025_applet_card_where_cns_manager_reads_it") else {
        return;
    };
    assert!(have("pkcs15-tool") && have("opensc-tool"), "OpenSC is not installed (scripts/setup-debian.sh)");
    let card = rig.card(cns_tests::rig::CardOpts::new(cns_sim::QuirkMode::Applet2025));

    // OpenSC names the card by its ATR: the classic G&D CNS one
    let r = opensc(rig, &card, "opensc-tool", &["--reader", card.reader(), "--name"]);
    assert!(r.code == 0 && r.stdout.trim() == "CNS card", "OpenSC's behaviour changed: {r}");

    let r = opensc(
        rig,
        &card,
        "pkcs15-tool",
        &[
            "--no-cache",
            "--reader",
            card.reader(),
            "--list-info",
            "--list-certificates",
            "--list-pins",
            "--read-certificate",
            "01",
        ],
    );
    let expected_failure = r.code != 0
        && r.stderr.contains(EXPECTED_BINDING_FAILURE)
        && pem_blocks(&r.stdout).is_empty()
        && !r.stdout.contains("X.509 Certificate");
    assert!(expected_failure, "OpenSC's behaviour changed: {r}");

    let s = card.cli("status", &["--json"]);
    assert_eq!(s.code, 0, "{s}");
    let j = s.json();
    assert_eq!(j["card"]["generation"], "applet2025", "{j}");
    assert_eq!(j["holder"]["fiscal_code"], "BNCGLI90E52D612W", "{j}");
    assert_eq!(j["pin"]["tries_left"], 3, "{j}");
    assert_eq!(j["certificate"]["key_bits"], 2048, "{j}");
    let der_path = card.dir().join("cert.der");
    let e = card.cli("export-cert", &["--out", der_path.to_str().unwrap()]);
    assert_eq!(e.code, 0, "{e}");
    assert!(std::fs::read(&der_path).unwrap() == FIXTURE_DER, "cns-manager exported another certificate");
}

/// What pkcs15-tool prints when OpenSC cannot bind a card (issue #3804 shows the same words).
const EXPECTED_BINDING_FAILURE: &str = "PKCS#15 binding failed";
