//! What a screen reader gets, read from the AccessKit tree the window publishes (the same tree
//! AT-SPI serves to Orca; scripts/a11y-test.sh checks it through the real stack): the focus
//! lands on a new node at every wizard step, that node says the step, results are live regions,
//! the PIN field says how many digits it holds and never which, and the focus comes back to the
//! button that opened the wizard.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use cns_manager::gui::CnsApp;
use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::{Invalid, Live, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use support::{click, drop_file, wait_label};

/// What a screen reader hears where the focus is: (role, name, description, node id).
#[derive(Debug, Clone)]
struct Focus {
    role: Role,
    name: String,
    description: String,
    /// The node's identity: a new node for each step, so that the focus change is an event.
    id: String,
}

fn focus(h: &Harness<'_, CnsApp>) -> Focus {
    let node = h.get_by(|n| n.is_focused());
    let n = node.accesskit_node();
    Focus {
        role: n.role(),
        name: n.label().unwrap_or_default(),
        description: n.description().unwrap_or_default(),
        id: format!("{:?}", n.id()),
    }
}

fn shown(handle: &SimHandle, lang: Lang) -> Harness<'static, CnsApp> {
    let mut h = support::app(handle, lang);
    wait_label(&mut h, "GIULIA BIANCHI");
    h
}

fn enter(h: &mut Harness<'_, CnsApp>) {
    h.key_press(egui::Key::Enter);
    h.step();
    h.step();
}

/// Types into whatever has the focus, as a keyboard does.
fn type_here(h: &mut Harness<'_, CnsApp>, text: &str) {
    h.event(egui::Event::Text(text.to_owned()));
    h.step();
    h.step();
}

/// Every text of every node: names, values, descriptions.
fn all_texts(h: &Harness<'_, CnsApp>) -> Vec<String> {
    h.query_all(By::new().predicate(|_| true))
        .flat_map(|n| {
            let n = n.accesskit_node();
            [n.label(), n.value(), n.description()]
        })
        .flatten()
        .collect()
}

/// The live regions on screen and what they say.
fn live_regions(h: &Harness<'_, CnsApp>) -> Vec<(Live, String)> {
    h.query_all(By::new().predicate(|n| n.live() != Live::Off))
        .map(|n| {
            let n = n.accesskit_node();
            (n.live(), n.label().or(n.value()).unwrap_or_default())
        })
        .collect()
}

