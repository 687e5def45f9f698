//! The simulated TS-CNS card ([`cns_sim::SimCard`]) as a [`VirtualCard`], plus the wrapper the
//! `cns-sim-vpcd` binary serves: PIN/PUK state persisted to a file, simulated removal.

use std::io;
use std::path::{Path, PathBuf};

use cns_sim::SimCard;
use zeroize::Zeroizing;

use crate::{Control, VirtualCard};

impl VirtualCard for SimCard {
    fn atr(&self) -> Vec<u8> {
        cns_sim::hostile::atr(self)
    }
    fn power_on(&mut self) {
        SimCard::power_on(self)
    }
    fn power_off(&mut self) {
        SimCard::power_off(self)
    }
    fn reset(&mut self) {
        SimCard::reset(self)
    }
    fn process(&mut self, apdu: &[u8]) -> Vec<u8> {
        cns_sim::hostile::answer(self, apdu)
    }
}

/// INS codes after which the PIN/PUK values or counters may have changed:
/// VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER.
const STATE_CHANGING_INS: [u8; 3] = [0x20, 0x24, 0x2C];

/// A [`SimCard`] that saves its state after every PIN/PUK change and can pull itself out of
/// the reader after a number of APDUs.
pub struct ServedCard {
    card: SimCard,
    state_file: Option<PathBuf>,
    /// What the file holds now, so unchanged state is not rewritten. Holds the test PIN/PUK.
    saved: Zeroizing<String>,
    remove_after: Option<u32>,
    stall_after: Option<u32>,
    apdus_since_insert: u32,
    control: Control,
}

impl ServedCard {
    pub fn new(card: SimCard, control: Control) -> Self {
        Self {
            card,
            state_file: None,
            saved: Zeroizing::new(String::new()),
            remove_after: None,
            stall_after: None,
            apdus_since_insert: 0,
            control,
        }
    }

    /// Persists the state to `path` from now on, writing it at once.
    pub fn with_state_file(mut self, path: impl Into<PathBuf>) -> io::Result<Self> {
        self.state_file = Some(path.into());
        self.save()?;
        Ok(self)
    }

    /// After `n` answered APDUs since insertion, the next APDU gets no answer: the card is
    /// removed (socket closed) and stays out until [`Control::insert`]. `n = 0` removes it at
    /// the first APDU.
    pub fn with_remove_after(mut self, n: Option<u32>) -> Self {
        self.remove_after = n;
        self
    }

    /// After `n` answered APDUs since insertion, the next APDU is never answered: the card
    /// hangs in the middle of the operation (as a card, reader or driver that stops responding
    /// would), with the reader busy, until it is removed ([`Control::remove`], SIGUSR1 in
    /// `cns-sim-vpcd`) or stopped. Once per process; prints "stalled at APDU n+1" to stderr so a
    /// test knows the operation is under way.
    pub fn with_stall_after(mut self, n: Option<u32>) -> Self {
        self.stall_after = n;
        self
    }

    pub fn card(&self) -> &SimCard {
        &self.card
    }

    /// Writes the state file if the state differs from what was last written.
    pub fn save(&mut self) -> io::Result<()> {
        let Some(path) = &self.state_file else {
            return Ok(());
        };
        let text = Zeroizing::new(self.card.save_state());
        if *text == *self.saved {
            return Ok(());
        }
        write_atomically(path, &text)?;
        self.saved = text;
        Ok(())
    }
}

/// Readers (tests polling the file) must never see a half-written state.
fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

