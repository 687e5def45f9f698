//! What runs beside the front ends, with no egui in it, used by the window and the CLI alike:
//! the card worker ([`worker`]: one thread owns the backend and the card connections), the reader
//! monitor ([`monitor`]: PC/SC or the demo's virtual reader) and one-answer background jobs
//! ([`background`]: a file dialog, the doctor, a browser scan).
//!
//! Each wakes its front end with [`Wake`] after every event (the window's repaint request, the
//! CLI's channel), so nothing polls while nothing happens.

pub mod background;
pub mod monitor;
pub mod worker;

pub use background::Background;

/// Wakes the front end: the egui context's repaint request, or a CLI loop's channel.
pub type Wake = std::sync::Arc<dyn Fn() + Send + Sync>;
