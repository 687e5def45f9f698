//! "Non hai il PIN o il PUK?" and "Servizi online con la tessera" in the whole app, headless, against the
//! simulated card: reached from where a citizen is stuck, the card's region chosen from its
//! serial, numbers copied, links and services opened through a launcher that only writes down
//! what it was asked (no real browser opens), and the browser looked at before a service opens.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use cns_manager::backend::Backend;
use cns_manager::gui::{AppConfig, CnsApp};
use cns_manager::guidance::launch::{Launcher, Readiness};
use cns_manager::i18n::Lang;
use cns_sim::{HolderPreset, QuirkMode, SimCard, SimHandle};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use support::{SIZE, TIMEOUT, TODAY, click, on_screen};

/// Answers for the browsers as told, and writes down what it was asked to open.
struct Fake {
    readiness: Mutex<Readiness>,
    checks: AtomicUsize,
    opened: Mutex<Vec<String>>,
}

impl Fake {
    fn new(r: Readiness) -> Arc<Fake> {
        Arc::new(Fake {
            readiness: Mutex::new(r),
            checks: AtomicUsize::new(0),
            opened: Mutex::new(Vec::new()),
        })
    }

    fn opened(&self) -> Vec<String> {
        self.opened.lock().unwrap().clone()
    }
}

impl Launcher for Fake {
    fn check(&self) -> Readiness {
        self.checks.fetch_add(1, Ordering::SeqCst);
        *self.readiness.lock().unwrap()
    }

    fn open(&self, url: &str) -> Result<(), String> {
        self.opened.lock().unwrap().push(url.to_owned());
        Ok(())
    }
}

fn lombard_card() -> SimHandle {
    SimHandle::new(SimCard::new(QuirkMode::Standard, HolderPreset::RossiMario))
}

fn app(handle: &SimHandle, fake: &Arc<Fake>, counter: bool) -> Harness<'static, CnsApp> {
    app_with_launcher(handle, fake.clone(), counter)
}

fn app_with_launcher(
    handle: &SimHandle,
    launcher: Arc<dyn Launcher>,
    counter: bool,
) -> Harness<'static, CnsApp> {
    let backend = Backend::Demo(handle.clone());
    let mut h = Harness::builder().with_size(SIZE).build_eframe(move |cc| {
        CnsApp::new(
            &cc.egui_ctx,
            AppConfig { today: Some(TODAY), launcher, ..AppConfig::new(backend, Lang::It, counter) },
        )
    });
    h.step();
    h
}

/// Presses a button as a screen reader does: it may be below the fold of the long page.
fn press(h: &mut Harness<'_, CnsApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click_accesskit();
    h.step();
    h.step();
}

fn click_link(h: &mut Harness<'_, CnsApp>, label: &str) {
    h.get_by_role_and_label(Role::Link, label).click();
    h.step();
    h.step();
}

fn shown(h: &Harness<'_, CnsApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Runs frames until a label containing `text` is on screen (once or more).
fn wait_label(h: &mut Harness<'_, CnsApp>, text: &str) {
    let start = std::time::Instant::now();
    while !shown(h, text) {
        assert!(start.elapsed() < TIMEOUT, "timed out waiting for: {text}\non screen:\n{}", on_screen(h));
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
}

#[test]
fn a_lombard_card_gets_its_regions_offices_and_numbers_copied_and_links_opened() {
    let fake = Fake::new(Readiness::Ready);
    let mut h = app(&lombard_card(), &fake, false);
    wait_label(&mut h, "MARIO ROSSI");
    click_link(&mut h, "Non hai il PIN o il PUK?");
    wait_label(&mut h, "Indicazioni per le tessere della Regione Lombardia");
    for text in [
        "gli uffici Scelta e Revoca delle ASST;",
        "L'operatore ti consegna la prima metà del PIN",
        "Per un minore o una persona sotto tutela",
        "Senza andare allo sportello: il servizio a distanza",
        "Se non hai il PUK",
        "contactcenter-SISS@regione.lombardia.it",
        "Orario: dal lunedì al sabato, dalle 8:00 alle 20:00, festivi esclusi",
        // the national part Lombardy does not replace
        "Tessera persa, rovinata o con il PUK bloccato",
    ] {
        assert!(shown(&h, text), "missing {text:?}\n{}", on_screen(&h));
    }
    assert!(!shown(&h, "Chiedi agli sportelli della tua Regione"), "Lombardy has its own offices");
    // A number copied: to the clipboard, and the page says so.
    h.get_by_role_and_label(Role::Button, "Copia 800 030 606").click_accesskit();
    let mut copied = Vec::new();
    for _ in 0..3 {
        h.step();
        copied.extend(h.output().platform_output.commands.iter().filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        }));
    }
    assert_eq!(copied, ["800 030 606"]);
    assert!(shown(&h, "Copiato: 800 030 606"));
    // A link opens in the browser (the launcher's), nothing else.
    click_link(&mut h, "Sito del Sistema Tessera Sanitaria");
    assert_eq!(fake.opened(), ["https://www.sistemats.it/"]);
    assert_eq!(fake.checks.load(Ordering::SeqCst), 0, "a page of information needs no look at the card");
    press(&mut h, "Torna allo stato della tessera");
    wait_label(&mut h, "MARIO ROSSI");
}

