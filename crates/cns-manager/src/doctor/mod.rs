//! The doctor: what stands between this PC and a working card, each check with a result (ok,
//! warning, problem) and, for each problem, the fix in the user's language.
//!
//! Used by `cns-manager doctor` and by the window's "Diagnostica" page. Nothing personal is kept:
//! a card's status is read (to know it is readable) and dropped; only its ATR, profile and the
//! region digits of its serial survive, and the APDU trace is redacted as it is recorded
//! ([`trace`]).

pub mod fixes;
pub mod platform;
pub mod report;
pub mod trace;

use serde::Serialize;

use crate::backend::Backend;
use crate::i18n::Lang;
use crate::settings::{self, SettingsError};
use cns_core::card::{self, CardError};
use cns_core::profile::Marker;
use cns_core::{PinState, TransportError};

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Ok,
    Warning,
    Problem,
}

impl Level {
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Level::Ok => "OK",
            Level::Warning => lang.t("ATTENZIONE", "WARNING"),
            Level::Problem => lang.t("PROBLEMA", "PROBLEM"),
        }
    }

    pub fn icon(self) -> &'static str {
        match self {
            Level::Ok => "✔",
            Level::Warning => "⚠",
            Level::Problem => "⛔",
        }
    }
}

/// One check: a stable id (for scripts and tests), what was looked at, what was found, and the
/// fix when something is wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub id: String,
    pub level: Level,
    pub title: String,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// What the doctor learnt of one card: nothing personal.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CardInfo {
    pub reader: String,
    pub atr: String,
    /// "CNS", another Italian marker, or "no marker".
    pub marker: String,
    pub profile: String,
    /// Chip maker, operating system maker and version, application version, from the ATR.
    pub generation: String,
    pub readable: bool,
    /// The diffusion level and issuer digits of the serial (the first four), never the rest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial_region_digits: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The redacted APDU trace of the status read (support report only).
    #[serde(skip)]
    pub trace: Vec<String>,
    /// The card answered that it is not a TS-CNS.
    #[serde(skip)]
    pub not_cns: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderLine {
    pub name: String,
    pub card_present: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub atr: Option<String>,
}

/// Everything the doctor found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnosis {
    pub demo: bool,
    pub checks: Vec<Finding>,
    pub versions: Vec<(String, Option<String>)>,
    pub readers: Vec<ReaderLine>,
    pub cards: Vec<CardInfo>,
}

impl Diagnosis {
    pub fn problems(&self) -> usize {
        self.checks.iter().filter(|c| c.level == Level::Problem).count()
    }

    pub fn warnings(&self) -> usize {
        self.checks.iter().filter(|c| c.level == Level::Warning).count()
    }

    pub fn find(&self, id: &str) -> Option<&Finding> {
        self.checks.iter().find(|c| c.id == id)
    }
}

/// Where the settings files are looked for (the usual places, or a test's).
#[derive(Debug, Clone, Default)]
pub struct SettingsPaths {
    pub system: Option<std::path::PathBuf>,
    pub user: Option<std::path::PathBuf>,
}

impl SettingsPaths {
    pub fn usual() -> SettingsPaths {
        SettingsPaths { system: settings::system_path(), user: settings::user_path() }
    }
}

/// Runs every check. Talks to the card service and to each card (a status read that never
/// spends a try).
/// With `only_reader`, only the card in that reader is read.
pub fn diagnose(
    backend: &Backend,
    lang: Lang,
    paths: &SettingsPaths,
    only_reader: Option<&str>,
) -> Diagnosis {
    let mut d = Diagnosis {
        demo: backend.is_demo(),
        checks: Vec::new(),
        versions: Vec::new(),
        readers: vec![],
        cards: vec![],
    };
    let listing = backend.readers();
    let probe = probe_for(&listing);
    d.checks.extend(service_checks(&listing, backend.is_demo(), &probe, lang));
    if !backend.is_demo() {
        d.checks.push(ccid_check(platform::ccid_driver(), lang));
    }
    let readers = match listing {
        Ok(list) => Some(list),
        Err(TransportError::NoReader) => Some(Vec::new()),
        Err(_) => None,
    };
    if let Some(list) = readers {
        d.readers = list
            .iter()
            .map(|r| ReaderLine { name: r.name.clone(), card_present: r.card_present, atr: r.atr_hex() })
            .collect();
        d.checks.extend(reader_checks(&list, backend.is_demo(), lang));
        let mut cards_checked = 0usize;
        for r in list.iter().filter(|r| r.card_present && only_reader.is_none_or(|o| o == r.name)) {
            let (finding, info) = card_check(backend, &r.name, lang);
            cards_checked += 1;
            d.checks.extend(finding);
            d.cards.extend(info);
        }
        settle_not_cns(&mut d, cards_checked, lang);
    }
    d.checks.extend(settings_checks(paths, lang));
    d.checks.extend(browser_checks(&crate::browser::system::Environment::from_process(), lang));
    d.versions.push(("cns-manager".into(), Some(env!("CARGO_PKG_VERSION").into())));
    d.versions.extend(platform::versions().into_iter().map(|(n, v)| (n.to_owned(), v)));
    d
}

