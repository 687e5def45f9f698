//! Status words, decoded into what callers act on.

use std::fmt;

/// A status word (SW1 SW2) with the meaning the TS-CNS gives it.
///
/// Every value round-trips: `StatusWord::from_bytes(a, b).to_bytes() == (a, b)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusWord {
    /// 90 00
    Ok,
    /// 61 xx: more data available, fetch it with GET RESPONSE (xx = 0 means 256).
    MoreData(u8),
    /// 62 82: end of file reached before Le bytes were read.
    EndOfFileReached,
    /// 63 Cx: wrong PIN/PUK, x tries left (x = 0 means it is now blocked).
    WrongPin { tries_left: u8 },
    /// 63 00: authentication failed, tries left not reported.
    WrongPinUnknownTries,
    /// 67 00: wrong length (older cards answer this to Le = 00 on long files).
    WrongLength,
    /// 69 82: security status not satisfied.
    SecurityNotSatisfied,
    /// 69 83: authentication method blocked.
    Blocked,
    /// 69 84: referenced data not usable (treated like blocked).
    ReferenceDataNotUsable,
    /// 69 85: conditions of use not satisfied.
    ConditionsNotSatisfied,
    /// 6A 80: incorrect data.
    IncorrectData,
    /// 6A 82: file not found.
    FileNotFound,
    /// 6A 86: incorrect P1/P2.
    IncorrectP1P2,
    /// 6A 88: referenced data not found (wrong PIN reference).
    ReferenceNotFound,
    /// 6B 00: wrong parameters (READ BINARY offset beyond the end of file).
    WrongParameters,
    /// 6C xx: wrong Le, the right one is xx (0 means 256).
    WrongLe(u8),
    /// 6D 00: instruction not supported.
    InsNotSupported,
    /// 6E 00: class not supported.
    ClaNotSupported,
    /// Anything else, kept raw.
    Unknown(u16),
}

impl StatusWord {
    pub fn from_bytes(sw1: u8, sw2: u8) -> Self {
        use StatusWord::*;
        match (sw1, sw2) {
            (0x90, 0x00) => Ok,
            (0x61, n) => MoreData(n),
            (0x62, 0x82) => EndOfFileReached,
            (0x63, 0x00) => WrongPinUnknownTries,
            (0x63, n) if n & 0xF0 == 0xC0 => WrongPin { tries_left: n & 0x0F },
            (0x67, 0x00) => WrongLength,
            (0x69, 0x82) => SecurityNotSatisfied,
            (0x69, 0x83) => Blocked,
            (0x69, 0x84) => ReferenceDataNotUsable,
            (0x69, 0x85) => ConditionsNotSatisfied,
            (0x6A, 0x80) => IncorrectData,
            (0x6A, 0x82) => FileNotFound,
            (0x6A, 0x86) => IncorrectP1P2,
            (0x6A, 0x88) => ReferenceNotFound,
            (0x6B, 0x00) => WrongParameters,
            (0x6C, n) => WrongLe(n),
            (0x6D, 0x00) => InsNotSupported,
            (0x6E, 0x00) => ClaNotSupported,
            (a, b) => Unknown(u16::from_be_bytes([a, b])),
        }
    }

    pub fn from_u16(sw: u16) -> Self {
        let [a, b] = sw.to_be_bytes();
        Self::from_bytes(a, b)
    }

    pub fn to_bytes(self) -> (u8, u8) {
        use StatusWord::*;
        match self {
            Ok => (0x90, 0x00),
            MoreData(n) => (0x61, n),
            EndOfFileReached => (0x62, 0x82),
            WrongPin { tries_left } => (0x63, 0xC0 | (tries_left & 0x0F)),
            WrongPinUnknownTries => (0x63, 0x00),
            WrongLength => (0x67, 0x00),
            SecurityNotSatisfied => (0x69, 0x82),
            Blocked => (0x69, 0x83),
            ReferenceDataNotUsable => (0x69, 0x84),
            ConditionsNotSatisfied => (0x69, 0x85),
            IncorrectData => (0x6A, 0x80),
            FileNotFound => (0x6A, 0x82),
            IncorrectP1P2 => (0x6A, 0x86),
            ReferenceNotFound => (0x6A, 0x88),
            WrongParameters => (0x6B, 0x00),
            WrongLe(n) => (0x6C, n),
            InsNotSupported => (0x6D, 0x00),
            ClaNotSupported => (0x6E, 0x00),
            Unknown(v) => {
                let [a, b] = v.to_be_bytes();
                (a, b)
            }
        }
    }

    pub fn to_u16(self) -> u16 {
        let (a, b) = self.to_bytes();
        u16::from_be_bytes([a, b])
    }
}

impl fmt::Display for StatusWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SW {:04X}", self.to_u16())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decodes_the_words_that_matter() {
        assert_eq!(StatusWord::from_u16(0x9000), StatusWord::Ok);
        assert_eq!(StatusWord::from_u16(0x63C2), StatusWord::WrongPin { tries_left: 2 });
        assert_eq!(StatusWord::from_u16(0x63C0), StatusWord::WrongPin { tries_left: 0 });
        assert_eq!(StatusWord::from_u16(0x6300), StatusWord::WrongPinUnknownTries);
        assert_eq!(StatusWord::from_u16(0x6983), StatusWord::Blocked);
        assert_eq!(StatusWord::from_u16(0x6984), StatusWord::ReferenceDataNotUsable);
        assert_eq!(StatusWord::from_u16(0x6982), StatusWord::SecurityNotSatisfied);
        assert_eq!(StatusWord::from_u16(0x6A82), StatusWord::FileNotFound);
        assert_eq!(StatusWord::from_u16(0x6A88), StatusWord::ReferenceNotFound);
        assert_eq!(StatusWord::from_u16(0x6C10), StatusWord::WrongLe(0x10));
        assert_eq!(StatusWord::from_u16(0x6120), StatusWord::MoreData(0x20));
        assert_eq!(StatusWord::from_u16(0x6282), StatusWord::EndOfFileReached);
        assert_eq!(StatusWord::from_u16(0x6B00), StatusWord::WrongParameters);
        assert_eq!(StatusWord::from_u16(0x6700), StatusWord::WrongLength);
        assert_eq!(StatusWord::from_u16(0x6F00), StatusWord::Unknown(0x6F00));
        assert_eq!(StatusWord::from_u16(0x6381), StatusWord::Unknown(0x6381));
    }

    proptest! {
        #[test]
        fn every_status_word_round_trips(sw in any::<u16>()) {
            prop_assert_eq!(StatusWord::from_u16(sw).to_u16(), sw);
        }
    }
}