impl VirtualCard for ServedCard {
    fn atr(&self) -> Vec<u8> {
        cns_sim::hostile::atr(&self.card)
    }
    fn power_on(&mut self) {
        self.card.power_on()
    }
    fn power_off(&mut self) {
        self.card.power_off()
    }
    fn reset(&mut self) {
        self.card.reset()
    }
    fn process(&mut self, apdu: &[u8]) -> Vec<u8> {
        if self.remove_after.is_some_and(|n| self.apdus_since_insert >= n) {
            self.control.remove();
            // Not sent: the serve loop sees the removal and closes without answering.
            return Vec::new();
        }
        if self.stall_after.is_some_and(|n| self.apdus_since_insert >= n) {
            self.stall_after = None;
            eprintln!("cns-sim-vpcd: stalled at APDU {}", self.apdus_since_insert.saturating_add(1));
            // until the connection is closed by a removal or a stop (not merely "inserted": a
            // removal and re-insertion may both happen between two looks)
            while self.control.is_attached() && !self.control.is_stopped() {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            // Not sent: the serve loop sees the removal (or the stop) and closes.
            return Vec::new();
        }
        self.apdus_since_insert = self.apdus_since_insert.saturating_add(1);
        let resp = cns_sim::hostile::answer(&mut self.card, apdu);
        if apdu.get(1).is_some_and(|ins| STATE_CHANGING_INS.contains(ins))
            && let Err(e) = self.save()
        {
            eprintln!("cns-sim-vpcd: cannot save the card state: {e}");
        }
        resp
    }
    fn inserted(&mut self) {
        self.apdus_since_insert = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cns_sim::QuirkMode;

    /// VERIFY PIN with the CNS 8-byte FF padding.
    fn verify(pin: &[u8]) -> Vec<u8> {
        let mut a = vec![0x00, 0x20, 0x00, 0x10, 0x08];
        a.extend_from_slice(pin);
        a.resize(13, 0xFF);
        a
    }

    #[test]
    fn sim_card_speaks_through_the_trait() {
        let mut card: Box<dyn VirtualCard> = Box::new(SimCard::with_mode(QuirkMode::Standard));
        assert_eq!(card.atr(), QuirkMode::Standard.atr());
        card.power_on();
        let r = crate::handle_message(&mut card, &[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00]);
        assert_eq!(r.as_deref().map(|r| &r[r.len() - 2..]), Some(&[0x90, 0x00][..]));
    }

    #[test]
    fn state_file_follows_pin_changes() {
        let dir = std::env::temp_dir().join(format!("cns-vpcd-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.toml");
        let mut served = ServedCard::new(SimCard::default(), Control::new()).with_state_file(&path).unwrap();
        let before = std::fs::read_to_string(&path).unwrap();
        assert!(before.contains("tries_left = 3"), "{before}");
        assert_eq!(served.process(&verify(b"99999")), [0x63, 0xC2]);
        let after = SimCard::from_file(&path).unwrap();
        assert_eq!(after.pin_tries_left(), 2);
        // A correct VERIFY resets the counter, and the file follows.
        assert_eq!(served.process(&verify(b"12345")), [0x90, 0x00]);
        assert_eq!(SimCard::from_file(&path).unwrap().pin_tries_left(), 3);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stall_after_hangs_until_removed() {
        let control = Control::new();
        // a vpcd connection for the removal to close
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let stream = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        assert!(control.attach(&stream));
        let mut served = ServedCard::new(SimCard::default(), control.clone()).with_stall_after(Some(1));
        let select_mf = [0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00];
        assert_eq!(served.process(&select_mf).len(), 2);
        let remover = control.clone();
        let t = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(200));
            // removed and put back at once: the hang must still end
            remover.remove();
            remover.insert();
        });
        // the second APDU hangs until the removal, then gets no answer
        let t0 = std::time::Instant::now();
        assert!(served.process(&select_mf).is_empty());
        assert!(t0.elapsed() >= std::time::Duration::from_millis(200), "{:?}", t0.elapsed());
        t.join().unwrap();
        // once only
        served.inserted();
        assert_eq!(served.process(&select_mf).len(), 2);
        assert_eq!(served.process(&select_mf).len(), 2);
    }

    #[test]
    fn remove_after_counts_since_insertion() {
        let control = Control::new();
        let mut served = ServedCard::new(SimCard::default(), control.clone()).with_remove_after(Some(2));
        let select_mf = [0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00];
        assert_eq!(served.process(&select_mf), [0x90, 0x00]);
        assert_eq!(served.process(&select_mf), [0x90, 0x00]);
        assert!(control.is_inserted());
        assert!(served.process(&select_mf).is_empty());
        assert!(!control.is_inserted());
        control.insert();
        served.inserted();
        assert_eq!(served.process(&select_mf), [0x90, 0x00]);
    }
}