/// The service's probe for what listing the readers answered: whether anybody listens on the
/// socket is asked only when something is wrong.
pub fn probe_for(listing: &Result<Vec<cns_pcsc::ReaderInfo>, TransportError>) -> platform::ServiceProbe {
    let mut probe = platform::service_probe();
    if matches!(listing, Err(e) if !matches!(e, TransportError::NoReader)) {
        probe.listening =
            probe.socket.as_deref().filter(|_| probe.socket_exists).and_then(platform::socket_listening);
    }
    probe
}

/// Why the service cannot be used, or `None` when it answers (with readers or without).
pub fn service_cause(
    listing: &Result<Vec<cns_pcsc::ReaderInfo>, TransportError>,
    probe: &platform::ServiceProbe,
) -> Option<fixes::ServiceCause> {
    use fixes::ServiceCause as C;
    match listing {
        Ok(_) | Err(TransportError::NoReader) => None,
        Err(e) if matches!(e, TransportError::ServiceUnavailable) || access_refused(e) => {
            Some(if access_refused(e) || (probe.socket_exists && probe.listening == Some(true)) {
                // It answered, and said no (SCARD_E_NO_ACCESS, or the connection closed at once).
                C::Refused { certain: true }
            } else if probe.socket_exists && probe.listening == Some(false) {
                C::StaleSocket
            } else if probe.socket_exists {
                C::Refused { certain: false }
            } else if probe.installed {
                C::NotRunning
            } else {
                C::NotInstalled
            })
        }
        Err(_) => Some(C::Error),
    }
}

fn finding(id: &str, level: Level, title: &str, detail: String, fix: Option<String>) -> Finding {
    Finding { id: id.to_owned(), level, title: title.to_owned(), detail, fix }
}

/// The smart card service: reachable? If not: not installed, not running, or refusing us.
pub fn service_checks(
    listing: &Result<Vec<cns_pcsc::ReaderInfo>, TransportError>,
    demo: bool,
    probe: &platform::ServiceProbe,
    lang: Lang,
) -> Vec<Finding> {
    let title = lang.t("Servizio smart card (PC/SC)", "Smart card service (PC/SC)");
    if demo {
        return vec![finding(
            "service",
            Level::Ok,
            title,
            lang.t(
                "Modalità dimostrativa: si usa la tessera simulata, il servizio smart card non serve.",
                "Demo mode: the simulated card is used, the smart card service is not needed.",
            )
            .into(),
            None,
        )];
    }
    let os = probe.os;
    let mut out = Vec::new();
    match listing {
        Ok(_) | Err(TransportError::NoReader) => {
            out.push(finding(
                "service",
                Level::Ok,
                title,
                lang.t(
                    "In esecuzione e raggiungibile da questa sessione.",
                    "Running and reachable from this session.",
                )
                .into(),
                None,
            ));
            // (only systemd is asked: elsewhere socket_activation is None)
            if probe.socket_activation == Some(false) {
                out.push(finding(
                    "service-activation",
                    Level::Warning,
                    lang.t("Avvio automatico del servizio", "Service start on demand"),
                    lang.t(
                        "pcscd.socket non è abilitato: dopo un riavvio il servizio potrebbe non partire da solo.",
                        "pcscd.socket is not enabled: after a restart the service may not start by itself.",
                    )
                    .into(),
                    fixes::enable_on_demand(os).map(str::to_owned),
                ));
            }
        }
        Err(e) if matches!(e, TransportError::ServiceUnavailable) || access_refused(e) => {
            let cause = service_cause(listing, probe).unwrap_or(fixes::ServiceCause::Error);
            let (detail, fix) = cause.advice(os, lang);
            let where_ = probe.socket.as_ref().map(|s| format!(" ({})", s.display())).unwrap_or_default();
            out.push(finding(
                "service",
                Level::Problem,
                title,
                format!("{detail}{where_}"),
                Some(fix.into()),
            ));
        }
        Err(e) => out.push(finding(
            "service",
            Level::Problem,
            title,
            lang.s(
                format!("Il servizio ha risposto con un errore: {}", cns_core::error_chain(e)),
                format!("The service answered with an error: {}", cns_core::error_chain(e)),
            ),
            Some(fixes::service_restart(os, lang).into()),
        )),
    }
    out
}

