//! `cns-manager help-pin [--region NAME|CODE] [--json]`: the window's "Non hai il PIN o il
//! PUK?" page in the terminal, from the same data ([`crate::guidance`]) and the same messages,
//! with the region's services that accept the card.
//!
//! Without `--region`, the region is the card's: only its serial is read (no counter is asked,
//! nothing personal is read). No card, or several: the national part, and how to ask for a
//! region. Always exit 0, except for a `--region` that names no region (2).

use clap::Args;
use cns_core::files::id_carta::Region;
use serde_json::{Value, json};

use super::{Exit, Out};
use crate::backend::Backend;
use crate::guidance::{self, Chosen, Contact, Guidance, Section};
use crate::i18n::{Lang, msg};

#[derive(Args, Debug, Clone)]
pub struct HelpPinArgs {
    /// The region: its name (lombardia) or the code in the card number (030).
    #[arg(long, value_name = "NAME")]
    pub region: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// Where the region shown came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum From {
    Argument,
    Card,
    Nowhere,
}

pub fn run(backend: &Backend, args: &HelpPinArgs, out: &Out) -> Exit {
    let g = Guidance::load();
    let (region, from) = match &args.region {
        Some(asked) => match guidance::find_region(&g, asked) {
            Some(r) => (Some(r), From::Argument),
            None => {
                let text = out.lang.tr(msg::cli_help_pin_unknown_region(asked.as_str()));
                return out.fail(Exit::InvalidInput, "unknown_region", &text);
            }
        },
        None => match card_region(backend) {
            Some(r) => (Some(r), From::Card),
            None => (None, From::Nowhere),
        },
    };
    for p in g.problems() {
        eprintln!("{}", out.lang.tr(msg::guidance_installed_invalid()));
        eprintln!("  {p}");
    }
    let chosen = g.for_region(region.map(|r| r.code));
    if out.json {
        outln!("{}", serde_json::to_string_pretty(&as_json(&chosen, from, &g, out.lang)).unwrap_or_default());
    } else {
        out!("{}", as_text(&chosen, from, out.lang));
    }
    Exit::Success
}

/// The region of the only card in the readers, from its serial; `None` when there is no card,
/// several, or it cannot be read.
fn card_region(backend: &Backend) -> Option<Region> {
    let list = backend.readers().ok()?;
    let [reader] = list.iter().filter(|r| r.card_present).collect::<Vec<_>>()[..] else {
        return None;
    };
    let mut transport = backend.open(&reader.name).ok()?;
    cns_core::card::read_card_id(transport.as_mut()).ok()?.region()
}

fn as_text(c: &Chosen<'_>, from: From, lang: Lang) -> String {
    let mut t = format!("{}\n{}\n\n", lang.tr(msg::guidance_title()), lang.tr(msg::guidance_intro()));
    match c.region_name(lang) {
        Some(name) => t.push_str(&format!("{}\n", lang.tr(msg::guidance_for_region(name)))),
        None => t.push_str(&format!("{}\n", lang.tr(msg::guidance_national_only()))),
    }
    match from {
        From::Card => t.push_str(&format!("{}\n", lang.tr(msg::cli_help_pin_from_card()))),
        From::Nowhere => t.push_str(&format!("{}\n", lang.tr(msg::cli_help_pin_no_card()))),
        From::Argument => {}
    }
    for s in &c.sections {
        section_text(&mut t, s, lang);
    }
    if !c.services.is_empty() {
        t.push_str(&format!(
            "\n== {} ==\n{}\n",
            lang.tr(msg::cli_help_pin_services()),
            lang.tr(msg::services_how())
        ));
        for s in &c.services {
            t.push_str(&format!("  • {}: {}\n    {}\n", s.name.get(lang), s.url, s.what.get(lang)));
        }
    }
    t
}

fn section_text(t: &mut String, s: &Section, lang: Lang) {
    t.push_str(&format!("\n== {} ==\n", s.title.get(lang)));
    for p in &s.text {
        t.push_str(&format!("{}\n", p.get(lang)));
    }
    for i in &s.items {
        t.push_str(&format!("  • {}\n", i.get(lang)));
    }
    for (n, step) in s.steps.iter().enumerate() {
        t.push_str(&format!("  {}. {}\n", n + 1, step.get(lang)));
    }
    for p in &s.notes {
        t.push_str(&format!("{}\n", p.get(lang)));
    }
    for c in &s.contact {
        t.push_str(&format!("  {}\n", c.what.get(lang)));
        for value in c.phone.iter().chain(c.email.iter()) {
            t.push_str(&format!("    {value}\n"));
        }
        if let Some(h) = &c.hours {
            t.push_str(&format!("    {}\n", lang.tr(msg::guidance_hours(h.get(lang)))));
        }
    }
    for l in &s.link {
        t.push_str(&format!("  {}: {}\n", l.text.get(lang), l.url));
    }
}

