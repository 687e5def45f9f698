//! From PC/SC error codes to the handful of situations the user has to act on.

use cns_core::TransportError;

/// Which PC/SC implementation answers: the same error codes mean different things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stack {
    /// pcsc-lite's pcscd (Linux, BSD): a service that runs whether or not a reader is attached.
    PcscLite,
    /// Windows' WinSCard. Since Windows 8 the Smart Card service (SCardSvr) runs only while a
    /// reader is attached: with no reader, establishing a context answers SCARD_E_NO_SERVICE,
    /// and unplugging the last reader stops the service (SCARD_E_SERVICE_STOPPED).
    WinScard,
    /// macOS's CryptoTokenKit-backed PC/SC, part of the system.
    MacOs,
}

impl Stack {
    pub fn current() -> Stack {
        if cfg!(windows) {
            Stack::WinScard
        } else if cfg!(target_os = "macos") {
            Stack::MacOs
        } else {
            Stack::PcscLite
        }
    }

    /// A service that is missing or stopped means "no reader" here, not "service down".
    pub fn service_follows_readers(self) -> bool {
        self == Stack::WinScard
    }
}

/// Maps a PC/SC error to the [`TransportError`] kind the user needs to hear about, as this
/// system's PC/SC stack means it ([`map_error_on`]).
pub fn map_error(e: pcsc::Error) -> TransportError {
    map_error_on(Stack::current(), e)
}

/// [`map_error`] for `stack`, so that the tests read every system's meaning.
///
/// Anything without a user-facing meaning becomes [`TransportError::Other`] with the
/// `pcsc::Error` kept as the source, so logs still show the exact `SCARD_*` code.
pub fn map_error_on(stack: Stack, e: pcsc::Error) -> TransportError {
    use pcsc::Error as E;
    match e {
        // Windows stops its Smart Card service with the last reader: no service is no reader.
        E::NoService | E::ServiceStopped if stack.service_follows_readers() => TransportError::NoReader,
        E::NoReadersAvailable | E::UnknownReader | E::ReaderUnavailable => TransportError::NoReader,
        E::NoSmartcard => TransportError::NoCard,
        // pcsc-lite answers SCardEndTransaction with "end a non-existent transaction" when the
        // card was swapped or pulled and put back within one of its polls (the handle's
        // transaction went with the old card): for the user, the card left.
        E::RemovedCard | E::NotTransacted => TransportError::CardRemoved,
        E::ResetCard => TransportError::CardReset,
        E::SharingViolation => TransportError::SharingViolation,
        // pcsc-lite's client library answers CommError when the socket to pcscd breaks mid-call,
        // which for the user is the same as the service going away.
        E::NoService | E::ServiceStopped | E::CommError => TransportError::ServiceUnavailable,
        E::Cancelled | E::CancelledByUser | E::SystemCancelled => TransportError::Cancelled,
        // A transmit that times out means the card stopped answering; the zero-timeout status
        // reads in this crate handle their own Timeout before mapping.
        E::UnresponsiveCard | E::UnpoweredCard | E::Timeout => TransportError::Unresponsive,
        E::InsufficientBuffer => TransportError::OversizedResponse,
        other => TransportError::other(other),
    }
}