/// The service refused this client (cns-pcsc keeps the PC/SC code as the source of
/// [`TransportError::Other`]): SCARD_E_NO_ACCESS, what recent pcsc-lite answers when polkit says
/// no, or SCARD_W_SECURITY_VIOLATION, what the 1.9 client library (Debian 12) answers, at
/// times, when pcscd accepts the connection and closes it at once, as it does when polkit says
/// no (the other times it is SCARD_F_COMM_ERROR, [`TransportError::ServiceUnavailable`]).
fn access_refused(e: &TransportError) -> bool {
    use cns_pcsc::pcsc::Error as E;
    matches!(e, TransportError::Other(src)
        if matches!(src.downcast_ref::<E>(), Some(E::NoAccess | E::SecurityViolation)))
}

/// The CCID driver that USB readers need.
pub fn ccid_check(driver: Option<String>, lang: Lang) -> Finding {
    let title = lang.t("Driver dei lettori (CCID)", "Reader driver (CCID)");
    match driver {
        Some(v) if v.is_empty() => {
            finding("ccid", Level::Ok, title, lang.t("Installato.", "Installed.").into(), None)
        }
        Some(v) => finding(
            "ccid",
            Level::Ok,
            title,
            lang.s(format!("Installato, versione {v}."), format!("Installed, version {v}.")),
            None,
        ),
        None => finding(
            "ccid",
            Level::Problem,
            title,
            lang.t(
                "Il driver CCID non è installato: i lettori USB non vengono visti.",
                "The CCID driver is not installed: USB readers are not seen.",
            )
            .into(),
            Some(fixes::install_reader_driver(fixes::Os::current(), lang).into()),
        ),
    }
}

/// The readers: any at all, each one's model known to the driver, a plugged reader left without
/// a driver.
pub fn reader_checks(list: &[cns_pcsc::ReaderInfo], demo: bool, lang: Lang) -> Vec<Finding> {
    let title = lang.t("Lettori", "Readers");
    if list.is_empty() {
        let unbound = platform::usb_ccid_interfaces();
        let (detail, fix) = if unbound > 0 {
            (
                lang.s(
                    format!("Un lettore USB è collegato ({unbound} interfacce smart card) ma il servizio non lo vede: manca il driver."),
                    format!("A USB reader is plugged in ({unbound} smart card interfaces) but the service does not see it: its driver is missing."),
                ),
                fixes::install_reader_driver(fixes::Os::current(), lang),
            )
        } else {
            let (found, fix) = fixes::connect_reader(lang);
            (found.to_owned(), fix)
        };
        return vec![finding("readers", Level::Problem, title, detail, Some(fix.into()))];
    }
    let known = platform::ccid_known_readers();
    let mut out = vec![finding(
        "readers",
        Level::Ok,
        title,
        lang.s(
            match list.len() {
                1 => "1 lettore, gestito da un driver.".to_owned(),
                n => format!("{n} lettori, ciascuno gestito da un driver."),
            },
            match list.len() {
                1 => "1 reader, bound to a driver.".to_owned(),
                n => format!("{n} readers, each bound to a driver."),
            },
        ),
        None,
    )];
    for r in list {
        let id = format!("reader:{}", r.name);
        if demo || known.is_empty() {
            continue;
        }
        // pcsc-lite names a reader "<friendly name> [<interface>] NN MM".
        let is_known = known.iter().any(|k| r.name.starts_with(k.as_str()));
        if is_known {
            out.push(finding(
                &id,
                Level::Ok,
                &r.name,
                lang.t("Modello supportato dal driver CCID.", "Model supported by the CCID driver.").into(),
                None,
            ));
        } else {
            out.push(finding(
                &id,
                Level::Warning,
                &r.name,
                lang.t(
                    "Modello non presente nell'elenco del driver CCID (driver del produttore o lettore virtuale).",
                    "Model not in the CCID driver's list (a vendor's driver or a virtual reader).",
                )
                .into(),
                Some(
                    lang.t(
                        "Se la tessera non viene letta, prova un lettore CCID (l'elenco è su ccid.apdu.fr).",
                        "If the card is not read, try a CCID reader (the list is at ccid.apdu.fr).",
                    )
                    .into(),
                ),
            ));
        }
    }
    out
}

