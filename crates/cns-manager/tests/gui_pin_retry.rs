//! Issue 15 §1: after a wrong PIN or PUK, "Riprova" must not leave the card with a PIN the user
//! never chose. Each test types as a user would (into the field that has the focus, Enter to go
//! on) and then asks the simulated card itself which PIN it holds. Also the field's refusals,
//! the short PUK, the focus at the last try, double clicks, Enter on an empty field, a card
//! pulled mid-wizard, and the wizard's words.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use cns_manager::gui::CnsApp;
use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use support::{click, on_screen, wait_label};

fn shown(handle: &SimHandle) -> Harness<'static, CnsApp> {
    let mut h = support::app(handle, Lang::It);
    wait_label(&mut h, "GIULIA BIANCHI");
    h
}

fn enter(h: &mut Harness<'_, CnsApp>) {
    h.key_press(egui::Key::Enter);
    h.step();
    h.step();
}

/// Types into whatever has the focus, as a user does, after checking it is `field` and that
/// it is empty (a filled field the user cannot see into is the bug).
fn type_into_focused(h: &mut Harness<'_, CnsApp>, field: &str, digits: &str) {
    assert!(type_as_user(h, field, digits), "{field} was not empty");
}

/// Types into the focused `field` whatever it holds; true when it was empty. The retry tests
/// look at the card before they look at this, so a regression shows as what it does to the
/// citizen: a PIN nobody chose.
fn type_as_user(h: &mut Harness<'_, CnsApp>, field: &str, digits: &str) -> bool {
    let node = h.get_by_role_and_label(Role::PasswordInput, field);
    assert!(node.is_focused(), "the focus is not in {field}:\n{}", on_screen(h));
    let was_empty = node.value().unwrap_or_default().is_empty();
    h.event(egui::Event::Text(digits.to_owned()));
    h.step();
    h.step();
    was_empty
}

fn field_value(h: &Harness<'_, CnsApp>, field: &str) -> String {
    h.get_by_role_and_label(Role::PasswordInput, field).value().unwrap_or_default()
}

/// The card's answer to a VERIFY of `pin`, sent straight to the simulated card.
fn card_verifies(handle: &SimHandle, pin: &str) -> [u8; 2] {
    let cmd = cns_core::commands::verify(0x10, &cns_core::Pin::new(pin).unwrap());
    let answer = handle.transmit(&cmd.to_bytes()).unwrap();
    [answer[answer.len() - 2], answer[answer.len() - 1]]
}

/// Which PIN the card holds, asked the way any program would: the one the user chose works,
/// the one the old bug produced (24680 typed after a hidden 24680) does not.
fn assert_card_holds_24680(handle: &SimHandle) {
    assert_eq!(card_verifies(handle, "24680246")[0], 0x63, "the card holds a PIN nobody chose");
    assert_eq!(card_verifies(handle, "24680"), [0x90, 0x00], "the PIN typed is not the card's");
}

/// PIN commands in the card's log (VERIFY, CHANGE, RESET RETRY COUNTER, with data: an empty
/// VERIFY only asks for the tries left).
fn pin_commands(handle: &SimHandle) -> usize {
    handle
        .command_log()
        .iter()
        .filter(|c| matches!(c.header[1], 0x20 | 0x24 | 0x2C) && c.lc.is_some())
        .count()
}

#[test]
fn unblock_after_a_wrong_puk_asks_everything_again_and_the_card_holds_the_pin_typed() {
    let handle = SimHandle::default();
    handle.card().set_pin_tries(0, 3);
    let mut h = shown(&handle);
    click(&mut h, "Sblocca con il PUK");
    h.get_by_label("Passo 1 di 3");
    type_into_focused(&mut h, "PUK", "87654321");
    enter(&mut h);
    type_into_focused(&mut h, "Nuovo PIN", "24680");
    enter(&mut h);
    type_into_focused(&mut h, "Ripeti il nuovo PIN", "24680");
    enter(&mut h);
    wait_label(&mut h, "PUK errato");
    wait_label(&mut h, "Ti restano 7 tentativi.");
    assert_eq!(handle.card().puk_tries_left(), 7);

    click(&mut h, "Riprova");
    // From the first step; the user types everything again.
    h.get_by_label("Passo 1 di 3");
    let mut empty = vec![type_as_user(&mut h, "PUK", "12345678")];
    enter(&mut h);
    h.get_by_label("Passo 2 di 3");
    empty.push(type_as_user(&mut h, "Nuovo PIN", "24680"));
    enter(&mut h);
    h.get_by_label("Passo 3 di 3");
    empty.push(type_as_user(&mut h, "Ripeti il nuovo PIN", "24680"));
    enter(&mut h);
    wait_label(&mut h, "PIN sbloccato");
    click(&mut h, "Fatto");
    wait_label(&mut h, "Ti restano 3 tentativi");
    assert_card_holds_24680(&handle);
    assert_eq!(empty, [true; 3], "each step was entered empty");
}

