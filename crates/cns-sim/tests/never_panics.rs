//! `process` answers anything, whatever the bytes and the state.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cns_sim::{QuirkMode, SimCard};
use proptest::prelude::*;

fn mode() -> impl Strategy<Value = QuirkMode> {
    prop::sample::select(QuirkMode::all().to_vec())
}

/// Commands that look like CNS commands: the interesting paths are reached more often.
fn cns_like() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(vec![0x00u8, 0x00, 0x00, 0x0C, 0x80, 0xFF]),
        prop::sample::select(vec![0xA4u8, 0xB0, 0x20, 0x24, 0x2C, 0xC0, 0x84, 0xB1]),
        prop::sample::select(vec![0x00u8, 0x01, 0x03, 0x04, 0x07, 0x08, 0x09, 0x80, 0xFF]),
        prop::sample::select(vec![0x00u8, 0x0C, 0x10, 0x11, 0x90, 0x91, 0xFF]),
        prop::collection::vec(any::<u8>(), 0..24),
        prop::option::of(any::<u8>()),
        any::<bool>(),
    )
        .prop_map(|(cla, ins, p1, p2, data, le, honest_lc)| {
            let mut v = vec![cla, ins, p1, p2];
            if !data.is_empty() {
                v.push(if honest_lc { data.len() as u8 } else { data[0] });
                v.extend_from_slice(&data);
            }
            if let Some(le) = le {
                v.push(le);
            }
            v
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(m in mode(), apdus in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..300), 1..8)) {
        let mut card = SimCard::with_mode(m);
        for apdu in apdus {
            let r = card.process(&apdu);
            prop_assert!(r.len() >= 2 && r.len() <= 258);
        }
    }

    #[test]
    fn cns_like_sequences(m in mode(), apdus in prop::collection::vec(cns_like(), 1..40)) {
        let mut card = SimCard::with_mode(m);
        let mut max_tries = (card.pin_max_tries(), card.puk_max_tries());
        for apdu in apdus {
            let r = card.process(&apdu);
            prop_assert!(r.len() >= 2 && r.len() <= 258);
            prop_assert!(card.pin_tries_left() <= max_tries.0);
            prop_assert!(card.puk_tries_left() <= max_tries.1);
            max_tries = (card.pin_max_tries(), card.puk_max_tries());
        }
        // Whatever happened, the state still saves and loads.
        let back = SimCard::load_state(&card.save_state());
        prop_assert!(back.is_ok());
    }
}