/// One card: can we connect (or does another program hold it), is it a TS-CNS, which profile,
/// can it be read.
pub fn card_check(backend: &Backend, reader: &str, lang: Lang) -> (Vec<Finding>, Option<CardInfo>) {
    let id = format!("card:{reader}");
    let shown = crate::backend::reader_name(reader, lang);
    let title = lang.s(format!("Tessera in «{shown}»"), format!("Card in \"{shown}\""));
    let mut transport = match backend.open(reader) {
        Ok(t) => t,
        Err(e) => return (vec![transport_finding(&id, &title, &e, lang)], None),
    };
    let (findings, info) = inspect_card(transport.as_mut(), reader, &id, &title, lang);
    (findings, Some(info))
}

/// The card behind `transport`, read once through a recording of the redacted APDU trace.
pub fn inspect_card(
    transport: &mut dyn cns_core::CardTransport,
    reader: &str,
    id: &str,
    title: &str,
    lang: Lang,
) -> (Vec<Finding>, CardInfo) {
    let recognition = card::recognize(transport);
    let atr = transport.atr().iter().map(|b| format!("{b:02X}")).collect::<String>();
    let cns = recognition.atr.as_ref().and_then(|a| a.cns);
    let generation = cns
        .map(|h| {
            lang.s(
                format!(
                    "chip {}, sistema operativo {} {:04X}, applicazione {}",
                    h.ic_manufacturer_name().unwrap_or("?"),
                    h.mask_manufacturer_name().unwrap_or("?"),
                    h.os_version,
                    h.app_version_str()
                ),
                format!(
                    "chip {}, operating system {} {:04X}, application {}",
                    h.ic_manufacturer_name().unwrap_or("?"),
                    h.mask_manufacturer_name().unwrap_or("?"),
                    h.os_version,
                    h.app_version_str()
                ),
            )
        })
        .unwrap_or_default();
    let mut info = CardInfo {
        reader: reader.to_owned(),
        atr,
        marker: recognition.marker.to_string(),
        profile: recognition.profile.name.to_owned(),
        generation,
        ..CardInfo::default()
    };
    let mut recorder = trace::TracingTransport::new(transport);
    let status = card::read_status(&mut recorder);
    info.trace = recorder.into_lines();
    let findings = match status {
        Ok(s) => {
            info.readable = true;
            info.serial_region_digits = s.id.serial.get(0..4).map(str::to_owned);
            info.region = s.id.region().map(|r| r.name.to_owned());
            let mut out = vec![finding(
                id,
                Level::Ok,
                title,
                lang.s(
                    format!("TS-CNS riconosciuta e leggibile: profilo {}; {}.", info.profile, info.generation),
                    format!("TS-CNS recognised and readable: profile {}; {}.", info.profile, info.generation),
                ),
                None,
            )];
            let today = time::OffsetDateTime::now_utc().date();
            if s.card_expiry().is_some_and(|e| e < today) {
                out.push(finding(
                    &format!("{id}:expired"),
                    Level::Warning,
                    title,
                    lang.t("La tessera è scaduta.", "The card has expired.").into(),
                    Some(lang.t("Chiedi una nuova tessera alla tua ASL o Regione.", "Ask your ASL or Region for a new card.").into()),
                ));
            }
            if s.puk == PinState::Blocked {
                out.push(finding(
                    &format!("{id}:puk"),
                    Level::Warning,
                    title,
                    lang.t("PUK bloccato.", "PUK blocked.").into(),
                    Some(lang.t("La tessera va sostituita: rivolgiti alla tua ASL.", "The card must be replaced: ask your ASL.").into()),
                ));
            } else if s.pin == PinState::Blocked {
                out.push(finding(
                    &format!("{id}:pin"),
                    Level::Warning,
                    title,
                    lang.t("PIN bloccato.", "PIN blocked.").into(),
                    Some(lang.t("Sbloccalo con il PUK: cns-manager unblock", "Unblock it with the PUK: cns-manager unblock").into()),
                ));
            }
            out
        }
        Err(CardError::NotCns(_)) => {
            info.not_cns = true;
            vec![not_cns(id, title, &recognition.marker, lang)]
        }
        Err(CardError::Transport(e)) => vec![transport_finding(id, title, &e, lang)],
        Err(e) => vec![finding(
            id,
            Level::Problem,
            title,
            lang.s(
                format!("Riconosciuta come {} ma non leggibile: {}", info.profile, cns_core::error_chain(&e)),
                format!("Recognised as {} but not readable: {}", info.profile, cns_core::error_chain(&e)),
            ),
            Some(
                lang.t(
                    "Estrai la tessera, controlla che il chip sia pulito e reinseriscila; se succede ancora, \
                     manda il rapporto per l'assistenza.",
                    "Take the card out, check that the chip is clean and insert it again; if it happens again, \
                     send the support report.",
                )
                .into(),
            ),
        )],
    };
    (findings, info)
}

