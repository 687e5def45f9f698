//! How long the card operations take against the in-process simulated card, per quirk mode, and
//! how fast the parsers are. `cargo bench -p cns-tests`. The numbers are the library's own cost
//! (and APDU count): on a real reader each APDU adds its round trip (about 70 µs through pcscd and
//! the virtual reader here, 5–30 ms on a USB reader and a real chip).

use std::hint::black_box;
use std::time::{Duration, Instant};

use cns_core::card;
use cns_core::files::personal_data;
use cns_sim::{Holder, HolderPreset, QuirkMode, SimCard, SimHandle};

fn measure(name: &str, mut f: impl FnMut()) {
    // warm up, then run for about half a second
    for _ in 0..10 {
        f();
    }
    let mut n = 0u32;
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(500) {
        f();
        n += 1;
    }
    let per = start.elapsed() / n;
    println!("{name:<48} {per:>12.2?} per run ({n} runs)");
}

fn main() {
    for &mode in QuirkMode::all() {
        let h = SimHandle::new(SimCard::new(mode, HolderPreset::BianchiGiulia));
        let mut t = h.transport();
        h.clear_log();
        let before = h.commands_received();
        let _ = card::read_status(&mut t);
        let apdus = h.commands_received() - before;
        measure(&format!("read_status, {mode} ({apdus} APDUs)"), || {
            black_box(card::read_status(&mut t).map(|s| s.id.serial.len()).unwrap_or(0));
        });
    }
    let Ok(raw) = Holder::bianchi_giulia().encode_personal_data() else {
        eprintln!("fixture does not encode");
        return;
    };
    measure("personal_data::parse (400 bytes)", || {
        black_box(personal_data::parse(black_box(&raw)).map(|p| p.used_len).unwrap_or(0));
    });
    let der = cns_sim::fixtures::certificate(HolderPreset::BianchiGiulia);
    measure("CertSummary::from_der (RSA 2048 certificate)", || {
        black_box(cns_core::cert::CertSummary::from_der(black_box(der)).map(|c| c.key.bits).unwrap_or(0));
    });
}
