//! Sign a file with the card: the checks before signing (the card's state, read without spending
//! a try), the document hashed and written in one pass to a temporary file beside the result,
//! the PIN sent once inside that pass ([`CardSigner`]), then the file saved under its name with
//! its data on disk first ([`crate::signed_files`]).

use std::io;
use std::path::{Path, PathBuf};

use cns_cades::card::CardSigner;
use cns_cades::{CadesError, SignOptions};
use cns_core::card::{CardError, CardStatus};
use cns_core::{CardTransport, Pin};
use time::OffsetDateTime;

/// What to sign and where to put it, checked before anything else (the PIN, the card).
#[derive(Debug, Clone)]
pub struct SignJob {
    document: PathBuf,
    len: u64,
    /// A name the user gave, or the file a signature is added to: replaced. `None`: beside the
    /// document under the first free name.
    given: Option<PathBuf>,
    add_to: Option<PathBuf>,
    detached: bool,
    confirm_last_try: bool,
}

/// Why the card's state forbids signing now (nothing was sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unready {
    PinBlocked,
    /// Exactly one try is left and the user has not said to use it.
    LastTryNotConfirmed,
    NoCertificate,
    CertificateExpired {
        not_after: OffsetDateTime,
    },
}

/// Why no signed file was written.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("{} is not a file", path.display())]
    NoDocument { path: PathBuf },
    /// The output named is the document itself.
    #[error("the signed file would replace the document")]
    WouldReplaceDocument,
    /// The card could not be opened or read before the PIN (no try spent).
    #[error("the card could not be read")]
    Card(#[source] CardError),
    #[error("the card's state forbids signing: {0:?}")]
    Unready(Unready),
    #[error("no temporary file in {}", dir.display())]
    TempFile { dir: PathBuf, source: io::Error },
    #[error("cannot read {}", path.display())]
    ReadDocument { path: PathBuf, source: io::Error },
    /// The signature itself failed: the card's answer ([`cns_cades::card::CardSignError`] inside
    /// [`CadesError::Signer`]), a different document for `add_to`, a file that is not signed.
    #[error(transparent)]
    Signing(CadesError),
    #[error("cannot save {}", path.display())]
    Save { path: PathBuf, source: io::Error },
}

/// A signed file on disk.
#[derive(Debug, Clone)]
pub struct Signed {
    pub path: PathBuf,
    pub signers: usize,
    pub content_len: u64,
    pub content_sha256: Vec<u8>,
    pub detached: bool,
}

impl SignJob {
    /// `out`: where to write (replaced); `add_to`: an existing signed file of the same document
    /// that gets this signature too (and is replaced, unless `out` says otherwise).
    pub fn new(
        document: &Path,
        out: Option<&Path>,
        add_to: Option<&Path>,
        detached: bool,
        confirm_last_try: bool,
    ) -> Result<SignJob, SignError> {
        let len = match std::fs::metadata(document) {
            Ok(m) if m.is_file() => m.len(),
            _ => return Err(SignError::NoDocument { path: document.to_path_buf() }),
        };
        let given = out.or(add_to).map(Path::to_path_buf);
        if given.as_deref().is_some_and(|g| same_file(g, document)) {
            return Err(SignError::WouldReplaceDocument);
        }
        Ok(SignJob {
            document: document.to_path_buf(),
            len,
            given,
            add_to: add_to.map(Path::to_path_buf),
            detached: detached && add_to.is_none(),
            confirm_last_try,
        })
    }

    pub fn document(&self) -> &Path {
        &self.document
    }

    /// The document's size when the job was made (the progress bar's end).
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn detached(&self) -> bool {
        self.detached
    }

    /// Where the signature is meant to go: the name given, else the first candidate beside the
    /// document (the one actually used may be a later one, see [`Signed::path`]).
    pub fn destination(&self) -> PathBuf {
        self.given.clone().unwrap_or_else(|| {
            crate::signed_files::signed_name(&self.document, if self.detached { "p7s" } else { "p7m" }, 1)
        })
    }
}

