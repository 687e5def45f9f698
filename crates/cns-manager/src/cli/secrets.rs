//! Reading PINs and PUKs: from the terminal without echo, or one per line from stdin. Every
//! buffer is zeroizing; nothing is echoed, logged or kept.

use std::io::{BufRead, IsTerminal};

use zeroize::Zeroizing;

use crate::i18n::Lang;
use cns_core::flow::Operation;

pub type Secret = Zeroizing<String>;

/// The values for one operation, in the order `Entry` wants them.
pub struct Entered {
    pub first: Secret,
    pub new: Secret,
    pub repeat: Secret,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("standard input ended before all values were read")]
    MissingLine,
    #[error("no terminal to ask on; use --stdin")]
    NoTerminal,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Reads what `op` needs. With `stdin`: verify-pin → PIN; change-pin → current PIN, new PIN;
/// unblock → PUK, new PIN (the new PIN is not repeated on stdin: scripts don't mistype).
pub fn read(op: Operation, stdin: bool, lang: Lang) -> Result<Entered, ReadError> {
    if stdin {
        let input = std::io::stdin();
        let mut lines = input.lock();
        let first = line(&mut lines)?;
        if op == Operation::VerifyPin {
            return Ok(Entered { first, new: Secret::default(), repeat: Secret::default() });
        }
        let new = line(&mut lines)?;
        let repeat = Zeroizing::new(new.as_str().to_owned());
        return Ok(Entered { first, new, repeat });
    }
    if !std::io::stdin().is_terminal() {
        return Err(ReadError::NoTerminal);
    }
    let (first_prompt, new_prompt, repeat_prompt) = match op {
        Operation::VerifyPin => (lang.t("PIN: ", "PIN: "), "", ""),
        Operation::ChangePin => (
            lang.t("PIN attuale: ", "Current PIN: "),
            lang.t("Nuovo PIN (5-8 cifre): ", "New PIN (5-8 digits): "),
            lang.t("Ripeti il nuovo PIN: ", "Repeat the new PIN: "),
        ),
        Operation::UnblockPin => (
            lang.t("PUK (8 cifre): ", "PUK (8 digits): "),
            lang.t("Nuovo PIN (5-8 cifre): ", "New PIN (5-8 digits): "),
            lang.t("Ripeti il nuovo PIN: ", "Repeat the new PIN: "),
        ),
    };
    let first = Zeroizing::new(rpassword::prompt_password(first_prompt)?);
    if op == Operation::VerifyPin {
        return Ok(Entered { first, new: Secret::default(), repeat: Secret::default() });
    }
    let new = Zeroizing::new(rpassword::prompt_password(new_prompt)?);
    let repeat = Zeroizing::new(rpassword::prompt_password(repeat_prompt)?);
    Ok(Entered { first, new, repeat })
}

fn line(r: &mut impl BufRead) -> Result<Secret, ReadError> {
    let mut s = Zeroizing::new(String::with_capacity(32));
    if r.read_line(&mut s)? == 0 {
        return Err(ReadError::MissingLine);
    }
    let trimmed_len = s.trim_end_matches(['\r', '\n']).len();
    s.truncate(trimmed_len);
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_of_line_endings_only() {
        let mut input: &[u8] = b"12345\r\n 678 \n";
        assert_eq!(line(&mut input).unwrap().as_str(), "12345");
        assert_eq!(line(&mut input).unwrap().as_str(), " 678 ");
        assert!(matches!(line(&mut input), Err(ReadError::MissingLine)));
    }
}
