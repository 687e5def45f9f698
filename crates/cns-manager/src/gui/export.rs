//! Certificate export: the platform's save dialog when there is one, else a path field in the
//! window with a sensible default. The dialog runs on its own thread so the window keeps
//! painting; the file itself is written by the card worker.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::i18n::{Lang, msg};

use crate::service::{Background, Wake};

/// A dialog that "answers" faster than a person can press Cancel did not open at all (rfd
/// reports a missing portal the same way as a cancel).
const TOO_FAST_FOR_A_HUMAN: Duration = Duration::from_millis(400);

pub enum DialogResult {
    Chosen(PathBuf),
    Cancelled,
    Unavailable,
}

#[derive(Default)]
pub struct Export {
    bytes: Option<Vec<u8>>,
    pem: bool,
    dialog: Option<Background<DialogResult>>,
    /// The in-window fallback is open with this path.
    pub fallback: Option<String>,
}

impl Export {
    pub fn start(&mut self, bytes: Vec<u8>, pem: bool, lang: Lang, wake: Wake) {
        self.bytes = Some(bytes);
        self.pem = pem;
        if !dialog_possible() {
            self.open_fallback();
            return;
        }
        let name = file_name(pem);
        let dir = default_dir();
        let title = lang.tr(msg::window_save_certificate());
        let job = Background::spawn("cns-save-dialog", wake, move || {
            let started = Instant::now();
            let mut dialog = rfd::AsyncFileDialog::new().set_title(title).set_file_name(name);
            dialog = if pem {
                dialog.add_filter("PEM", &["pem", "crt"])
            } else {
                dialog.add_filter("DER", &["der", "cer"])
            };
            if let Some(d) = dir {
                dialog = dialog.set_directory(d);
            }
            let chosen = block_on(dialog.save_file());
            match chosen {
                Some(h) => DialogResult::Chosen(h.path().to_owned()),
                None if started.elapsed() < TOO_FAST_FOR_A_HUMAN => DialogResult::Unavailable,
                None => DialogResult::Cancelled,
            }
        });
        match job {
            Ok(job) => self.dialog = Some(job),
            Err(_) => self.open_fallback(),
        }
    }

    pub fn poll_dialog(&mut self) -> Option<DialogResult> {
        let r = self.dialog.as_ref()?.try_take()?;
        self.dialog = None;
        if matches!(r, DialogResult::Cancelled) {
            self.bytes = None;
        }
        Some(r)
    }

    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }

    pub fn open_fallback(&mut self) {
        let dir = default_dir().unwrap_or_else(|| PathBuf::from("."));
        self.fallback = Some(dir.join(file_name(self.pem)).to_string_lossy().into_owned());
    }

    pub fn fallback_path(&self) -> PathBuf {
        PathBuf::from(self.fallback.clone().unwrap_or_default())
    }

    pub fn close_fallback(&mut self) {
        self.fallback = None;
    }

    pub fn take_bytes(&mut self) -> Option<Vec<u8>> {
        self.bytes.take()
    }

    pub fn reset(&mut self) {
        self.bytes = None;
        self.fallback = None;
        self.dialog = None;
    }
}

fn file_name(pem: bool) -> String {
    if pem { "certificato-cns.pem".into() } else { "certificato-cns.der".into() }
}

/// The user's Documents folder, else their home.
pub fn default_dir() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    Some(dirs.document_dir().map_or_else(|| dirs.home_dir().to_owned(), |d| d.to_owned()))
}

/// On Linux the dialog needs the desktop portal over the session bus (or zenity); without
/// either (a bare X server, a kiosk) go straight to the in-window field.
pub fn dialog_possible() -> bool {
    if !cfg!(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd")) {
        return true;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() || on_path("zenity")
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

/// Runs one future to completion on this thread (the dialog thread has nothing else to do).
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake};

    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Arc::new(Unpark(std::thread::current())).into();
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => std::thread::park(),
        }
    }
}
