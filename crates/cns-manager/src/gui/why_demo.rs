//! Why the window opened the demo card by itself (the demo band, gui/chrome/demo_band.rs, says
//! so).
//!
//! Started without `--demo` on a PC where the smart card service does not answer or lists no
//! reader, the window shows the simulated card rather than an empty page; but a citizen who
//! came for their own card must learn that this is not it, why their card is not seen, and
//! what fixes it. The why and the fix are the doctor's own words (doctor/fixes.rs).

use cns_core::TransportError;

use crate::doctor::{self, fixes, platform};
use crate::i18n::{Lang, msg};

/// What stood between the window and a real card at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoReason {
    NoService(fixes::ServiceCause),
    /// The service answers but lists no reader; `unbound_usb`: a USB smart card interface is
    /// plugged in with no driver bound to it.
    NoReader {
        unbound_usb: bool,
    },
}

impl DemoReason {
    /// Asks the real system; `None` when a reader is there (no demo needed).
    pub fn detect() -> Option<DemoReason> {
        let listing = cns_pcsc::list_readers();
        let no_reader =
            matches!(&listing, Ok(l) if l.is_empty()) || matches!(listing, Err(TransportError::NoReader));
        let probe = if no_reader || listing.is_ok() { None } else { Some(doctor::probe_for(&listing)) };
        let unbound = if no_reader { platform::usb_ccid_interfaces() > 0 } else { false };
        DemoReason::of(&listing, probe.as_ref(), unbound)
    }

    /// The reason for a listing of the readers (the decision of [`DemoReason::detect`]).
    pub fn of(
        listing: &Result<Vec<cns_pcsc::ReaderInfo>, TransportError>,
        probe: Option<&platform::ServiceProbe>,
        unbound_usb: bool,
    ) -> Option<DemoReason> {
        match listing {
            Ok(l) if !l.is_empty() => None,
            Ok(_) | Err(TransportError::NoReader) => Some(DemoReason::NoReader { unbound_usb }),
            Err(_) => Some(DemoReason::NoService(
                probe.and_then(|p| doctor::service_cause(listing, p)).unwrap_or(fixes::ServiceCause::Error),
            )),
        }
    }

    /// (why the demo started, what was found, how to fix it) on `os`.
    pub fn words(self, os: fixes::Os, lang: Lang) -> (String, String, String) {
        match self {
            DemoReason::NoService(cause) => {
                let (found, fix) = cause.advice(os, lang);
                (lang.tr(msg::demo_why_no_service()), found, fix)
            }
            DemoReason::NoReader { unbound_usb: true } => (
                lang.tr(msg::demo_why_no_reader()),
                lang.tr(msg::demo_reader_without_driver()),
                fixes::install_reader_driver(os, lang),
            ),
            DemoReason::NoReader { unbound_usb: false } => {
                let (found, fix) = fixes::connect_reader(lang);
                (lang.tr(msg::demo_why_no_reader()), found, fix)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::fixes::{Os, ServiceCause};

    fn probe(socket_exists: bool, installed: bool, listening: Option<bool>) -> platform::ServiceProbe {
        platform::ServiceProbe {
            socket: None,
            socket_exists,
            installed,
            socket_activation: None,
            listening,
            os: Os::Linux,
        }
    }

    #[test]
    fn the_reason_is_what_the_doctor_would_find() {
        let reader = cns_pcsc::ReaderInfo { name: "R".into(), card_present: false, atr: None };
        assert_eq!(DemoReason::of(&Ok(vec![reader]), None, false), None);
        assert_eq!(
            DemoReason::of(&Ok(vec![]), None, false),
            Some(DemoReason::NoReader { unbound_usb: false })
        );
        assert_eq!(
            DemoReason::of(&Err(TransportError::NoReader), None, true),
            Some(DemoReason::NoReader { unbound_usb: true })
        );
        let down = Err(TransportError::ServiceUnavailable);
        assert_eq!(
            DemoReason::of(&down, Some(&probe(false, false, None)), false),
            Some(DemoReason::NoService(ServiceCause::NotInstalled))
        );
        assert_eq!(
            DemoReason::of(&down, Some(&probe(false, true, None)), false),
            Some(DemoReason::NoService(ServiceCause::NotRunning))
        );
        assert_eq!(
            DemoReason::of(&down, Some(&probe(true, true, Some(false))), false),
            Some(DemoReason::NoService(ServiceCause::StaleSocket))
        );
    }

    #[test]
    fn the_fix_is_the_doctors_wording() {
        for (lang, os) in Lang::ALL.into_iter().flat_map(|l| Os::ALL.map(|os| (l, os))) {
            let (_, found, fix) = DemoReason::NoService(ServiceCause::NotInstalled).words(os, lang);
            assert_eq!((found, fix), fixes::service_not_installed(os, lang));
            let (_, found, fix) =
                DemoReason::NoService(ServiceCause::Refused { certain: true }).words(os, lang);
            assert_eq!((found, fix), fixes::service_refused(os, true, lang));
            let (_, found, fix) = DemoReason::NoReader { unbound_usb: false }.words(os, lang);
            assert_eq!((found, fix), fixes::connect_reader(lang));
            let (_, _, fix) = DemoReason::NoReader { unbound_usb: true }.words(os, lang);
            assert_eq!(fix, fixes::install_reader_driver(os, lang));
        }
    }
}