#[test]
fn change_after_a_wrong_current_pin_asks_everything_again_and_the_card_holds_the_pin_typed() {
    let handle = SimHandle::default();
    let mut h = shown(&handle);
    click(&mut h, "Cambia PIN");
    type_into_focused(&mut h, "PIN attuale", "11111");
    enter(&mut h);
    type_into_focused(&mut h, "Nuovo PIN", "24680");
    enter(&mut h);
    type_into_focused(&mut h, "Ripeti il nuovo PIN", "24680");
    enter(&mut h);
    wait_label(&mut h, "PIN errato");
    wait_label(&mut h, "Ti restano 2 tentativi.");

    click(&mut h, "Riprova");
    h.get_by_label("Passo 1 di 3");
    // The tries left are on the step that can use one.
    h.get_by_label("Ti restano 2 tentativi per il PIN.");
    let mut empty = vec![type_as_user(&mut h, "PIN attuale", "12345")];
    enter(&mut h);
    empty.push(type_as_user(&mut h, "Nuovo PIN", "24680"));
    enter(&mut h);
    empty.push(type_as_user(&mut h, "Ripeti il nuovo PIN", "24680"));
    enter(&mut h);
    wait_label(&mut h, "PIN cambiato");
    click(&mut h, "Fatto");
    wait_label(&mut h, "Ti restano 3 tentativi");
    assert_card_holds_24680(&handle);
    assert_eq!(empty, [true; 3], "each step was entered empty");
}

#[test]
fn going_back_empties_the_step_it_returns_to() {
    let handle = SimHandle::default();
    let mut h = shown(&handle);
    click(&mut h, "Cambia PIN");
    type_into_focused(&mut h, "PIN attuale", "12345");
    enter(&mut h);
    type_into_focused(&mut h, "Nuovo PIN", "24680");
    enter(&mut h);
    h.get_by_label("Passo 3 di 3");
    h.key_press(egui::Key::Escape);
    h.step();
    h.step();
    h.get_by_label("Passo 2 di 3");
    type_into_focused(&mut h, "Nuovo PIN", "13579");
    enter(&mut h);
    type_into_focused(&mut h, "Ripeti il nuovo PIN", "13579");
    enter(&mut h);
    wait_label(&mut h, "PIN cambiato");
    assert!(handle.card().pin_is("13579"));
}

#[test]
fn two_different_new_pins_ask_for_both_again() {
    let handle = SimHandle::default();
    let mut h = shown(&handle);
    click(&mut h, "Cambia PIN");
    type_into_focused(&mut h, "PIN attuale", "12345");
    enter(&mut h);
    type_into_focused(&mut h, "Nuovo PIN", "24680");
    enter(&mut h);
    let sent = handle.commands_received();
    type_into_focused(&mut h, "Ripeti il nuovo PIN", "24681");
    enter(&mut h);
    h.get_by_label_contains("I due PIN non erano uguali: scegli il nuovo PIN e poi ripetilo.");
    h.get_by_label("Passo 2 di 3");
    assert_eq!(handle.commands_received(), sent);
    type_into_focused(&mut h, "Nuovo PIN", "24680");
    enter(&mut h);
    type_into_focused(&mut h, "Ripeti il nuovo PIN", "24680");
    enter(&mut h);
    wait_label(&mut h, "PIN cambiato");
    assert!(handle.card().pin_is("24680"));
}

