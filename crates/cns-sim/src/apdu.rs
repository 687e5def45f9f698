//! Splitting a short command APDU into its parts (ISO 7816-3 cases 1-4).

/// 67 00
pub const SW_WRONG_LENGTH: u16 = 0x6700;

pub struct Apdu<'a> {
    pub cla: u8,
    pub ins: u8,
    pub p1: u8,
    pub p2: u8,
    pub data: &'a [u8],
    /// Raw Le byte if present (00 = 256).
    pub le: Option<u8>,
}

impl Apdu<'_> {
    /// Le as a number of bytes (00 = 256).
    pub fn ne(&self) -> Option<usize> {
        self.le.map(|le| if le == 0 { 256 } else { usize::from(le) })
    }
}

/// Parses a short APDU. Extended-length APDUs (Lc byte 00 followed by more bytes) are not
/// supported by the CNS (short APDUs only) and, like anything inconsistent, answer 67 00.
pub fn parse(raw: &[u8]) -> Result<Apdu<'_>, u16> {
    let (header, body) = raw.split_at_checked(4).ok_or(SW_WRONG_LENGTH)?;
    let [cla, ins, p1, p2] = <[u8; 4]>::try_from(header).map_err(|_| SW_WRONG_LENGTH)?;
    let apdu = |data, le| Apdu { cla, ins, p1, p2, data, le };
    match body {
        [] => Ok(apdu(&[], None)),
        [le] => Ok(apdu(&[], Some(*le))),
        [0, ..] => Err(SW_WRONG_LENGTH),
        [lc, rest @ ..] => {
            let lc = usize::from(*lc);
            match rest.len().checked_sub(lc) {
                Some(0) => Ok(apdu(rest, None)),
                Some(1) => Ok(apdu(rest.get(..lc).unwrap_or_default(), rest.last().copied())),
                _ => Err(SW_WRONG_LENGTH),
            }
        }
    }
}
