//! The connection loop: connect to vpcd, answer its messages, reconnect when it goes away.

use std::io;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use crate::VirtualCard;
use crate::control::{Control, Wake};
use crate::protocol::{ApduHeader, ControlByte, Message, handle_message, read_frame, write_frame};

/// First reconnect delay; pcscd polls every 400 ms, so retrying faster gains nothing.
const BACKOFF_MIN: Duration = Duration::from_millis(100);
/// Cap while vpcd is absent: slow enough not to burn CPU, fast enough to catch a pcscd restart.
const BACKOFF_MAX: Duration = Duration::from_secs(1);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// Why a connection to vpcd ended.
#[derive(Debug)]
pub enum EndReason {
    /// vpcd closed the socket (pcscd stopped, or it ejected the card).
    ClosedByVpcd,
    /// [`Control::remove`] was called.
    Removed,
    /// [`Control::stop`] was called.
    Stopped,
    /// Socket error or a truncated frame.
    Error(io::Error),
}

impl std::fmt::Display for EndReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::ClosedByVpcd => f.write_str("closed by vpcd"),
            Self::Removed => f.write_str("card removed"),
            Self::Stopped => f.write_str("stopped"),
            Self::Error(e) => write!(f, "error: {e}"),
        }
    }
}

/// Something the serve loop did, for logging. APDU events carry the header only, never data.
#[derive(Debug)]
pub enum Event<'a> {
    /// Connected to vpcd: to pcscd the card is now inserted.
    Connected(SocketAddr),
    /// Could not connect; reported once per run of failures, not on every retry.
    ConnectFailed { addr: SocketAddr, error: &'a io::Error },
    /// The connection ended; to pcscd the card is now removed.
    Disconnected(&'a EndReason),
    /// The card is removed and the loop waits for [`Control::insert`].
    WaitingForInsert,
    /// A control byte from vpcd (GET ATR arrives about 2.5 times a second while idle).
    Control(ControlByte),
    /// An APDU was answered.
    Apdu {
        /// `None` for an APDU shorter than 4 bytes.
        header: Option<ApduHeader>,
        sw: Option<[u8; 2]>,
        elapsed: Duration,
    },
}

/// [`serve_with`] that logs connection events to stderr.
pub fn serve<A: ToSocketAddrs>(addr: A, card: &mut dyn VirtualCard, control: &Control) -> io::Result<()> {
    serve_with(addr, card, control, &mut log_connection_events)
}

/// Default logger: one line per connection event, nothing per message.
pub fn log_connection_events(ev: &Event<'_>) {
    match ev {
        Event::Connected(a) => eprintln!("cns-vpcd: connected to vpcd at {a} (card inserted)"),
        Event::ConnectFailed { addr, error } => {
            eprintln!("cns-vpcd: cannot connect to vpcd at {addr} ({error}); retrying")
        }
        Event::Disconnected(r) => eprintln!("cns-vpcd: disconnected from vpcd: {r}"),
        Event::WaitingForInsert => eprintln!("cns-vpcd: card removed; waiting for insertion"),
        Event::Control(_) | Event::Apdu { .. } => {}
    }
}

/// Serves `card` to vpcd at `addr` until [`Control::stop`].
///
/// The card is the TCP client. While inserted it stays connected, reconnecting with a backoff
/// of 0.1–1 s whenever vpcd is absent or closes the socket (pcscd restart). Removal closes the
/// socket and waits for insertion. Errors only for an unresolvable `addr`; socket errors end
/// the current connection and are reported through `on_event`.
pub fn serve_with<A: ToSocketAddrs>(
    addr: A,
    card: &mut dyn VirtualCard,
    control: &Control,
    on_event: &mut dyn FnMut(&Event<'_>),
) -> io::Result<()> {
    let addrs: Vec<SocketAddr> = addr.to_socket_addrs()?.collect();
    if addrs.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "address resolved to nothing"));
    }
    let mut backoff = BACKOFF_MIN;
    let mut failing = false;
    loop {
        if !control.is_inserted() && !control.is_stopped() {
            on_event(&Event::WaitingForInsert);
        }
        if control.wait_inserted() == Wake::Stop {
            return Ok(());
        }
        let (peer, stream) = match connect_any(&addrs) {
            Ok(ok) => ok,
            Err((addr, error)) => {
                if !failing {
                    on_event(&Event::ConnectFailed { addr, error: &error });
                    failing = true;
                }
                control.backoff(backoff);
                backoff = (backoff * 2).min(BACKOFF_MAX);
                continue;
            }
        };
        failing = false;
        backoff = BACKOFF_MIN;
        if !control.attach(&stream) {
            continue;
        }
        on_event(&Event::Connected(peer));
        card.inserted();
        let reason = session(&stream, card, control, on_event);
        control.detach();
        drop(stream);
        on_event(&Event::Disconnected(&reason));
        if let EndReason::ClosedByVpcd | EndReason::Error(_) = reason {
            // vpcd closes when pcscd stops; give it a moment before knocking again.
            control.backoff(BACKOFF_MIN);
        }
    }
}