#[test]
fn the_field_refuses_a_ninth_digit_visibly_and_does_not_go_on_with_eight() {
    let handle = SimHandle::default();
    let mut h = shown(&handle);
    click(&mut h, "Cambia PIN");
    type_into_focused(&mut h, "PIN attuale", "12345");
    enter(&mut h);
    // one digit at a time, as typed
    for d in "246802468".chars() {
        h.event(egui::Event::Text(d.to_string()));
        h.step();
    }
    h.step();
    assert_eq!(field_value(&h, "Nuovo PIN"), "••••••••", "the 9th digit is not added");
    h.get_by_label_contains("Al massimo 8 cifre: il PIN che hai scritto è più lungo.");
    // The 8 digits kept are not what was typed: the step does not take them.
    enter(&mut h);
    h.get_by_label("Passo 2 di 3");
    h.get_by_label_contains("Al massimo 8 cifre");
    // a paste past the end, too
    h.key_press(egui::Key::Backspace);
    h.step();
    h.step();
    assert!(h.query_by_label_contains("Al massimo 8 cifre").is_none(), "deleting answers the hint");
    h.event(egui::Event::Paste("99".into()));
    h.step();
    h.step();
    h.get_by_label_contains("Al massimo 8 cifre: il PIN che hai scritto è più lungo.");
    assert_eq!(field_value(&h, "Nuovo PIN"), "••••••••");
    // Only once the user has corrected it does the step go on.
    for _ in 0..3 {
        h.key_press(egui::Key::Backspace);
        h.step();
    }
    h.step();
    enter(&mut h);
    h.get_by_label("Passo 3 di 3");
}

#[test]
fn a_letter_typed_leaves_the_same_hint_as_one_pasted() {
    let handle = SimHandle::default();
    let mut h = shown(&handle);
    click(&mut h, "Cambia PIN");
    for c in ["1", "2", "a", "4", "5"] {
        h.event(egui::Event::Text(c.into()));
        h.step();
    }
    h.step();
    // Still there after the digits that followed the letter.
    h.get_by_label_contains("Solo cifre: il PIN è fatto di numeri.");
    assert_eq!(field_value(&h, "PIN attuale"), "••••");
}

#[test]
fn a_seven_digit_puk_sends_nothing_until_the_user_confirms_it() {
    let handle = SimHandle::default();
    handle.card().set_pin_tries(0, 3);
    // A card whose PUK really has 7 digits: only the user's word lets it through.
    handle.card().set_puk("1234567").unwrap();
    let mut h = shown(&handle);
    click(&mut h, "Sblocca con il PUK");
    handle.clear_log();
    let sent = handle.commands_received();
    type_into_focused(&mut h, "PUK", "1234567");
    enter(&mut h);
    h.get_by_label_contains("Il PUK ha 8 cifre: ne hai scritte 7.");
    h.get_by_label("Passo 1 di 3");
    // Enter again is not a yes: the focus stays in the field and the question stays.
    assert!(h.get_by_role_and_label(Role::PasswordInput, "PUK").is_focused());
    enter(&mut h);
    h.get_by_label("Passo 1 di 3");
    h.get_by_label_contains("Il PUK ha 8 cifre: ne hai scritte 7.");
    assert_eq!(handle.commands_received(), sent, "nothing went to the card");

    click(&mut h, "Continua comunque");
    h.get_by_label("Passo 2 di 3");
    type_into_focused(&mut h, "Nuovo PIN", "24680");
    enter(&mut h);
    type_into_focused(&mut h, "Ripeti il nuovo PIN", "24680");
    assert_eq!(handle.commands_received(), sent, "nothing went to the card before the last step");
    enter(&mut h);
    wait_label(&mut h, "PIN sbloccato");
    assert_eq!(pin_commands(&handle), 1, "one unblock, once");
    assert!(handle.card().pin_is("24680"));
}

#[test]
fn editing_the_puk_after_the_question_asks_it_again() {
    let handle = SimHandle::default();
    handle.card().set_pin_tries(0, 3);
    let mut h = shown(&handle);
    click(&mut h, "Sblocca con il PUK");
    type_into_focused(&mut h, "PUK", "1234567");
    enter(&mut h);
    click(&mut h, "Continua comunque");
    h.get_by_label("Passo 2 di 3");
    // Back to the PUK: it is empty again, and a new short one is a new question.
    h.key_press(egui::Key::Escape);
    h.step();
    h.step();
    type_into_focused(&mut h, "PUK", "7654321");
    enter(&mut h);
    h.get_by_label("Passo 1 di 3");
    h.get_by_label_contains("ne hai scritte 7");
}

