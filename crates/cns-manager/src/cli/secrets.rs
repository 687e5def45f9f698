//! Reading PINs and PUKs: from the terminal without echo, or one per line from stdin. Every
//! buffer is zeroizing; nothing is echoed, logged or kept.

use std::io::{IsTerminal, Read};

use zeroize::Zeroizing;

use crate::i18n::{Lang, Message, msg};
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
    #[error("a line of standard input is too long to be a PIN or PUK")]
    TooLong,
    #[error("standard input is not text")]
    NotText,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The reason, in the user's language (the `Display` above is for logs and sources).
pub fn describe(lang: Lang, e: &ReadError) -> String {
    match e {
        ReadError::MissingLine => lang.tr(msg::cli_read_missing_line()),
        ReadError::NoTerminal => lang.tr(msg::cli_read_no_terminal()),
        ReadError::TooLong => lang.tr(msg::cli_read_too_long()),
        ReadError::NotText => lang.tr(msg::cli_read_not_text()),
        // The system's own words (its locale's), as for any other I/O error.
        ReadError::Io(io) => io.to_string(),
    }
}

/// Reads what `op` needs. With `stdin`: verify-pin → PIN; change-pin → current PIN, new PIN;
/// unblock → PUK, new PIN (the new PIN is not repeated on stdin: scripts don't mistype).
pub fn read(op: Operation, stdin: bool, lang: Lang) -> Result<Entered, ReadError> {
    if stdin {
        let mut lines = unbuffered_stdin()?;
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
    // Fluent trims a message's trailing blank: the ": " after each prompt is added here.
    let prompt = |m: Message| format!("{}: ", lang.tr(m));
    let first_prompt = match op {
        Operation::VerifyPin => "PIN: ".to_owned(),
        Operation::ChangePin => prompt(msg::pin_op_current_pin()),
        Operation::UnblockPin => prompt(msg::cli_prompt_puk()),
    };
    let first = Zeroizing::new(rpassword::prompt_password(first_prompt)?);
    if op == Operation::VerifyPin {
        return Ok(Entered { first, new: Secret::default(), repeat: Secret::default() });
    }
    let new = Zeroizing::new(rpassword::prompt_password(prompt(msg::cli_prompt_new_pin()))?);
    let repeat = Zeroizing::new(rpassword::prompt_password(prompt(msg::pin_op_repeat_pin()))?);
    Ok(Entered { first, new, repeat })
}

/// Asks on the terminal whether a PUK of `typed` digits (a TS-CNS PUK has 8) should be sent
/// anyway. Never asks when the secrets came from standard input (a script cannot answer): no.
pub fn confirm_short_puk(typed: usize, from_stdin: bool, lang: Lang) -> bool {
    if from_stdin || !std::io::stdin().is_terminal() {
        return false;
    }
    let question = msg::CliShortPukAsk { digits: cns_core::pin::PUK_LEN.into(), typed: typed.into() };
    eprint!("{} ", lang.tr(question));
    let mut answer = String::new();
    if std::io::stdin().read_line(&mut answer).is_err() {
        return false;
    }
    // Yes in Italian, English or German, whichever language asked.
    matches!(answer.trim().to_lowercase().as_str(), "s" | "si" | "sì" | "y" | "yes" | "j" | "ja")
}

/// Longest line accepted: a PIN has 8 digits; anything near this is not one.
const MAX_LINE: usize = 64;

/// Standard input without the standard library's shared buffer, which would keep the secrets
/// in memory nobody wipes.
#[cfg(unix)]
fn unbuffered_stdin() -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    Ok(std::fs::File::from(std::io::stdin().as_fd().try_clone_to_owned()?))
}

#[cfg(windows)]
fn unbuffered_stdin() -> std::io::Result<std::fs::File> {
    use std::os::windows::io::AsHandle;
    Ok(std::fs::File::from(std::io::stdin().as_handle().try_clone_to_owned()?))
}

/// One line, read a byte at a time into a buffer that never grows (so no copy is left behind).
fn line(r: &mut impl Read) -> Result<Secret, ReadError> {
    let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(MAX_LINE));
    let mut byte = [0u8; 1];
    loop {
        if r.read(&mut byte)? == 0 {
            if bytes.is_empty() {
                return Err(ReadError::MissingLine);
            }
            break;
        }
        if byte[0] == b'\n' {
            break;
        }
        if bytes.len() == MAX_LINE {
            return Err(ReadError::TooLong);
        }
        bytes.push(byte[0]);
    }
    zeroize::Zeroize::zeroize(&mut byte);
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    // Moves the buffer into the String without copying it; invalid UTF-8 is wiped as well.
    match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(s) => Ok(Zeroizing::new(s)),
        Err(e) => {
            zeroize::Zeroize::zeroize(&mut e.into_bytes());
            Err(ReadError::NotText)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_of_line_endings_only() {
        let mut input: &[u8] = b"12345\r\n 678 \n24680";
        assert_eq!(line(&mut input).unwrap().as_str(), "12345");
        assert_eq!(line(&mut input).unwrap().as_str(), " 678 ");
        assert_eq!(line(&mut input).unwrap().as_str(), "24680");
        assert!(matches!(line(&mut input), Err(ReadError::MissingLine)));
    }

    #[test]
    fn read_errors_are_said_in_the_users_language() {
        assert_eq!(
            describe(Lang::It, &ReadError::NoTerminal),
            "nessun terminale su cui chiederli; usa --stdin"
        );
        assert_eq!(describe(Lang::En, &ReadError::NoTerminal), ReadError::NoTerminal.to_string());
        assert_eq!(describe(Lang::En, &ReadError::MissingLine), ReadError::MissingLine.to_string());
        assert_eq!(describe(Lang::En, &ReadError::TooLong), ReadError::TooLong.to_string());
        assert_eq!(describe(Lang::En, &ReadError::NotText), ReadError::NotText.to_string());
        assert!(describe(Lang::It, &ReadError::MissingLine).starts_with("lo standard input è finito"));
    }

    #[test]
    fn long_or_binary_lines_are_refused() {
        let long = vec![b'1'; MAX_LINE + 1];
        assert!(matches!(line(&mut long.as_slice()), Err(ReadError::TooLong)));
        let mut bin: &[u8] = b"\xff\xfe\n";
        assert!(matches!(line(&mut bin), Err(ReadError::NotText)));
    }
}
