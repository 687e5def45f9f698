//! A job on its own thread whose single answer the front end picks up when woken: the pattern
//! the window needs for anything that may block (a file dialog, the doctor, a browser scan).

use std::sync::mpsc::{self, Receiver};

use super::Wake;

/// The pending answer of one job.
pub struct Background<T> {
    answer: Receiver<T>,
}

impl<T: Send + 'static> Background<T> {
    /// Runs `job` on a thread named `name`; `wake` is called once its answer can be taken. Fails
    /// only when the system cannot start a thread.
    pub fn spawn(name: &str, wake: Wake, job: impl FnOnce() -> T + Send + 'static) -> std::io::Result<Self> {
        let (tx, answer) = mpsc::channel();
        std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            // The front end may have gone (page closed): the answer is then dropped.
            let _ = tx.send(job());
            wake();
        })?;
        Ok(Background { answer })
    }

    /// The answer, once it has come; `None` before (and after it was taken).
    pub fn try_take(&self) -> Option<T> {
        self.answer.try_recv().ok()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn the_answer_comes_once_after_the_wake() {
        let (woken_tx, woken) = mpsc::channel();
        let wakes = Arc::new(AtomicUsize::new(0));
        let counted = wakes.clone();
        let job = Background::spawn(
            "test-job",
            Arc::new(move || {
                counted.fetch_add(1, Ordering::SeqCst);
                let _ = woken_tx.send(());
            }),
            || 6 * 7,
        )
        .unwrap();
        woken.recv().unwrap();
        assert_eq!(job.try_take(), Some(42));
        assert_eq!(job.try_take(), None);
        assert_eq!(wakes.load(Ordering::SeqCst), 1);
    }
}