/// A card that is not a TS-CNS: a problem, the user's card is not there; [`diagnose`] demotes
/// it to a warning when a TS-CNS is in another reader.
fn not_cns(id: &str, title: &str, marker: &Marker, lang: Lang) -> Finding {
    let what = match marker {
        Marker::OtherItalian(m) => lang.s(format!("una carta «{m}»"), format!("a \"{m}\" card")),
        _ => lang.t("una carta di altro tipo", "a card of another kind").to_owned(),
    };
    finding(
        id,
        Level::Problem,
        title,
        lang.s(
            format!("Non è una Tessera Sanitaria – CNS: è {what}."),
            format!("Not a Tessera Sanitaria – CNS: it is {what}."),
        ),
        Some(
            lang.t(
                "Inserisci la Tessera Sanitaria – CNS (quella con il chip dorato).",
                "Insert the Tessera Sanitaria – CNS (the one with the gold chip).",
            )
            .into(),
        ),
    )
}

/// A card of another kind is the problem when no TS-CNS is in a reader (the user took the
/// wrong card). With a TS-CNS in another reader, or a card that may be one (another program
/// holds it, so it could not be read), it is in nobody's way: a warning, nothing to fix.
/// `cards_checked` counts every card looked at, read or not.
pub fn settle_not_cns(d: &mut Diagnosis, cards_checked: usize, lang: Lang) {
    let not_cns: Vec<String> =
        d.cards.iter().filter(|c| c.not_cns).map(|c| format!("card:{}", c.reader)).collect();
    if not_cns.is_empty() || not_cns.len() >= cards_checked {
        return;
    }
    for f in d.checks.iter_mut().filter(|f| not_cns.contains(&f.id)) {
        f.level = Level::Warning;
        f.detail.push(' ');
        f.detail.push_str(lang.t(
            "Una Tessera Sanitaria – CNS è in un altro lettore: si usa quella.",
            "A Tessera Sanitaria – CNS is in another reader: that one is used.",
        ));
        f.fix = None;
    }
}

