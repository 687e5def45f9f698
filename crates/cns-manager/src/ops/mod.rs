//! The use cases below both front ends: the command line and the window call the same function
//! for one user action, so the two cannot drift apart. Each answers with a typed error and no
//! words: the front end picks its words from the catalog (and its exit code, for the CLI).
//!
//! Nothing here opens a card connection: the caller hands in the transport (the CLI opens the
//! reader it was told; the window's card worker, [`crate::service::worker`], opens it).

pub mod export;
pub mod sign;
pub mod verify;

use std::path::Path;

/// The folder a file is in ("." for a bare name): where its temporary file goes, so that the
/// final rename stays on one file system.
pub fn folder_of(p: &Path) -> &Path {
    p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}
