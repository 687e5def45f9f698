//! Connects to a reader, sends SELECT MF and an empty VERIFY in one session, and prints the
//! status words (never a PIN: this example sends none).
//!
//! `cargo run -p cns-pcsc --example transmit -- "Virtual PCD 00 00"`

use cns_core::CardTransport as _;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reader = std::env::args().nth(1).unwrap_or_else(|| "Virtual PCD 00 00".into());
    let mut card = cns_pcsc::PcscTransport::open(&reader)?;
    println!("ATR {}", hex(card.atr()));
    {
        let mut s = card.session()?;
        println!("was_reset {}", s.was_reset());
        println!("SELECT MF    -> {}", hex(&s.transmit(&[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00])?));
        println!("VERIFY empty -> {}", hex(&s.transmit(&[0x00, 0x20, 0x00, 0x10])?));
    }
    card.reset()?;
    println!("reset ok");
    Ok(())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect::<Vec<_>>().join(" ")
}