fn transport_finding(id: &str, title: &str, e: &TransportError, lang: Lang) -> Finding {
    match e {
        TransportError::SharingViolation | TransportError::Busy => {
            let detail = if matches!(e, TransportError::Busy) {
                lang.t(
                    "Un altro programma tiene la tessera occupata in una transazione che non finisce.",
                    "Another program keeps the card busy in a transaction that does not end.",
                )
            } else {
                lang.t(
                    "Un altro programma tiene la tessera in uso esclusivo (SCARD_E_SHARING_VIOLATION).",
                    "Another program holds the card exclusively (SCARD_E_SHARING_VIOLATION).",
                )
            };
            let fix = lang.t(
                "Chiudi gli altri programmi che usano la tessera (browser, programmi di firma, software della \
                 Regione) e riprova; oppure estrai e reinserisci la tessera.",
                "Close the other programs using the card (browser, signing software, the Region's software) \
                 and try again; or take the card out and insert it again.",
            );
            finding(&format!("{id}:in-use"), Level::Problem, title, detail.into(), Some(fix.into()))
        }
        other => finding(
            id,
            Level::Problem,
            title,
            lang.s(
                format!("Impossibile comunicare con la tessera: {}", cns_core::error_chain(other)),
                format!("Cannot talk to the card: {}", cns_core::error_chain(other)),
            ),
            Some(
                lang.t(
                    "Estrai la tessera, controlla che il chip sia pulito e reinseriscila.",
                    "Take the card out, check that the chip is clean and insert it again.",
                )
                .into(),
            ),
        ),
    }
}

/// The settings files: each readable and valid, and which one sets each choice.
pub fn settings_checks(paths: &SettingsPaths, lang: Lang) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut origin: Vec<(&'static str, String)> = Vec::new();
    let files = [
        ("settings-system", lang.t("Impostazioni di sistema", "System-wide settings"), &paths.system, "sys"),
        ("settings-user", lang.t("Impostazioni dell'utente", "User settings"), &paths.user, "user"),
    ];
    for (id, title, path, who) in files {
        let Some(path) = path else {
            out.push(finding(
                id,
                Level::Ok,
                title,
                lang.t("Nessun percorso su questa piattaforma.", "No location on this platform.").into(),
                None,
            ));
            continue;
        };
        let shown = path.display();
        match settings::inspect_file(path) {
            Ok(None) => out.push(finding(
                id,
                Level::Ok,
                title,
                lang.s(format!("{shown}: non presente."), format!("{shown}: not present.")),
                None,
            )),
            Ok(Some(fields)) => {
                for f in &fields {
                    origin.retain(|(n, _)| n != f);
                    origin.push((f, who.to_owned()));
                }
                let list = if fields.is_empty() { "-".to_owned() } else { fields.join(", ") };
                out.push(finding(
                    id,
                    Level::Ok,
                    title,
                    lang.s(
                        format!("{shown}: valido, imposta {list}."),
                        format!("{shown}: valid, sets {list}."),
                    ),
                    None,
                ));
            }
            Err(SettingsError::Parse { source, .. }) => out.push(finding(
                id,
                Level::Problem,
                title,
                lang.s(
                    format!("{shown} non è valido e viene ignorato: {}", one_line(&source.to_string())),
                    format!("{shown} is not valid and is ignored: {}", one_line(&source.to_string())),
                ),
                Some(
                    lang.t(
                        "Correggilo (chiavi ammesse: lang = \"it\"|\"en\", preferred_reader, mode = \
                         \"normal\"|\"counter\", zoom, pkcs11_module) oppure eliminalo.",
                        "Fix it (allowed keys: lang = \"it\"|\"en\", preferred_reader, mode = \
                         \"normal\"|\"counter\", zoom, pkcs11_module) or delete it.",
                    )
                    .into(),
                ),
            )),
            Err(e) => out.push(finding(
                id,
                Level::Problem,
                title,
                lang.s(
                    format!("{shown} non è leggibile: {}", cns_core::error_chain(&e)),
                    format!("{shown} cannot be read: {}", cns_core::error_chain(&e)),
                ),
                Some(fixes::make_readable(fixes::Os::current(), lang).into()),
            )),
        }
    }
    let effective = settings::Settings::load_from(paths.system.as_deref(), paths.user.as_deref());
    let value = |f: &str| -> String {
        match f {
            "lang" => effective.lang.map_or("-".into(), |l| l.code().to_owned()),
            "preferred_reader" => effective.preferred_reader.clone().unwrap_or_else(|| "-".into()),
            "mode" => format!("{:?}", effective.mode).to_lowercase(),
            "pkcs11_module" => {
                effective.pkcs11_module.as_ref().map_or("-".into(), |p| p.display().to_string())
            }
            _ => effective.zoom.to_string(),
        }
    };
    let parts: Vec<String> = ["lang", "preferred_reader", "mode", "zoom", "pkcs11_module"]
        .iter()
        .map(|f| {
            let from = match origin.iter().find(|(n, _)| n == f).map(|(_, w)| w.as_str()) {
                Some("user") => lang.t("utente", "user"),
                Some(_) => lang.t("sistema", "system"),
                None => lang.t("predefinito", "default"),
            };
            format!("{f} = {} ({from})", value(f))
        })
        .collect();
    out.push(finding(
        "settings",
        Level::Ok,
        lang.t("Impostazioni in vigore", "Settings in effect"),
        lang.s(
            format!(
                "{}. Il file dell'utente prevale su quello di sistema, campo per campo.",
                parts.join("; ")
            ),
            format!("{}. The user's file overrides the system-wide one, field by field.", parts.join("; ")),
        ),
        None,
    ));
    out
}