/// True for errors after which the context is useless and must be established again
/// (pcscd stopped or restarted; on Windows the service stops with the last reader).
pub(crate) fn is_service_lost(e: pcsc::Error) -> bool {
    matches!(
        e,
        pcsc::Error::NoService
            | pcsc::Error::ServiceStopped
            | pcsc::Error::InvalidHandle
            | pcsc::Error::CommError
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    /// pcsc-lite's meaning (the Windows and macOS differences have their own test below).
    fn kind(e: pcsc::Error) -> &'static str {
        match map_error_on(Stack::PcscLite, e) {
            TransportError::NoReader => "NoReader",
            TransportError::NoCard => "NoCard",
            TransportError::CardRemoved => "CardRemoved",
            TransportError::CardReset => "CardReset",
            TransportError::SharingViolation => "SharingViolation",
            TransportError::ServiceUnavailable => "ServiceUnavailable",
            TransportError::Cancelled => "Cancelled",
            TransportError::Unresponsive => "Unresponsive",
            TransportError::Other(_) => "Other",
            TransportError::OversizedResponse => "OversizedResponse",
            _ => "unexpected",
        }
    }

    #[test]
    fn maps_every_named_variant() {
        use pcsc::Error as E;
        let table = [
            (E::NoReadersAvailable, "NoReader"),
            (E::UnknownReader, "NoReader"),
            (E::ReaderUnavailable, "NoReader"),
            (E::NoSmartcard, "NoCard"),
            (E::RemovedCard, "CardRemoved"),
            (E::NotTransacted, "CardRemoved"),
            (E::ResetCard, "CardReset"),
            (E::SharingViolation, "SharingViolation"),
            (E::NoService, "ServiceUnavailable"),
            (E::ServiceStopped, "ServiceUnavailable"),
            (E::CommError, "ServiceUnavailable"),
            (E::Cancelled, "Cancelled"),
            (E::CancelledByUser, "Cancelled"),
            (E::SystemCancelled, "Cancelled"),
            (E::UnresponsiveCard, "Unresponsive"),
            (E::UnpoweredCard, "Unresponsive"),
            (E::Timeout, "Unresponsive"),
            (E::InternalError, "Other"),
            (E::InvalidHandle, "Other"),
            (E::ProtoMismatch, "Other"),
            (E::InsufficientBuffer, "OversizedResponse"),
            (E::UnsupportedCard, "Other"),
        ];
        for (e, want) in table {
            assert_eq!(kind(e), want, "{e:?}");
            // map_error reads them as this system's stack does.
            let here = format!("{:?}", map_error(e));
            assert_eq!(here, format!("{:?}", map_error_on(Stack::current(), e)), "{e:?}");
        }
    }

    #[test]
    fn on_windows_a_stopped_smart_card_service_means_no_reader() {
        use pcsc::Error as E;
        // SCardSvr runs only while a reader is attached (Windows 8 and later)
        for e in [E::NoService, E::ServiceStopped] {
            assert!(matches!(map_error_on(Stack::WinScard, e), TransportError::NoReader), "{e:?}");
            assert!(matches!(map_error_on(Stack::PcscLite, e), TransportError::ServiceUnavailable), "{e:?}");
            assert!(matches!(map_error_on(Stack::MacOs, e), TransportError::ServiceUnavailable), "{e:?}");
        }
        // a broken connection to the service is the service on every system
        assert!(matches!(map_error_on(Stack::WinScard, E::CommError), TransportError::ServiceUnavailable));
        // the rest means the same everywhere
        assert!(matches!(map_error_on(Stack::WinScard, E::NoSmartcard), TransportError::NoCard));
        assert!(matches!(map_error_on(Stack::WinScard, E::RemovedCard), TransportError::CardRemoved));
    }

    #[test]
    fn a_card_swapped_within_one_poll_is_a_removal() {
        // SCARD_E_NOT_TRANSACTED: pcsc-lite lost our transaction with the card that left
        assert!(matches!(map_error(pcsc::Error::NotTransacted), TransportError::CardRemoved));
        assert!(!matches!(map_error(pcsc::Error::NotTransacted), TransportError::Other(_)));
    }

    #[test]
    fn other_keeps_the_pcsc_error_as_source() {
        let mapped = map_error(pcsc::Error::ProtoMismatch);
        let source = mapped.source().expect("Other has a source");
        assert_eq!(source.downcast_ref::<pcsc::Error>(), Some(&pcsc::Error::ProtoMismatch));
    }

    #[test]
    fn service_lost_errors() {
        assert!(is_service_lost(pcsc::Error::NoService));
        assert!(is_service_lost(pcsc::Error::ServiceStopped));
        assert!(is_service_lost(pcsc::Error::InvalidHandle));
        assert!(is_service_lost(pcsc::Error::CommError));
        assert!(!is_service_lost(pcsc::Error::Timeout));
        assert!(!is_service_lost(pcsc::Error::Cancelled));
    }
}