#[test]
fn one_try_left_after_a_wrong_pin_offers_the_unblock_and_the_focus_is_not_on_retry() {
    let handle = SimHandle::default();
    handle.card().set_pin_tries(2, 3);
    let mut h = shown(&handle);
    click(&mut h, "Cambia PIN");
    type_into_focused(&mut h, "PIN attuale", "11111");
    enter(&mut h);
    type_into_focused(&mut h, "Nuovo PIN", "24680");
    enter(&mut h);
    type_into_focused(&mut h, "Ripeti il nuovo PIN", "24680");
    enter(&mut h);
    wait_label(&mut h, "PIN errato");
    h.get_by_label_contains(
        "Ti resta un solo tentativo. Se sbagli ancora, il PIN si blocca e servirà il PUK.",
    );
    h.step();
    let retry = h.get_by_role_and_label(Role::Button, "Riprova");
    assert!(!retry.is_focused(), "a reflex Enter must not lead to the last try");
    let unblock = h.get_by_role_and_label(Role::Button, "Sblocca con il PUK");
    assert!(unblock.is_focused());
    h.get_by_role_and_label(Role::Button, "Annulla");
    // Enter takes the offered way: the unblock wizard, no PIN command sent (the status read
    // after the answer may still be going on: it sends none).
    let sent = pin_commands(&handle);
    enter(&mut h);
    h.step();
    h.get_by_label("Sblocca il PIN con il PUK");
    h.get_by_role_and_label(Role::PasswordInput, "PUK");
    assert_eq!(pin_commands(&handle), sent);
    assert_eq!(handle.card().pin_tries_left(), 1);
}

/// Where a button is on screen, to click it as a mouse does.
fn centre(h: &Harness<'_, CnsApp>, button: &str) -> egui::Pos2 {
    h.get_by_role_and_label(Role::Button, button).rect().center()
}