/// One check per browser database found (Firefox profiles, the Chromium NSS database): does it
/// see the card; if not, the fix is `cns-manager browser-setup`. A warning, not a problem: the
/// card works without a browser.
pub fn browser_checks(env: &crate::browser::system::Environment, lang: Lang) -> Vec<Finding> {
    let module = env.module().filter(|m| m.exists);
    env.scan()
        .into_iter()
        .map(|db| {
            let id = format!("browser:{}:{}", db.browser.code(), db.profile);
            let detail = format!("{} ({})", db.state.words(lang), db.dir.display());
            if db.state.sees_card() {
                return finding(&id, Level::Ok, &db.title(lang), detail, None);
            }
            let fix = if !db.state.needs_setup() {
                None
            } else if module.is_none() {
                Some(lang.t(
                    "Installa il pacchetto cns-manager (contiene il modulo PKCS#11), poi: cns-manager browser-setup",
                    "Install the cns-manager package (it holds the PKCS#11 module), then: cns-manager browser-setup",
                ).to_owned())
            } else if db.in_use {
                Some(lang.t(
                    "Chiudi Firefox, poi: cns-manager browser-setup (o la pagina «Usa la tessera nel browser»)",
                    "Close Firefox, then: cns-manager browser-setup (or the \"Use the card in the browser\" page)",
                ).to_owned())
            } else {
                Some(lang.t(
                    "cns-manager browser-setup (o la pagina «Usa la tessera nel browser»)",
                    "cns-manager browser-setup (or the \"Use the card in the browser\" page)",
                ).to_owned())
            };
            finding(&id, Level::Warning, &db.title(lang), detail, fix)
        })
        .collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The diagnosis as text for the terminal.
pub fn to_text(d: &Diagnosis, lang: Lang) -> String {
    let mut s = String::new();
    for c in &d.checks {
        s.push_str(&format!("{} {:<10} {}: {}\n", c.level.icon(), c.level.word(lang), c.title, c.detail));
        if let Some(fix) = &c.fix {
            s.push_str(&format!("    {}: {fix}\n", lang.t("Come risolvere", "How to fix")));
        }
    }
    let versions: Vec<String> = d
        .versions
        .iter()
        .map(|(n, v)| format!("{n} {}", v.as_deref().unwrap_or(lang.t("non trovato", "not found"))))
        .collect();
    s.push_str(&format!("{}: {}\n", lang.t("Versioni", "Versions"), versions.join(" · ")));
    let summary = match (d.problems(), d.warnings()) {
        (0, 0) => lang.t("Esito: nessun problema.", "Result: no problem.").to_owned(),
        (p, w) => {
            let problems = lang.s(
                if p == 1 { "1 problema".into() } else { format!("{p} problemi") },
                if p == 1 { "1 problem".into() } else { format!("{p} problems") },
            );
            let warnings = lang.s(
                if w == 1 { "1 avviso".into() } else { format!("{w} avvisi") },
                if w == 1 { "1 warning".into() } else { format!("{w} warnings") },
            );
            let problems = if p == 0 { lang.t("nessun problema", "no problem").to_owned() } else { problems };
            lang.s(format!("Esito: {problems}, {warnings}."), format!("Result: {problems}, {warnings}."))
        }
    };
    s.push_str(&summary);
    s.push('\n');
    s
}

#[cfg(test)]
mod tests;