fn wait_focus(h: &mut Harness<'_, CnsApp>, what: &str, done: impl Fn(&Focus) -> bool) -> Focus {
    let start = std::time::Instant::now();
    loop {
        h.step();
        let now = h.query_by(|n| n.is_focused()).map(|_| focus(h));
        if let Some(f) = now.as_ref().filter(|f| done(f)) {
            return f.clone();
        }
        assert!(
            start.elapsed() < support::TIMEOUT,
            "timed out waiting for the focus on {what}; it is on {now:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn every_change_pin_step_moves_the_focus_to_a_new_node_that_says_the_step() {
    let handle = SimHandle::default();
    let mut h = shown(&handle, Lang::It);
    click(&mut h, "Cambia PIN");

    let one = wait_focus(&mut h, "the current PIN", |f| f.name == "PIN attuale");
    assert_eq!(one.role, Role::PasswordInput);
    assert!(one.description.contains("Passo 1 di 3."), "{one:?}");
    assert!(one.description.contains("Scrivi il PIN che usi adesso"), "{one:?}");
    assert!(one.description.ends_with("Nessuna cifra scritta."), "{one:?}");
    type_here(&mut h, "12345");
    assert!(focus(&h).description.ends_with("5 cifre scritte."), "{:?}", focus(&h));
    enter(&mut h);

    let two = wait_focus(&mut h, "the new PIN", |f| f.name == "Nuovo PIN");
    assert_ne!(two.id, one.id, "a new node, so that the focus change is an event");
    assert!(two.description.contains("Passo 2 di 3."), "{two:?}");
    type_here(&mut h, "97531");
    enter(&mut h);

    let three = wait_focus(&mut h, "the repeated PIN", |f| f.name == "Ripeti il nuovo PIN");
    assert_ne!(three.id, two.id);
    assert!(three.description.contains("Passo 3 di 3."), "{three:?}");
    type_here(&mut h, "97531");
    enter(&mut h);

    let done = wait_focus(&mut h, "the result", |f| f.name == "Fatto");
    assert_eq!(done.role, Role::Button);
    assert!(done.description.starts_with("PIN cambiato."), "{done:?}");
    assert!(handle.card().pin_is("97531"));
    assert!(
        live_regions(&h).iter().any(|(live, text)| *live == Live::Polite && text.contains("PIN cambiato")),
        "the result is a live region: {:?}",
        live_regions(&h)
    );

    // Back on the status page, on the button that opened the wizard.
    click(&mut h, "Fatto");
    let back = wait_focus(&mut h, "Cambia PIN", |f| f.role == Role::Button && f.name == "Cambia PIN");
    assert!(back.description.is_empty() || !back.description.contains("PIN cambiato"));
}

#[test]
fn a_wrong_pin_is_announced_and_retry_lands_on_a_new_field() {
    let handle = SimHandle::default();
    let mut h = shown(&handle, Lang::It);
    click(&mut h, "Verifica PIN");
    let field = wait_focus(&mut h, "the PIN", |f| f.name == "PIN");
    // one question: no step counter, the tries left instead
    assert!(field.description.starts_with("Ti restano 3 tentativi per il PIN."), "{field:?}");
    assert!(!field.description.contains("Passo"), "{field:?}");
    type_here(&mut h, "99999");
    enter(&mut h);
    let retry = wait_focus(&mut h, "Riprova", |f| f.name == "Riprova");
    assert!(retry.description.contains("Ti restano 2 tentativi"), "{retry:?}");
    assert!(
        live_regions(&h).iter().any(|(live, text)| *live != Live::Off && text.contains("PIN errato")),
        "{:?}",
        live_regions(&h)
    );
    enter(&mut h);
    let again = wait_focus(&mut h, "the PIN again", |f| f.name == "PIN");
    assert_ne!(again.id, retry.id);
    assert!(again.description.starts_with("Ti restano 2 tentativi per il PIN."), "{again:?}");
}

#[test]
fn the_last_try_warning_is_said_where_the_focus_lands() {
    let handle = SimHandle::default();
    handle.card().set_pin_tries(1, 3);
    let mut h = shown(&handle, Lang::It);
    click(&mut h, "Verifica PIN");
    let field = wait_focus(&mut h, "the PIN", |f| f.name == "PIN");
    assert!(field.description.starts_with("Attenzione: ti resta un solo tentativo per il PIN."), "{field:?}");
    type_here(&mut h, "99999");
    enter(&mut h);
    let cancel = wait_focus(&mut h, "Annulla", |f| f.name == "Annulla");
    assert_eq!(cancel.role, Role::Button);
    assert!(cancel.description.starts_with("È l'ultimo tentativo."), "{cancel:?}");
    assert!(cancel.description.contains("Continuo?"), "{cancel:?}");
    assert_eq!(handle.card().pin_tries_left(), 1, "nothing sent");
    // Annulla closes the wizard: the focus goes back to the button that opened it.
    enter(&mut h);
    wait_focus(&mut h, "Verifica PIN", |f| f.role == Role::Button && f.name == "Verifica PIN");
}

#[test]
fn an_invalid_entry_has_the_invalid_state_and_says_why() {
    let handle = SimHandle::default();
    let mut h = shown(&handle, Lang::It);
    click(&mut h, "Cambia PIN");
    wait_focus(&mut h, "the current PIN", |f| f.name == "PIN attuale");
    let field = || By::new().role(Role::PasswordInput).label("PIN attuale");
    assert_eq!(h.get(field()).accesskit_node().data().invalid(), None);
    enter(&mut h);
    let node = h.get(field());
    assert_eq!(node.accesskit_node().data().invalid(), Some(Invalid::True));
    assert!(node.accesskit_node().description().unwrap().contains("Il campo è vuoto."));
    type_here(&mut h, "1a");
    let node = h.get(field());
    assert_eq!(node.accesskit_node().data().invalid(), Some(Invalid::True));
    let description = node.accesskit_node().description().unwrap();
    assert!(description.contains("Solo cifre"), "{description}");
    assert!(description.ends_with("1 cifra scritta."), "{description}");
    // The dropped letter is still said after the next digit (as a pasted one is); deleting
    // answers it.
    type_here(&mut h, "2");
    assert_eq!(h.get(field()).accesskit_node().data().invalid(), Some(Invalid::True));
    h.key_press(egui::Key::Backspace);
    h.step();
    h.step();
    assert_eq!(h.get(field()).accesskit_node().data().invalid(), None, "a deletion clears it");
}

#[test]
fn typed_digits_appear_nowhere_in_the_tree_even_when_shown() {
    let handle = SimHandle::default();
    // Not the demo's 12345, which its panel shows as a hint.
    handle.card().set_pin("86420").unwrap();
    let mut h = shown(&handle, Lang::It);
    click(&mut h, "Cambia PIN");
    wait_focus(&mut h, "the current PIN", |f| f.name == "PIN attuale");
    type_here(&mut h, "86420");
    enter(&mut h);
    wait_focus(&mut h, "the new PIN", |f| f.name == "Nuovo PIN");
    type_here(&mut h, "97531");
    for texts in [all_texts(&h), {
        h.get_by_role_and_label(Role::CheckBox, "Mostra le cifre").click();
        h.step();
        h.step();
        all_texts(&h)
    }] {
        for secret in ["86420", "97531", "9753", "7531"] {
            assert!(
                !texts.iter().any(|t| t.contains(secret)),
                "{secret} is in the tree: {:?}",
                texts.iter().find(|t| t.contains(secret))
            );
        }
    }
    assert!(all_texts(&h).iter().any(|t| t.contains("5 cifre scritte.")));
}

#[test]
fn window_headings_combo_boxes_and_text_size_buttons_are_named() {
    for (lang, title, smaller, larger) in [
        (Lang::It, "Gestione Tessera Sanitaria", "Riduci il testo", "Ingrandisci il testo"),
        (Lang::En, "CNS Manager", "Make the text smaller", "Make the text larger"),
    ] {
        let handle = SimHandle::default();
        let h = shown(&handle, lang);
        assert_eq!(h.root().accesskit_node().role(), Role::Window);
        assert_eq!(h.root().accesskit_node().label().as_deref(), Some(title));
        let heading = h.get_by_role(Role::Heading);
        assert_eq!(heading.accesskit_node().label().as_deref(), Some("GIULIA BIANCHI"));
        h.get_by_role_and_label(Role::Button, smaller);
        h.get_by_role_and_label(Role::Button, larger);
        let combos: Vec<_> = h
            .query_all_by_role(Role::ComboBox)
            .map(|c| {
                let c = c.accesskit_node();
                (
                    c.label().unwrap_or_default(),
                    c.value().unwrap_or_default(),
                    c.description().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(combos.len(), 2, "{combos:?}");
        for (name, value, description) in &combos {
            assert!(!name.is_empty() && !value.is_empty(), "{combos:?}");
            assert_eq!(value, description, "AT-SPI reads the value from the description");
        }
    }
}

#[test]
fn the_sign_pin_field_says_the_count_and_the_result_is_announced() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("domanda.pdf");
    std::fs::write(&doc, b"%PDF-1.7 domanda di prova\n").unwrap();
    let handle = SimHandle::default();
    handle.card().set_pin("86420").unwrap();
    let mut h = shown(&handle, Lang::It);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "PIN della tessera");
    let field = || By::new().role(Role::PasswordInput).label("PIN");
    let description = h.get(field()).accesskit_node().description().unwrap();
    assert!(description.starts_with("PIN della tessera. Ti restano 3 tentativi."), "{description}");
    support::type_pin(&mut h, "PIN", "86420");
    let description = h.get(field()).accesskit_node().description().unwrap();
    assert!(description.ends_with("5 cifre scritte."), "{description}");
    assert!(!all_texts(&h).iter().any(|t| t.contains("86420")));
    click(&mut h, "Firma");
    wait_label(&mut h, "Documento firmato");
    let close = wait_focus(&mut h, "Chiudi", |f| f.name == "Chiudi");
    assert!(close.description.starts_with("Documento firmato"), "{close:?}");
    assert!(
        live_regions(&h).iter().any(|(_, text)| text.contains("Documento firmato")),
        "{:?}",
        live_regions(&h)
    );
}

#[test]
fn a_card_removed_in_counter_mode_is_announced() {
    let handle = SimHandle::default();
    let mut h = support::counter_app(&handle, Lang::It);
    wait_label(&mut h, "GIULIA BIANCHI");
    handle.remove();
    wait_label(&mut h, "Tessera rimossa – schermo pulito");
    assert!(
        live_regions(&h).iter().any(|(live, text)| *live == Live::Polite && text.contains("Tessera rimossa")),
        "{:?}",
        live_regions(&h)
    );
}

#[test]
fn a_card_just_read_puts_the_keyboard_on_its_first_action() {
    let handle = SimHandle::default();
    let mut h = shown(&handle, Lang::It);
    h.step();
    let f = focus(&h);
    assert_eq!((f.role, f.name.as_str()), (Role::Button, "Cambia PIN"), "{f:?}");
    // Enter starts it: no Tab through the top bar and the reader panel first.
    enter(&mut h);
    wait_label(&mut h, "Passo 1 di 3");

    // A blocked PIN: the way out has the focus.
    let mut card = cns_sim::SimCard::with_mode(cns_sim::QuirkMode::Standard);
    card.set_pin_tries(0, 3);
    let blocked = SimHandle::new(card);
    let mut h = support::app(&blocked, Lang::It);
    wait_label(&mut h, "PIN bloccato");
    h.step();
    let f = focus(&h);
    assert_eq!((f.role, f.name.as_str()), (Role::Button, "Sblocca con il PUK"), "{f:?}");
}