fn as_json(c: &Chosen<'_>, from: From, g: &Guidance, lang: Lang) -> Value {
    let region = c.region.map(|r| json!({ "code": r.code, "name": c.region_name(lang) }));
    let from = match from {
        From::Argument => "argument",
        From::Card => "card",
        From::Nowhere => "none",
    };
    let sections: Vec<Value> = c.sections.iter().map(|s| section_json(s, lang)).collect();
    let services: Vec<Value> = c
        .services
        .iter()
        .map(|s| json!({ "id": s.id, "name": s.name.get(lang), "what": s.what.get(lang), "url": s.url }))
        .collect();
    json!({
        "lang": lang.code(),
        "region": region,
        "region_from": from,
        "region_has_guidance": c.region_file.is_some(),
        "title": lang.tr(msg::guidance_title()),
        "intro": lang.tr(msg::guidance_intro()),
        "sections": sections,
        "services": services,
        "invalid_installed_files": g.problems().iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

fn section_json(s: &Section, lang: Lang) -> Value {
    let texts = |v: &[guidance::Text]| v.iter().map(|t| t.get(lang).to_owned()).collect::<Vec<_>>();
    let contact = |c: &Contact| {
        json!({ "what": c.what.get(lang), "phone": c.phone, "email": c.email,
                "hours": c.hours.as_ref().map(|h| h.get(lang)) })
    };
    json!({
        "id": s.id,
        "title": s.title.get(lang),
        "text": texts(&s.text),
        "items": texts(&s.items),
        "steps": texts(&s.steps),
        "notes": texts(&s.notes),
        "contacts": s.contact.iter().map(contact).collect::<Vec<_>>(),
        "links": s.link.iter().map(|l| json!({ "text": l.text.get(lang), "url": l.url })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::sync::{Arc, Mutex};

    use cns_core::{CardSession, CardTransport, TransportError};

    use super::*;

    /// The simulated card, with every command it is sent written down.
    struct Recording {
        inner: Box<dyn CardTransport>,
        sent: Arc<Mutex<Vec<Vec<u8>>>>,
    }

    struct RecordingSession<'a> {
        inner: Box<dyn CardSession + 'a>,
        sent: Arc<Mutex<Vec<Vec<u8>>>>,
    }

    impl CardSession for RecordingSession<'_> {
        fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
            self.sent.lock().unwrap().push(apdu.to_vec());
            self.inner.transmit(apdu)
        }
    }

    impl CardTransport for Recording {
        fn atr(&self) -> &[u8] {
            self.inner.atr()
        }
        fn session(&mut self) -> Result<Box<dyn CardSession + '_>, TransportError> {
            Ok(Box::new(RecordingSession { inner: self.inner.session()?, sent: self.sent.clone() }))
        }
    }

    #[test]
    fn the_cards_region_is_read_from_its_serial_without_a_pin_command_on_any_card_type() {
        for &mode in cns_sim::QuirkMode::all() {
            let card = cns_sim::SimCard::new(mode, cns_sim::HolderPreset::RossiMario);
            let handle = cns_sim::SimHandle::new(card);
            let sent = Arc::new(Mutex::new(Vec::new()));
            let mut t = Recording { inner: Box::new(handle.transport()), sent: sent.clone() };
            let id = cns_core::card::read_card_id(&mut t).unwrap();
            assert_eq!(id.region().map(|r| r.code), Some("030"), "{mode:?}");
            // SELECT, READ BINARY, GET RESPONSE and GET DATA only: no VERIFY (not even an empty one, which
            // asks the tries), no CHANGE, no RESET RETRY COUNTER.
            for apdu in sent.lock().unwrap().iter() {
                assert!(matches!(apdu.get(1), Some(0xA4 | 0xB0 | 0xC0 | 0xCA)), "{mode:?} sent {apdu:02X?}");
            }
        }
    }

    #[test]
    fn the_demo_cards_region_is_found_and_no_card_gives_none() {
        let rossi = cns_sim::SimCard::new(cns_sim::QuirkMode::Standard, cns_sim::HolderPreset::RossiMario);
        let handle = cns_sim::SimHandle::new(rossi);
        assert_eq!(card_region(&Backend::Demo(handle.clone())).map(|r| r.code), Some("030"));
        handle.remove();
        assert_eq!(card_region(&Backend::Demo(handle)), None);
        // The window's default demo card is Tuscan.
        assert_eq!(card_region(&Backend::Demo(cns_sim::SimHandle::default())).map(|r| r.code), Some("090"));
    }

    #[test]
    fn the_text_says_the_same_as_the_data_in_each_language() {
        let g = Guidance::built_in();
        let c = g.for_region(Some("030"));
        let it = as_text(&c, From::Card, Lang::It);
        assert!(it.starts_with("Non hai il PIN o il PUK?\n"), "{it}");
        assert!(
            it.contains("Indicazioni per le tessere della Regione Lombardia\n(Regione letta dalla tessera")
        );
        assert!(it.contains("== Chiedere PIN e PUK di persona ==\n"));
        assert!(it.contains(
            "    800 030 606\n    Orario: dal lunedì al sabato, dalle 8:00 alle 20:00, festivi esclusi\n"
        ));
        assert!(it.contains(
            "  • Fascicolo Sanitario Elettronico: https://www.fascicolosanitario.regione.lombardia.it/\n"
        ));
        let de = as_text(&c, From::Argument, Lang::De);
        assert!(
            de.starts_with("Keine PIN oder PUK?\n") && de.contains("Erreichbar: Montag bis Samstag"),
            "{de}"
        );
        let national = as_text(&g.for_region(None), From::Nowhere, Lang::En);
        assert!(
            national.contains("No region chosen") && national.contains("== Ask your region's offices ==")
        );
        assert!(national.contains("cns-manager help-pin --region"));
    }
}