fn connect_any(addrs: &[SocketAddr]) -> Result<(SocketAddr, TcpStream), (SocketAddr, io::Error)> {
    let mut last = None;
    for a in addrs {
        match TcpStream::connect_timeout(a, CONNECT_TIMEOUT) {
            Ok(s) => return Ok((*a, s)),
            Err(e) => last = Some((*a, e)),
        }
    }
    // `addrs` is non-empty, so `last` is set; the fallback only satisfies the types.
    Err(last.unwrap_or_else(|| (SocketAddr::from(([127, 0, 0, 1], 0)), io::ErrorKind::InvalidInput.into())))
}

/// Answers messages on one connection until it ends.
fn session(
    stream: &TcpStream,
    card: &mut dyn VirtualCard,
    control: &Control,
    on_event: &mut dyn FnMut(&Event<'_>),
) -> EndReason {
    // Replies go out in one write each, so Nagle would only add latency.
    let _ = stream.set_nodelay(true);
    let mut reader = stream;
    let mut writer = stream;
    let mut quickack = || set_quickack(stream);
    loop {
        let body = match read_frame(&mut reader, &mut quickack) {
            Ok(Some(body)) => body,
            Ok(None) => return ended(control, EndReason::ClosedByVpcd),
            Err(e) => return ended(control, EndReason::Error(e)),
        };
        let started = Instant::now();
        let reply = handle_message(card, &body);
        match Message::parse(&body) {
            Message::Control(c) => on_event(&Event::Control(c)),
            Message::Apdu(apdu) => on_event(&Event::Apdu {
                header: ApduHeader::parse(apdu),
                sw: reply.as_deref().and_then(status_word),
                elapsed: started.elapsed(),
            }),
            Message::Empty => {}
        }
        // A removal requested while the card was busy must win over sending the answer.
        if control.is_stopped() || !control.is_inserted() {
            return ended(control, EndReason::Stopped);
        }
        if let Some(reply) = reply
            && let Err(e) = write_frame(&mut writer, &reply)
        {
            return ended(control, EndReason::Error(e));
        }
    }
}

/// Socket errors caused by our own shutdown() are reported as the removal/stop they are.
fn ended(control: &Control, fallback: EndReason) -> EndReason {
    if control.is_stopped() {
        EndReason::Stopped
    } else if !control.is_inserted() {
        EndReason::Removed
    } else {
        fallback
    }
}

fn status_word(resp: &[u8]) -> Option<[u8; 2]> {
    match resp {
        [.., sw1, sw2] => Some([*sw1, *sw2]),
        _ => None,
    }
}

/// Re-arms TCP_QUICKACK: the kernel drops back to delayed ACKs on its own, so this is needed
/// after every header, not once per socket. Without it vpcd 0.8 stalls ~40 ms per message.
#[cfg(target_os = "linux")]
fn set_quickack(stream: &TcpStream) {
    // Best effort: failure only costs latency.
    let _ = socket2::SockRef::from(stream).set_tcp_quickack(true);
}

#[cfg(not(target_os = "linux"))]
fn set_quickack(_stream: &TcpStream) {}