/// One press and release at `pos`, delivered in a single frame (a quick click).
fn click_at(h: &mut Harness<'_, CnsApp>, pos: egui::Pos2) {
    let input = h.input_mut();
    input.events.push(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        input.events.push(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.step();
}

#[test]
fn a_double_click_on_avanti_goes_one_step_and_does_not_complain_on_the_next() {
    let handle = SimHandle::default();
    let mut h = shown(&handle);
    click(&mut h, "Cambia PIN");
    type_into_focused(&mut h, "PIN attuale", "12345");
    let at = centre(&h, "Avanti");
    // Two clicks a frame apart (0.25 s in the harness): a double click. The second lands where
    // "Avanti" of step 2 now is.
    click_at(&mut h, at);
    click_at(&mut h, at);
    h.step();
    h.step();
    h.get_by_label("Passo 2 di 3");
    assert!(h.query_by_label_contains("Il campo è vuoto").is_none(), "{}", on_screen(&h));
    assert!(h.get_by_role_and_label(Role::PasswordInput, "Nuovo PIN").is_focused());

    // A slower second click (press and release in frames of their own) on a page that has
    // just appeared is ignored all the same.
    type_into_focused(&mut h, "Nuovo PIN", "24680");
    let at = centre(&h, "Avanti");
    click_at(&mut h, at);
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    h.step();
    h.get_by_label("Passo 3 di 3");
    assert!(h.query_by_label_contains("I due PIN non erano uguali").is_none(), "{}", on_screen(&h));
    // and the focus is still where the user types
    // and a deliberate click later works
    type_into_focused(&mut h, "Ripeti il nuovo PIN", "24680");
    click(&mut h, "Cambia il PIN");
    wait_label(&mut h, "PIN cambiato");
}

#[test]
fn a_double_click_in_the_pin_field_keeps_the_focus_there() {
    let handle = SimHandle::default();
    let mut h = shown(&handle);
    click(&mut h, "Cambia PIN");
    let at = h.get_by_role_and_label(Role::PasswordInput, "PIN attuale").rect().center();
    click_at(&mut h, at);
    click_at(&mut h, at);
    h.step();
    h.step();
    assert!(h.get_by_role_and_label(Role::PasswordInput, "PIN attuale").is_focused());
    h.event(egui::Event::Text("12345".into()));
    h.step();
    h.step();
    assert_eq!(field_value(&h, "PIN attuale"), "•••••");
}

#[test]
fn enter_on_an_empty_field_says_so_and_keeps_the_focus_in_it() {
    let handle = SimHandle::default();
    let mut h = shown(&handle);
    click(&mut h, "Cambia PIN");
    h.step();
    enter(&mut h);
    h.get_by_label_contains("Il campo è vuoto.");
    h.get_by_label("Passo 1 di 3");
    assert!(h.get_by_role_and_label(Role::PasswordInput, "PIN attuale").is_focused());
    // What is typed next goes into the field, not elsewhere.
    h.event(egui::Event::Text("12345".into()));
    h.step();
    h.step();
    assert_eq!(field_value(&h, "PIN attuale"), "•••••");
    enter(&mut h);
    h.get_by_label("Passo 2 di 3");
}

#[test]
fn a_card_pulled_while_typing_says_the_pin_was_not_changed() {
    let handle = SimHandle::default();
    let mut h = shown(&handle);
    click(&mut h, "Cambia PIN");
    type_into_focused(&mut h, "PIN attuale", "12345");
    enter(&mut h);
    handle.clear_log();
    handle.remove();
    wait_label(&mut h, "Tessera rimossa: PIN non cambiato");
    h.get_by_label_contains("nessun tentativo è stato usato");
    assert!(h.query_by_role(Role::PasswordInput).is_none(), "no field left to type into");
    assert_eq!(pin_commands(&handle), 0);
    // It stays when the card comes back (and is read), until the user closes it.
    handle.insert();
    let start = std::time::Instant::now();
    while handle.commands_received() == 0 {
        h.step();
        assert!(start.elapsed() < support::TIMEOUT, "the card was not read again");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_steps(3);
    h.get_by_label("⚠ Tessera rimossa: PIN non cambiato");
    click(&mut h, "Fatto");
    wait_label(&mut h, "Ti restano 3 tentativi");
    assert!(handle.card().pin_is("12345"));
}

#[test]
fn a_card_pulled_while_the_command_is_with_it_says_the_try_may_have_been_counted() {
    // The 2025 applet card: its PIN operation starts with the application's SELECT, which is
    // answered; then the card is gone and the VERIFY finds none.
    let handle = SimHandle::new(cns_sim::SimCard::with_mode(cns_sim::QuirkMode::Applet2025));
    let mut h = shown(&handle);
    click(&mut h, "Verifica PIN");
    type_into_focused(&mut h, "PIN", "12345");
    let n = handle.commands_received() as u32 + 1;
    handle.card().quirks_mut().remove_after_commands = Some(n);
    enter(&mut h);
    wait_label(&mut h, "il tentativo potrebbe essere stato contato");
}

#[test]
fn the_words_of_the_wizards() {
    let handle = SimHandle::default();
    handle.card().set_pin_tries(1, 3);
    let mut h = shown(&handle);
    // One question: no "Passo 1 di 1".
    click(&mut h, "Verifica PIN");
    h.get_by_role_and_label(Role::PasswordInput, "PIN");
    assert!(h.query_by_label_contains("Passo").is_none());
    // It is the PIN that blocks, not the card, in the same words on each page.
    let last = "Se sbagli ancora, il PIN si blocca e servirà il PUK.";
    h.get_by_label(format!("⚠ Attenzione: ti resta un solo tentativo per il PIN. {last}").as_str());
    type_into_focused(&mut h, "PIN", "99999");
    enter(&mut h);
    h.get_by_label(format!("{last} Continuo?").as_str());
    assert!(h.query_by_label_contains("la tessera si blocca").is_none());
    click(&mut h, "Annulla");
    wait_label(&mut h, "GIULIA BIANCHI");
    assert_eq!(handle.card().pin_tries_left(), 1);
    // The third step asks to repeat, not to "write again the new".
    click(&mut h, "Cambia PIN");
    assert!(h.query_by_label_contains("Scrivi di nuovo il nuovo PIN").is_none());
}

#[test]
fn the_counter_mode_tally_speaks_italian_plurals() {
    let handle = SimHandle::default();
    let mut h = support::counter_app(&handle, Lang::It);
    wait_label(&mut h, "GIULIA BIANCHI");
    click(&mut h, "Cambia PIN");
    type_into_focused(&mut h, "PIN attuale", "12345");
    enter(&mut h);
    type_into_focused(&mut h, "Nuovo PIN", "24680");
    enter(&mut h);
    type_into_focused(&mut h, "Ripeti il nuovo PIN", "24680");
    enter(&mut h);
    wait_label(&mut h, "PIN cambiato");
    h.get_by_label_contains("Operazioni in questa sessione: 1 (1 cambio PIN, 0 sblocchi, 0 verifiche)");
}
