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

#[cfg(test)]
pub(crate) mod test_support {
    #![allow(clippy::unwrap_used)]
    use std::path::Path;

    /// The folder's file names, sorted: what an operation left behind.
    pub fn file_names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}