/// The "may I sign?" rules on the card's state, the same for the window (which shows them before
/// the PIN is typed) and for [`sign`] (which reads the card again: the window's view may be old).
pub fn check_card(status: &CardStatus, confirm_last_try: bool, now: OffsetDateTime) -> Result<(), Unready> {
    if status.pin.is_blocked() {
        return Err(Unready::PinBlocked);
    }
    if status.pin.is_last_try() && !confirm_last_try {
        return Err(Unready::LastTryNotConfirmed);
    }
    if status.certificate_der.is_none() {
        return Err(Unready::NoCertificate);
    }
    match &status.certificate {
        Ok(summary) if summary.not_after < now => {
            Err(Unready::CertificateExpired { not_after: summary.not_after })
        }
        _ => Ok(()),
    }
}

/// Signs `job` with the card behind `transport` and `pin`, which goes to the card at most once
/// and only after the document was read. `progress` hears how many bytes were hashed.
pub fn sign(
    transport: &mut dyn CardTransport,
    job: &SignJob,
    pin: Pin,
    progress: &mut dyn FnMut(u64),
) -> Result<Signed, SignError> {
    let status = cns_core::card::read_status(transport).map_err(SignError::Card)?;
    check_card(&status, job.confirm_last_try, OffsetDateTime::now_utc()).map_err(SignError::Unready)?;
    let cert = status
        .certificate_der
        .as_ref()
        .map(|c| c.to_vec())
        .ok_or(SignError::Unready(Unready::NoCertificate))?;
    drop(status);

    let dest = job.destination();
    let dir = super::folder_of(&dest).to_path_buf();
    // Dropped (and so deleted) on every early return: a failure leaves no file behind.
    let mut tmp = tempfile::Builder::new()
        .prefix(".cns-sign-")
        .tempfile_in(&dir)
        .map_err(|source| SignError::TempFile { dir: dir.clone(), source })?;
    let mut signer = CardSigner::new(transport, pin, job.confirm_last_try);
    let summary = write_signature(job, &cert, tmp.as_file_mut(), &mut signer, progress)?;
    let saved = match &job.given {
        Some(d) => crate::signed_files::save_as(tmp, d).map(|()| d.clone()),
        None => crate::signed_files::save_beside(tmp, &job.document, job.detached),
    };
    let path = saved.map_err(|source| SignError::Save { path: dest, source })?;
    Ok(Signed {
        path,
        signers: summary.signers,
        content_len: summary.content_len,
        content_sha256: summary.content_sha256,
        detached: job.detached,
    })
}

/// The signed file's bytes into `out`: a new envelope (attached or detached), or `add_to`'s
/// envelope with one more signer, after checking it holds this very document.
fn write_signature(
    job: &SignJob,
    cert: &[u8],
    out: &mut std::fs::File,
    signer: &mut CardSigner<'_>,
    progress: &mut dyn FnMut(u64),
) -> Result<cns_cades::SignSummary, SignError> {
    let read_error = |source| SignError::ReadDocument { path: job.document.clone(), source };
    let mut options = SignOptions::default();
    let mut w = io::BufWriter::with_capacity(cns_cades::CHUNK, out);
    let result = if let Some(existing) = &job.add_to {
        options.expect_content_sha256 = Some(sha256_of(&job.document).map_err(read_error)?);
        cns_cades::add_signer(existing, &mut w, cert, &options, signer, progress)
    } else {
        let f = std::fs::File::open(&job.document).map_err(read_error)?;
        let mut input = io::BufReader::with_capacity(cns_cades::CHUNK, f);
        if job.detached {
            cns_cades::sign_detached(&mut input, &mut w, cert, &options, signer, progress)
        } else {
            cns_cades::sign_attached(&mut input, job.len, &mut w, cert, &options, signer, progress)
        }
    };
    let summary = result.map_err(SignError::Signing)?;
    // The writer's last bytes reach the file here, or the failure is said (not lost on drop).
    io::Write::flush(&mut w).map_err(|e| SignError::Signing(CadesError::Io(e)))?;
    Ok(summary)
}

