//! "Verifica un documento" in the whole app, headless: a CAdES-T file of the EU DSS project and
//! an `.m7m` made with OpenSSL's CA and TSA, dropped on the window, show their time-stamp line.
//! Needs `openssl` on PATH.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

#[path = "../../cns-cades/tests/support/openssl_pki.rs"]
mod openssl_pki;
#[path = "../../cns-cades/tests/support/openssl_tsa.rs"]
mod openssl_tsa;

use std::path::Path;

use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use support::{drop_file, wait_label};

#[test]
fn a_dropped_cades_t_file_shows_its_time_stamp() {
    let handle = SimHandle::default();
    let mut h = support::app_sized(&handle, Lang::It, [1000.0, 900.0]);
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cns-cades/tests/corpus/dss-CAdES-BpT.p7m");
    drop_file(&mut h, &file);
    wait_label(&mut h, "Verifica un documento");
    // Italian time (CEST) of the token's genTime 2024-07-14T20:24:37Z; nobody trusted here.
    wait_label(&mut h, "Marca temporale: 14/07/2024 22:24 (tsa.izenpe.com) ⚠ non fidata");
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_dropped_m7m_shows_the_bundles_time_stamp_and_its_signer() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    openssl_pki::make_ca(d, "/CN=Test Root TS/O=Test", "http://crl.invalid/ca.crl");
    openssl_pki::make_holder(d, "alice", "/CN=Alice Test", "20240101000000Z", "20991231000000Z");
    openssl_tsa::make_tsa(d);
    std::fs::write(d.join("doc.txt"), b"Fattura 2026/001\n").unwrap();
    openssl_pki::cms_sign(d, "doc.txt", "alice", "DER", "doc.txt.p7m");
    let p7m = std::fs::read(d.join("doc.txt.p7m")).unwrap();
    let (tsr, _) = openssl_tsa::stamp(d, &p7m);
    let m7m = d.join("doc.txt.m7m");
    std::fs::write(&m7m, openssl_tsa::m7m(d, &p7m, &tsr)).unwrap();

    let handle = SimHandle::default();
    let mut h = support::app_sized(&handle, Lang::En, [1000.0, 900.0]);
    drop_file(&mut h, &m7m);
    wait_label(&mut h, "Timestamped file");
    wait_label(&mut h, "(Test TSA) ⚠ not trusted");
    wait_label(&mut h, "Alice Test");
}
