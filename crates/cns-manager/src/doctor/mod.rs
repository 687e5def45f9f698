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
use crate::i18n::{Lang, msg};
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
    pub fn word(self, lang: Lang) -> String {
        match self {
            Level::Ok => "OK".to_owned(),
            Level::Warning => lang.tr(msg::level_warning()),
            Level::Problem => lang.tr(msg::level_problem()),
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

/// The window's checks: this PC's real smart card service, driver and readers, whatever the
/// window shows (a demo started because the service is missing must not make the page say "no
/// problem"). While the demo is on, its simulated card is checked as well, under its reader's
/// name, and the report says the window was in demo mode.
pub fn diagnose_for_window(backend: &Backend, lang: Lang) -> Diagnosis {
    let mut d = diagnose(&Backend::Pcsc, lang, &SettingsPaths::usual(), None);
    if backend.is_demo() && backend.readers().is_ok_and(|r| r.iter().any(|r| r.card_present)) {
        let (findings, info) = card_check(backend, crate::backend::DEMO_READER, lang);
        d.checks.extend(findings);
        d.cards.extend(info);
    }
    d.demo = backend.is_demo();
    d
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
    d.checks.extend(guidance_checks(&crate::guidance::Guidance::load(), lang));
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

fn finding(id: &str, level: Level, title: impl AsRef<str>, detail: String, fix: Option<String>) -> Finding {
    Finding { id: id.to_owned(), level, title: title.as_ref().to_owned(), detail, fix }
}

/// The smart card service: reachable? If not: not installed, not running, or refusing us.
pub fn service_checks(
    listing: &Result<Vec<cns_pcsc::ReaderInfo>, TransportError>,
    demo: bool,
    probe: &platform::ServiceProbe,
    lang: Lang,
) -> Vec<Finding> {
    let title = &lang.tr(msg::doctor_service_title());
    if demo {
        return vec![finding("service", Level::Ok, title, lang.tr(msg::doctor_service_demo()), None)];
    }
    let os = probe.os;
    let mut out = Vec::new();
    match listing {
        Ok(_) | Err(TransportError::NoReader) => {
            out.push(finding("service", Level::Ok, title, lang.tr(msg::doctor_service_ok()), None));
            // (only systemd is asked: elsewhere socket_activation is None)
            if probe.socket_activation == Some(false) {
                out.push(finding(
                    "service-activation",
                    Level::Warning,
                    lang.tr(msg::doctor_activation_title()),
                    lang.tr(msg::doctor_activation_off()),
                    fixes::enable_on_demand(os).map(str::to_owned),
                ));
            }
        }
        Err(e) if matches!(e, TransportError::ServiceUnavailable) || access_refused(e) => {
            let cause = service_cause(listing, probe).unwrap_or(fixes::ServiceCause::Error);
            let (detail, fix) = cause.advice(os, lang);
            let where_ = probe.socket.as_ref().map(|s| format!(" ({})", s.display())).unwrap_or_default();
            out.push(finding("service", Level::Problem, title, format!("{detail}{where_}"), Some(fix)));
        }
        Err(e) => out.push(finding(
            "service",
            Level::Problem,
            title,
            lang.tr(msg::doctor_service_error(cns_core::error_chain(e))),
            Some(fixes::service_restart(os, lang)),
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
    let title = &lang.tr(msg::doctor_ccid_title());
    match driver {
        Some(v) if v.is_empty() => {
            finding("ccid", Level::Ok, title, lang.tr(msg::doctor_ccid_installed()), None)
        }
        Some(v) => finding("ccid", Level::Ok, title, lang.tr(msg::doctor_ccid_version(v)), None),
        None => finding(
            "ccid",
            Level::Problem,
            title,
            lang.tr(msg::doctor_ccid_missing()),
            Some(fixes::install_reader_driver(fixes::Os::current(), lang)),
        ),
    }
}

/// The readers: any at all, each one's model known to the driver, a plugged reader left without
/// a driver.
pub fn reader_checks(list: &[cns_pcsc::ReaderInfo], demo: bool, lang: Lang) -> Vec<Finding> {
    let title = &lang.tr(msg::readers_title());
    if list.is_empty() {
        let unbound = platform::usb_ccid_interfaces();
        let (detail, fix) = if unbound > 0 {
            (
                lang.tr(msg::doctor_reader_without_driver(unbound)),
                fixes::install_reader_driver(fixes::Os::current(), lang),
            )
        } else {
            fixes::connect_reader(lang)
        };
        return vec![finding("readers", Level::Problem, title, detail, Some(fix))];
    }
    let known = platform::ccid_known_readers();
    let mut out =
        vec![finding("readers", Level::Ok, title, lang.tr(msg::doctor_readers_ok(list.len())), None)];
    for r in list {
        let id = format!("reader:{}", r.name);
        if demo || known.is_empty() {
            continue;
        }
        // pcsc-lite names a reader "<friendly name> [<interface>] NN MM".
        let is_known = known.iter().any(|k| r.name.starts_with(k.as_str()));
        if is_known {
            out.push(finding(&id, Level::Ok, &r.name, lang.tr(msg::doctor_reader_model_known()), None));
        } else {
            out.push(finding(
                &id,
                Level::Warning,
                &r.name,
                lang.tr(msg::doctor_reader_model_unknown()),
                Some(lang.tr(msg::doctor_reader_model_unknown_fix())),
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
    let title = lang.tr(msg::doctor_card_title(shown));
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
            lang.tr(msg::DoctorCardGeneration {
                app: h.app_version_str().into(),
                chip: (h.ic_manufacturer_name().unwrap_or("?")).into(),
                mask: (h.mask_manufacturer_name().unwrap_or("?")).into(),
                mask_version: (format!("{:04X}", h.os_version)).into(),
            })
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
                lang.tr(msg::DoctorCardOk {
                    generation: info.generation.as_str().into(),
                    profile: info.profile.as_str().into(),
                }),
                None,
            )];
            let today = time::OffsetDateTime::now_utc().date();
            if s.card_expiry().is_some_and(|e| e < today) {
                out.push(finding(
                    &format!("{id}:expired"),
                    Level::Warning,
                    title,
                    lang.tr(msg::doctor_card_expired()),
                    Some(lang.tr(msg::doctor_card_expired_fix())),
                ));
            }
            if s.puk == PinState::Blocked {
                out.push(finding(
                    &format!("{id}:puk"),
                    Level::Warning,
                    title,
                    lang.tr(msg::doctor_puk_blocked()),
                    Some(lang.tr(msg::doctor_puk_blocked_fix())),
                ));
            } else if s.pin == PinState::Blocked {
                out.push(finding(
                    &format!("{id}:pin"),
                    Level::Warning,
                    title,
                    lang.tr(msg::doctor_pin_blocked()),
                    Some(lang.tr(msg::doctor_pin_blocked_fix())),
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
            lang.tr(msg::DoctorCardUnreadable {
                error: (cns_core::error_chain(&e)).into(),
                profile: info.profile.as_str().into(),
            }),
            Some(lang.tr(msg::doctor_card_unreadable_fix())),
        )],
    };
    (findings, info)
}

/// A card that is not a TS-CNS: a problem, the user's card is not there; [`diagnose`] demotes
/// it to a warning when a TS-CNS is in another reader.
fn not_cns(id: &str, title: &str, marker: &Marker, lang: Lang) -> Finding {
    let what = match marker {
        Marker::OtherItalian(m) => lang.tr(msg::doctor_card_other_italian(m.to_string())),
        _ => lang.tr(msg::doctor_card_other_kind()),
    };
    finding(
        id,
        Level::Problem,
        title,
        lang.tr(msg::doctor_not_cns(what)),
        Some(lang.tr(msg::doctor_not_cns_fix())),
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
        f.detail.push_str(&lang.tr(msg::doctor_cns_in_other_reader()));
        f.fix = None;
    }
}

fn transport_finding(id: &str, title: &str, e: &TransportError, lang: Lang) -> Finding {
    match e {
        TransportError::SharingViolation | TransportError::Busy => {
            let detail = if matches!(e, TransportError::Busy) {
                lang.tr(msg::doctor_card_busy())
            } else {
                lang.tr(msg::doctor_card_exclusive())
            };
            let fix = lang.tr(msg::doctor_card_in_use_fix());
            finding(&format!("{id}:in-use"), Level::Problem, title, detail, Some(fix))
        }
        other => finding(
            id,
            Level::Problem,
            title,
            lang.tr(msg::doctor_card_no_contact(cns_core::error_chain(other))),
            Some(lang.tr(msg::doctor_card_no_contact_fix())),
        ),
    }
}

/// The settings files: each readable and valid, and which one sets each choice.
pub fn settings_checks(paths: &SettingsPaths, lang: Lang) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut origin: Vec<(&'static str, String)> = Vec::new();
    let files = [
        ("settings-system", lang.tr(msg::doctor_settings_system()), &paths.system, "sys"),
        ("settings-user", lang.tr(msg::doctor_settings_user()), &paths.user, "user"),
    ];
    for (id, title, path, who) in files {
        let Some(path) = path else {
            out.push(finding(id, Level::Ok, title, lang.tr(msg::doctor_settings_no_location()), None));
            continue;
        };
        let shown = path.display();
        match settings::inspect_file(path) {
            Ok(None) => out.push(finding(
                id,
                Level::Ok,
                title,
                lang.tr(msg::doctor_settings_absent(shown.to_string())),
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
                    lang.tr(msg::DoctorSettingsValid { file: shown.to_string().into(), keys: list.into() }),
                    None,
                ));
            }
            Err(SettingsError::Parse { source, .. }) => out.push(finding(
                id,
                Level::Problem,
                title,
                lang.tr(msg::DoctorSettingsInvalid {
                    error: (one_line(&source.to_string())).into(),
                    file: shown.to_string().into(),
                }),
                Some(lang.tr(msg::doctor_settings_invalid_fix())),
            )),
            Err(e) => out.push(finding(
                id,
                Level::Problem,
                title,
                lang.tr(msg::DoctorSettingsUnreadable {
                    error: (cns_core::error_chain(&e)).into(),
                    file: shown.to_string().into(),
                }),
                Some(fixes::make_readable(fixes::Os::current(), lang)),
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
                Some("user") => lang.tr(msg::doctor_origin_user()),
                Some(_) => lang.tr(msg::doctor_origin_system()),
                None => lang.tr(msg::doctor_origin_default()),
            };
            format!("{f} = {} ({from})", value(f))
        })
        .collect();
    out.push(finding(
        "settings",
        Level::Ok,
        lang.tr(msg::doctor_settings_effective()),
        lang.tr(msg::doctor_settings_effective_detail(parts.join("; "))),
        None,
    ));
    out
}

/// One check per browser database found (Firefox profiles, the Chromium NSS database): does it
/// see the card; if not, the fix is `cns-manager browser-setup`. A warning, not a problem: the
/// card works without a browser.
pub fn browser_checks(env: &crate::browser::system::Environment, lang: Lang) -> Vec<Finding> {
    let module = env.module().filter(|m| m.exists);
    let chromium = crate::browser::words::chromium_note(lang, env.os)
        .map(|note| finding("browser:chrome-edge:windows", Level::Ok, "Chrome, Edge", note, None));
    env.scan()
        .into_iter()
        .map(|db| {
            let id = format!("browser:{}:{}", db.browser.code(), db.profile);
            let detail = format!("{} ({})", db.state.words(lang), db.dir.display());
            if db.state.sees_card() {
                return finding(&id, Level::Ok, db.title(lang), detail, None);
            }
            let fix = if !db.state.needs_setup() {
                None
            } else if module.is_none() {
                Some(lang.tr(msg::doctor_browser_no_module_fix()))
            } else if db.in_use {
                Some(lang.tr(msg::doctor_browser_firefox_running_fix()))
            } else {
                Some(lang.tr(msg::doctor_browser_setup_fix()))
            };
            finding(&id, Level::Warning, db.title(lang), detail, fix)
        })
        .chain(chromium)
        .collect()
}

/// The guidance on PIN, PUK and services in effect, and each installer's file refused (the
/// built-in one is used instead: a warning, the app works).
pub fn guidance_checks(g: &crate::guidance::Guidance, lang: Lang) -> Vec<Finding> {
    use crate::guidance::Origin;
    let title = lang.tr(msg::doctor_guidance_title());
    let files: Vec<String> = g
        .files()
        .map(|(name, _, origin)| {
            let file = format!("{name}.toml");
            lang.tr(match origin {
                Origin::BuiltIn => msg::doctor_guidance_built_in(file),
                Origin::Installed => msg::doctor_guidance_installed(file),
            })
        })
        .collect();
    let mut out = vec![finding(
        "guidance",
        Level::Ok,
        &title,
        lang.tr(msg::doctor_guidance_files(files.join(", "))),
        None,
    )];
    for p in g.problems() {
        let detail = lang.tr(msg::doctor_guidance_invalid(p.to_string()));
        let fix = Some(lang.tr(msg::doctor_guidance_invalid_fix()));
        out.push(finding(&format!("guidance:{}", p.file), Level::Warning, &title, detail, fix));
    }
    out
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
            s.push_str(&format!("    {}: {fix}\n", lang.tr(msg::how_to_fix())));
        }
    }
    let versions: Vec<String> = d
        .versions
        .iter()
        .map(|(n, v)| format!("{n} {}", v.clone().unwrap_or_else(|| lang.tr(msg::version_not_found()))))
        .collect();
    s.push_str(&format!("{}: {}\n", lang.tr(msg::versions()), versions.join(" · ")));
    let summary = match (d.problems(), d.warnings()) {
        (0, 0) => lang.tr(msg::doctor_result_ok()),
        (p, w) => {
            let problems =
                if p == 0 { lang.tr(msg::doctor_no_problem()) } else { lang.tr(msg::doctor_problems(p)) };
            lang.tr(msg::DoctorResult {
                problems: problems.into(),
                warnings: (lang.tr(msg::doctor_warnings(w))).into(),
            })
        }
    };
    s.push_str(&summary);
    s.push('\n');
    s
}

#[cfg(test)]
mod tests;
