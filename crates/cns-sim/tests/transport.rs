//! SimHandle / SimTransport: presence, removal, reset, the command log.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use cns_core::{CardTransport, Pin, StatusWord, TransportError, commands, exchange};
use cns_sim::{LoggedCommand, QuirkMode, SimCard, SimHandle};
use common::hex;

#[test]
fn transmits_through_a_session() {
    let h = SimHandle::default();
    let mut t = h.transport();
    assert_eq!(t.atr(), QuirkMode::Standard.atr());
    let mut s = t.session().unwrap();
    assert_eq!(s.transmit(&hex("00 A4 00 0C 02 10 00")).unwrap(), hex("90 00"));
    let r = exchange(&mut *s, &commands::select_path(&[0x1000, 0x1003]).unwrap()).unwrap();
    assert!(r.is_ok());
    let r = exchange(&mut *s, &commands::read_binary(0, 0)).unwrap();
    assert_eq!(r.data, b"6090104237815004");
    assert!(!s.was_reset());
    drop(s);
    assert_eq!(h.commands_received(), 3);
}

#[test]
fn the_log_keeps_headers_and_lengths_never_data() {
    let h = SimHandle::default();
    let mut t = h.transport();
    {
        let mut s = t.session().unwrap();
        let pin = Pin::new("97531").unwrap();
        let r = exchange(&mut *s, &commands::verify(0x10, &pin)).unwrap();
        assert_eq!(r.sw, StatusWord::WrongPin { tries_left: 2 });
        exchange(&mut *s, &commands::read_binary(0, 0)).unwrap();
        exchange(&mut *s, &commands::verify_status(0x10)).unwrap();
    }
    assert_eq!(
        h.command_log(),
        vec![
            LoggedCommand { header: [0x00, 0x20, 0x00, 0x10], lc: Some(8), le: None },
            LoggedCommand { header: [0x00, 0xB0, 0x00, 0x00], lc: None, le: Some(0) },
            LoggedCommand { header: [0x00, 0x20, 0x00, 0x10], lc: None, le: None },
        ]
    );
    assert_eq!(h.command_headers()[0], [0x00, 0x20, 0x00, 0x10]);
    let dump = format!("{:?}", h.command_log());
    assert!(!dump.contains("57") && !dump.contains("0x39"), "{dump}");
    h.clear_log();
    assert_eq!(h.commands_received(), 0);
    assert!(h.command_log().is_empty());
}

#[test]
fn removed_card() {
    let h = SimHandle::default();
    let mut t = h.transport();
    assert!(h.is_present());
    h.remove();
    assert!(!h.is_present());
    assert!(matches!(t.session().err(), Some(TransportError::NoCard)));
    assert!(matches!(t.reset(), Err(TransportError::NoCard)));
    assert!(matches!(h.transmit(&hex("00 A4 00 00")), Err(TransportError::CardRemoved)));
    assert_eq!(h.commands_received(), 0, "a card that is out receives nothing");
    h.insert();
    assert!(t.session().is_ok());
}

#[test]
fn removal_mid_session() {
    let h = SimHandle::default();
    let mut t = h.transport();
    let mut s = t.session().unwrap();
    assert!(s.transmit(&hex("00 A4 00 00 02 10 00")).is_ok());
    h.remove();
    assert!(matches!(s.transmit(&hex("00 A4 00 00 02 10 03")), Err(TransportError::CardRemoved)));
}

#[test]
fn removal_after_n_commands() {
    let mut card = SimCard::default();
    card.quirks_mut().remove_after_commands = Some(2);
    let h = SimHandle::new(card);
    let mut t = h.transport();
    {
        let mut s = t.session().unwrap();
        assert_eq!(s.transmit(&hex("00 A4 08 00 04 10 00 10 03")).unwrap(), hex("90 00"));
        // The second command is answered, then the card is gone.
        assert_eq!(s.transmit(&hex("00 B0 00 00 04")).unwrap(), b"6090\x90\x00".to_vec());
        assert!(matches!(s.transmit(&hex("00 B0 00 00 04")), Err(TransportError::CardRemoved)));
    }
    assert!(!h.is_present());
    assert_eq!(h.commands_received(), 2);
    // Re-inserting starts the countdown again.
    h.insert();
    let mut s = t.session().unwrap();
    assert!(s.transmit(&hex("00 A4 00 00 02 3F 00")).is_ok());
    assert!(s.transmit(&hex("00 A4 00 00 02 3F 00")).is_ok());
    assert!(s.transmit(&hex("00 A4 00 00 02 3F 00")).is_err());
}

#[test]
fn reset_and_reinsertion_drop_the_verified_state() {
    let h = SimHandle::default();
    let mut t = h.transport();
    let pin = Pin::new("12345").unwrap();
    {
        let mut s = t.session().unwrap();
        assert!(exchange(&mut *s, &commands::verify(0x10, &pin)).unwrap().is_ok());
    }
    assert!(h.card().is_pin_verified());
    t.reset().unwrap();
    assert!(!h.card().is_pin_verified());
    {
        let mut s = t.session().unwrap();
        assert!(exchange(&mut *s, &commands::verify(0x10, &pin)).unwrap().is_ok());
    }
    h.remove();
    h.insert();
    assert!(!h.card().is_pin_verified());
}

#[test]
fn handles_share_the_card() {
    let h = SimHandle::new(SimCard::with_mode(QuirkMode::Siemens));
    let other = h.clone();
    other.card().set_pin_tries(1, 3);
    assert_eq!(h.card().pin_tries_left(), 1);
    assert_eq!(h.atr().unwrap(), QuirkMode::Siemens.atr());
    // A swapped card shows its ATR at the next session.
    let mut t = h.transport();
    h.replace_card(SimCard::with_mode(QuirkMode::Idemia));
    drop(t.session().unwrap());
    assert_eq!(t.atr(), QuirkMode::Idemia.atr());
    let empty = SimHandle::empty(SimCard::default());
    assert!(!empty.is_present());
    assert!(matches!(empty.atr(), Err(TransportError::NoCard)));
}

#[test]
fn transport_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let t = SimHandle::default().transport();
    assert_send(&t);
    let b: Box<dyn CardTransport> = Box::new(t);
    assert_eq!(b.atr().len(), 24);
}

#[test]
fn watchers_hear_every_change_of_the_slot() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let h = SimHandle::default();
    let seen = Arc::new(AtomicUsize::new(0));
    let s = seen.clone();
    h.watch(move || {
        s.fetch_add(1, Ordering::SeqCst);
    });
    h.remove();
    h.insert();
    h.replace_card(SimCard::default());
    assert_eq!(seen.load(Ordering::SeqCst), 3);
    // a removal by the card itself (remove-after-N) is a change too
    h.card().quirks_mut().remove_after_commands = Some(1);
    h.insert();
    let _ = h.transmit(&[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00]);
    assert!(!h.is_present());
    assert_eq!(seen.load(Ordering::SeqCst), 5);
}