#[test]
fn the_page_is_reachable_and_usable_by_keyboard() {
    let fake = Fake::new(Readiness::Ready);
    let mut h = app(&lombard_card(), &fake, false);
    wait_label(&mut h, "MARIO ROSSI");
    click_link(&mut h, "Non hai il PIN o il PUK?");
    wait_label(&mut h, "Indicazioni per le tessere della Regione Lombardia");
    // Tab through the page until the first "Copia" has the focus; Enter copies.
    let mut reached = false;
    for _ in 0..60 {
        h.key_press(egui::Key::Tab);
        h.step();
        if h.query_by_role_and_label(Role::Button, "Copia 800 030 606").is_some_and(|n| n.is_focused()) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached the number's Copia\n{}", on_screen(&h));
    h.key_press(egui::Key::Enter);
    h.step();
    h.step();
    assert!(shown(&h, "Copiato: 800 030 606"));
    // Esc goes back to the card.
    h.key_press(egui::Key::Escape);
    h.step();
    h.step();
    wait_label(&mut h, "MARIO ROSSI");
    assert!(!shown(&h, "Indicazioni per le tessere"));
}

#[test]
fn a_card_of_a_region_without_data_gets_the_national_part_and_no_card_a_choice() {
    let fake = Fake::new(Readiness::Ready);
    // The demo's card is Tuscan: no file for Tuscany yet.
    let handle = SimHandle::default();
    let mut h = app(&handle, &fake, false);
    wait_label(&mut h, "GIULIA BIANCHI");
    click_link(&mut h, "Non hai il PIN o il PUK?");
    wait_label(&mut h, "Indicazioni per le tessere della Regione Toscana");
    assert!(shown(&h, "Chiedi agli sportelli della tua Regione") && shown(&h, "800 030 070"));
    assert!(!shown(&h, "800 030 606"), "Lombardy's number is not Tuscany's");
    assert!(
        h.query_by_role_and_label(Role::ComboBox, "Regione della tessera").is_none(),
        "the card says the region"
    );
    press(&mut h, "Torna allo stato della tessera");
    // No card: the national part, and the region to choose.
    handle.remove();
    wait_label(&mut h, "Inserisci la tessera nel lettore");
    click_link(&mut h, "Non hai il PIN o il PUK?");
    wait_label(&mut h, "Nessuna Regione scelta");
    assert!(shown(&h, "Chiedi agli sportelli della tua Regione"));
    h.get_by_role_and_label(Role::ComboBox, "Regione della tessera").click();
    h.step();
    h.step();
    h.get_by_label("Regione Lombardia").click();
    h.step();
    h.step();
    wait_label(&mut h, "Indicazioni per le tessere della Regione Lombardia");
    assert!(shown(&h, "800 030 606") && !shown(&h, "Chiedi agli sportelli della tua Regione"));
}

#[test]
fn the_unblock_wizard_offers_it_next_to_the_puk_and_spends_nothing() {
    let fake = Fake::new(Readiness::Ready);
    let handle = lombard_card();
    handle.card().set_pin_tries(0, 3);
    let mut h = app(&handle, &fake, false);
    wait_label(&mut h, "MARIO ROSSI");
    // The blocked PIN's status has the way too.
    assert!(h.query_by_role_and_label(Role::Link, "Non hai il PIN o il PUK?").is_some());
    click(&mut h, "Sblocca con il PUK");
    wait_label(&mut h, "Passo 1 di 3");
    click_link(&mut h, "Non hai il PIN o il PUK?");
    wait_label(&mut h, "Se non hai il PUK");
    let puk = handle.card().puk_tries_left();
    let pin = handle.card().pin_tries_left();
    assert_eq!((puk, pin), (8, 0), "nothing was sent");
}

#[test]
fn a_service_opens_only_after_the_browser_was_looked_at() {
    let fake = Fake::new(Readiness::NeedsSetup);
    let mut h = app(&lombard_card(), &fake, false);
    wait_label(&mut h, "MARIO ROSSI");
    click(&mut h, "Servizi online con la tessera");
    wait_label(&mut h, "Fascicolo Sanitario Elettronico");
    // The region's services, then the national ones, in the data's order.
    let opens: Vec<String> = h
        .query_all_by_role(Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.starts_with("Apri "))
        .collect();
    assert_eq!(
        opens,
        [
            "Apri Fascicolo Sanitario Elettronico",
            "Apri Prenota Salute",
            "Apri Bandi online",
            "Apri Agenzia delle Entrate – area riservata",
            "Apri Sistema Tessera Sanitaria",
        ]
    );
    assert!(shown(&h, "Quando il browser lo chiede, scrivi il PIN della tessera"));
    click(&mut h, "Apri Fascicolo Sanitario Elettronico");
    wait_label(&mut h, "Il browser non vede ancora la tessera");
    assert_eq!(fake.checks.load(Ordering::SeqCst), 1);
    assert!(fake.opened().is_empty(), "nothing opens before the user says so");
    click(&mut h, "Apri comunque");
    wait_label(&mut h, "Aperto nel browser: Fascicolo Sanitario Elettronico.");
    assert_eq!(fake.opened(), ["https://www.fascicolosanitario.regione.lombardia.it/"]);
    // Once the browser sees the card: the reminder and the last "Apri".
    *fake.readiness.lock().unwrap() = Readiness::Ready;
    click(&mut h, "Apri Prenota Salute");
    wait_label(&mut h, "Il browser vede la tessera.");
    click(&mut h, "Apri nel browser");
    wait_label(&mut h, "Aperto nel browser: Prenota Salute.");
    assert_eq!(fake.opened()[1], "https://www.prenotasalute.regione.lombardia.it/");
    assert_eq!(fake.checks.load(Ordering::SeqCst), 2);
    // A browser that does not see the card: setting it up is one click away.
    *fake.readiness.lock().unwrap() = Readiness::NeedsSetup;
    click(&mut h, "Apri Bandi online");
    wait_label(&mut h, "Il browser non vede ancora la tessera");
    click(&mut h, "Configura il browser");
    wait_label(&mut h, "Usa la tessera nel browser");
    assert_eq!(fake.opened().len(), 2, "setting up opens no service");
}

#[test]
fn a_successful_pin_change_leads_to_the_services_but_not_at_the_counter() {
    for counter in [false, true] {
        let fake = Fake::new(Readiness::Ready);
        let handle = lombard_card();
        let mut h = app(&handle, &fake, counter);
        wait_label(&mut h, "MARIO ROSSI");
        assert_eq!(
            h.query_by_role_and_label(Role::Button, "Servizi online con la tessera").is_some(),
            !counter
        );
        click(&mut h, "Cambia PIN");
        support::type_pin(&mut h, "PIN attuale", "12345");
        h.key_press(egui::Key::Enter);
        h.step();
        support::type_pin(&mut h, "Nuovo PIN", "24680");
        click(&mut h, "Avanti");
        support::type_pin(&mut h, "Ripeti il nuovo PIN", "24680");
        click(&mut h, "Cambia il PIN");
        wait_label(&mut h, "PIN cambiato");
        let offered = h.query_by_role_and_label(Role::Button, "Servizi online con la tessera").is_some();
        assert_eq!(offered, !counter, "counter mode: {counter}\n{}", on_screen(&h));
        if !counter {
            click(&mut h, "Servizi online con la tessera");
            wait_label(&mut h, "Fascicolo Sanitario Elettronico");
        }
    }
}

/// No browser to open (no xdg-open, say): the address is given to open by hand, where the link was.
struct NoBrowser;

impl Launcher for NoBrowser {
    fn check(&self) -> Readiness {
        Readiness::NoneFound
    }
    fn open(&self, _: &str) -> Result<(), String> {
        Err("xdg-open not found".into())
    }
}

#[test]
fn a_browser_that_does_not_open_leaves_the_address_to_open_by_hand() {
    let mut h = app_with_launcher(&lombard_card(), Arc::new(NoBrowser), false);
    wait_label(&mut h, "MARIO ROSSI");
    click_link(&mut h, "Non hai il PIN o il PUK?");
    wait_label(&mut h, "Chi può aiutarti");
    click_link(&mut h, "Sito del Sistema Tessera Sanitaria");
    wait_label(
        &mut h,
        "Il browser non si è aperto (xdg-open not found). Apri tu questo indirizzo: https://www.sistemats.it/",
    );
    press(&mut h, "Torna allo stato della tessera");
    wait_label(&mut h, "MARIO ROSSI");
    click(&mut h, "Servizi online con la tessera");
    // (below the fold of this window: pressed as a screen reader does)
    press(&mut h, "Apri Bandi online");
    wait_label(&mut h, "Non ho trovato Firefox né Chromium per questo utente");
    press(&mut h, "Apri comunque");
    wait_label(&mut h, "Apri tu questo indirizzo: https://www.bandi.regione.lombardia.it/");
}