fn sha256_of(p: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut h = cns_cades::oids::DigestAlg::Sha256.hasher();
    let mut f = std::fs::File::open(p)?;
    let mut buf = vec![0u8; cns_cades::CHUNK];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(h.finish());
        }
        h.update(&buf[..n]);
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use cns_cades::card::CardSignError;
    use cns_core::flow::Outcome;
    use cns_sim::SimHandle;

    /// The PIN VERIFY commands (with data: a bare VERIFY only asks the count) the card received.
    fn pin_verifies(handle: &SimHandle) -> usize {
        handle.command_log().iter().filter(|c| c.header[1] == 0x20 && c.lc.is_some()).count()
    }

    use crate::ops::test_support::file_names as names;

    fn sign_with(handle: &SimHandle, job: &SignJob, pin: &str) -> Result<Signed, SignError> {
        let mut t = handle.transport();
        let mut reported = 0;
        let r = sign(&mut t, job, Pin::new(pin).unwrap(), &mut |n| reported = n);
        if r.is_ok() {
            assert_eq!(reported, job.len(), "the progress reaches the document's size");
        }
        r
    }

    fn document(dir: &Path, name: &str, body: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p
    }

    fn card_answer(e: &SignError) -> Option<&CardSignError> {
        match e {
            SignError::Signing(CadesError::Signer(inner)) => inner.downcast_ref::<CardSignError>(),
            _ => None,
        }
    }

    #[test]
    fn signatures_go_beside_the_document_under_free_names_each_with_one_pin() {
        let dir = tempfile::tempdir().unwrap();
        let doc = document(dir.path(), "x.txt", b"testo da firmare");
        let handle = SimHandle::default();
        let job = SignJob::new(&doc, None, None, false, false).unwrap();
        let first = sign_with(&handle, &job, "12345").unwrap();
        assert_eq!(first.path, dir.path().join("x.txt.p7m"));
        assert_eq!((first.signers, first.content_len, first.detached), (1, 16, false));
        assert_eq!(pin_verifies(&handle), 1);
        let second = sign_with(&handle, &job, "12345").unwrap();
        assert_eq!(second.path, dir.path().join("x (2).txt.p7m"), "never over the first");
        assert_eq!(pin_verifies(&handle), 2, "one PIN per signature");
        // Nothing else: no temporary file left once saved.
        assert_eq!(names(dir.path()), ["x (2).txt.p7m", "x.txt", "x.txt.p7m"]);
        let detached = SignJob::new(&doc, None, None, true, false).unwrap();
        assert_eq!(sign_with(&handle, &detached, "12345").unwrap().path, dir.path().join("x.txt.p7s"));
    }

    #[test]
    fn a_wrong_pin_is_sent_once_and_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let doc = document(dir.path(), "x.txt", b"testo");
        let handle = SimHandle::default();
        let job = SignJob::new(&doc, None, None, false, false).unwrap();
        let e = sign_with(&handle, &job, "54321").unwrap_err();
        assert!(
            matches!(card_answer(&e), Some(CardSignError::Pin(Outcome::Wrong { tries_left: Some(2), .. }))),
            "{e:?}"
        );
        assert_eq!(pin_verifies(&handle), 1);
        assert_eq!(handle.card().pin_tries_left(), 2);
        assert_eq!(names(dir.path()), ["x.txt"], "the temporary file went with the failure");
    }

    #[test]
    fn the_card_is_read_again_before_the_pin_an_unconfirmed_last_try_sends_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let doc = document(dir.path(), "x.txt", b"testo");
        let handle = SimHandle::default();
        handle.card().set_pin_tries(1, 3);
        let job = SignJob::new(&doc, None, None, false, false).unwrap();
        let e = sign_with(&handle, &job, "12345").unwrap_err();
        assert!(matches!(e, SignError::Unready(Unready::LastTryNotConfirmed)), "{e:?}");
        assert_eq!(pin_verifies(&handle), 0);
        assert_eq!(names(dir.path()), ["x.txt"]);
        let confirmed = SignJob::new(&doc, None, None, false, true).unwrap();
        sign_with(&handle, &confirmed, "12345").unwrap();
        assert_eq!(pin_verifies(&handle), 1);
        assert_eq!(handle.card().pin_tries_left(), 3);

        handle.card().set_pin_tries(0, 3);
        let e = sign_with(&handle, &confirmed, "12345").unwrap_err();
        assert!(matches!(e, SignError::Unready(Unready::PinBlocked)), "{e:?}");
        assert_eq!(pin_verifies(&handle), 1, "nothing sent to a blocked PIN");
    }

    #[test]
    fn a_card_pulled_before_the_pin_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let doc = document(dir.path(), "x.txt", &b"contratto ".repeat(500));
        let handle = SimHandle::default();
        let job = SignJob::new(&doc, None, None, false, false).unwrap();
        // Learn how many commands go before the VERIFY, then pull the card just there.
        sign_with(&handle, &job, "12345").unwrap();
        let before_verify =
            handle.command_log().iter().position(|c| c.header[1] == 0x20 && c.lc.is_some()).unwrap();
        std::fs::remove_file(dir.path().join("x.txt.p7m")).unwrap();
        // (the knob counts from the insertion, as `commands_received` does: the log is kept)
        let verifies = pin_verifies(&handle);
        let limit = handle.commands_received() as usize + before_verify;
        handle.card().quirks_mut().remove_after_commands = Some(limit as u32);
        let e = sign_with(&handle, &job, "12345").unwrap_err();
        assert!(matches!(card_answer(&e), Some(CardSignError::Card(_))), "{e:?}");
        assert_eq!(pin_verifies(&handle), verifies, "the VERIFY never reached the card");
        assert_eq!(handle.card().pin_tries_left(), 3);
        assert_eq!(names(dir.path()), ["x.txt"]);
    }

    #[test]
    fn the_document_and_its_destination_are_checked_first() {
        let dir = tempfile::tempdir().unwrap();
        let doc = document(dir.path(), "x.txt", b"testo");
        let e = SignJob::new(&doc, Some(&doc), None, false, false).unwrap_err();
        assert!(matches!(e, SignError::WouldReplaceDocument));
        // the same file under another spelling
        let dotted = dir.path().join(".").join("x.txt");
        assert!(matches!(
            SignJob::new(&doc, Some(&dotted), None, false, false),
            Err(SignError::WouldReplaceDocument)
        ));
        let missing = dir.path().join("manca.txt");
        assert!(matches!(
            SignJob::new(&missing, None, None, false, false),
            Err(SignError::NoDocument { .. })
        ));
        assert!(matches!(
            SignJob::new(dir.path(), None, None, false, false),
            Err(SignError::NoDocument { .. })
        ));
        let job = SignJob::new(&doc, None, None, true, false).unwrap();
        assert_eq!(job.destination(), dir.path().join("x.txt.p7s"));
        assert_eq!(job.len(), 5);
    }

    #[test]
    fn a_signer_is_added_only_to_a_file_of_the_same_document() {
        let dir = tempfile::tempdir().unwrap();
        let doc = document(dir.path(), "x.txt", b"testo");
        let handle = SimHandle::default();
        let first =
            sign_with(&handle, &SignJob::new(&doc, None, None, false, false).unwrap(), "12345").unwrap();
        let add = SignJob::new(&doc, None, Some(&first.path), false, false).unwrap();
        assert_eq!(add.destination(), first.path, "the existing file is replaced");
        let both = sign_with(&handle, &add, "12345").unwrap();
        assert_eq!((both.path.as_path(), both.signers), (first.path.as_path(), 2));

        let other = document(dir.path(), "y.txt", b"un altro testo");
        let before = std::fs::read(&first.path).unwrap();
        let verifies = pin_verifies(&handle);
        let e = sign_with(
            &handle,
            &SignJob::new(&other, None, Some(&first.path), false, false).unwrap(),
            "12345",
        )
        .unwrap_err();
        assert!(matches!(e, SignError::Signing(CadesError::ContentMismatch)), "{e:?}");
        assert_eq!(pin_verifies(&handle), verifies, "no PIN for a document that is not the one signed");
        assert_eq!(std::fs::read(&first.path).unwrap(), before, "the existing file is untouched");
        assert_eq!(names(dir.path()), ["x.txt", "x.txt.p7m", "y.txt"]);
    }

    #[test]
    fn a_destination_that_cannot_be_written_spends_no_pin() {
        let dir = tempfile::tempdir().unwrap();
        let doc = document(dir.path(), "x.txt", b"testo");
        let handle = SimHandle::default();
        let out = dir.path().join("manca").join("x.p7m");
        let e = sign_with(&handle, &SignJob::new(&doc, Some(&out), None, false, false).unwrap(), "12345")
            .unwrap_err();
        assert!(matches!(e, SignError::TempFile { .. }), "{e:?}");
        assert_eq!(pin_verifies(&handle), 0);
    }
}
