//! Signing with the card's key (the one of its certificate's key set, from the profile): the PIN verification and the signature in one session
//! (one PC/SC transaction), then a reset, so the verified state never outlives the operation.

use super::locate::{Cns, Counters, Location};
use super::{CardError, PinContext, PinOpError, reset_after_pin};
use crate::Command;
use crate::apdu::StatusWord;
use crate::commands;
use crate::profile::SigningKey;
use crate::transport::{CardTransport, TransportError};

/// The answer of [`sign_with_pin`].
#[derive(Debug)]
pub struct SignedWithPin {
    /// The card's answer to VERIFY: give it to the [`crate::flow::PinFlow`].
    pub pin_answer: StatusWord,
    /// With the PIN accepted: the signature (as many bytes as the modulus), or why the card did
    /// not sign. `None` when the PIN was not accepted (nothing else was sent).
    pub signature: Option<Result<Vec<u8>, CardError>>,
}

/// Verifies the PIN and signs `digest_info` (a DER DigestInfo; the card pads it) in one card
/// session: find the CNS files, ask the PIN counter where that is free, let `decide` build the
/// VERIFY (a [`crate::flow::PinFlow`] with its last-try guard) or stop, send it once, and only
/// if the card accepted it restore the security environment, select the key and compute the
/// signature. Then the card is reset.
///
/// Returns `None` when `decide` sent nothing.
pub fn sign_with_pin(
    transport: &mut dyn CardTransport,
    decide: impl FnOnce(&PinContext) -> Option<Command>,
    digest_info: &[u8],
) -> Result<Option<SignedWithPin>, PinOpError> {
    let not_sent = |error: CardError| PinOpError { error, command_sent: false };
    let pso = commands::pso_compute_digital_signature(digest_info).map_err(|_| {
        not_sent(CardError::Status { op: "PSO COMPUTE DIGITAL SIGNATURE", sw: StatusWord::WrongLength })
    })?;
    super::check_atr(transport.atr()).map_err(not_sent)?;
    let recognition = crate::profile::recognize(transport.atr());
    let profile = recognition.profile;
    let answer = {
        let mut session = transport.session().map_err(|e| not_sent(e.into()))?;
        let (mut cns, _) = Cns::open(session.as_mut(), &recognition, Counters::ForPin).map_err(not_sent)?;
        // Which key (where the certificate is) before the PIN: nothing may come between the
        // VERIFY and the signature, and no PIN goes out for a card that has no key to use.
        let key = cns.signing_key().map_err(not_sent)?;
        let location = cns.location;
        let ctx =
            PinContext { location, profile, pin_ref: location.pin_ref(profile), pin: cns.pin, puk: cns.puk };
        let Some(verify) = decide(&ctx) else {
            return Ok(None);
        };
        cns.enter_pin_root().map_err(not_sent)?;
        let sw = cns.send(&verify);
        drop(verify);
        let pin_answer = sw.map_err(|error| PinOpError { error, command_sent: true })?;
        let signature = (pin_answer == StatusWord::Ok).then(|| compute(&mut cns, key, &pso));
        SignedWithPin { pin_answer, signature }
    };
    reset_after_pin(transport);
    Ok(Some(answer))
}

/// Signs `digest_info` with the PIN verified in an earlier session that the card still holds
/// (after [`super::verify_pin_keep_session`]): no PIN here. The application is not selected
/// again (under an applet that would drop the verified state); where the family's certificate
/// locations have different keys, the locations are SELECTed to find the key (selecting a file
/// keeps the verified state). A card reset since then is
/// [`TransportError::CardReset`]: the login is gone.
pub fn sign_verified(
    transport: &mut dyn CardTransport,
    location: Location,
    digest_info: &[u8],
) -> Result<Vec<u8>, CardError> {
    let pso = commands::pso_compute_digital_signature(digest_info).map_err(|_| CardError::Status {
        op: "PSO COMPUTE DIGITAL SIGNATURE",
        sw: StatusWord::WrongLength,
    })?;
    let profile = crate::profile::recognize(transport.atr()).profile;
    let mut session = transport.session()?;
    if session.was_reset() {
        return Err(CardError::Transport(TransportError::CardReset));
    }
    let mut cns = Cns::resume(session.as_mut(), profile, location);
    let key = cns.signing_key()?;
    compute(&mut cns, key, &pso)
}

/// MSE RESTORE, MSE SET, PSO COMPUTE DIGITAL SIGNATURE (cns-facts §6); 61xx is handled by the
/// exchange routine.
fn compute(cns: &mut Cns<'_>, key: SigningKey, pso: &Command) -> Result<Vec<u8>, CardError> {
    for (cmd, op) in [
        (commands::mse_restore(key.security_env), "MSE RESTORE"),
        (commands::mse_set_signature_key(key.key_ref), "MSE SET"),
    ] {
        match cns.send(&cmd)? {
            StatusWord::Ok => {}
            sw => return Err(CardError::Status { op, sw }),
        }
    }
    let r = crate::apdu::exchange(&mut *cns.session, pso)?;
    match r.sw {
        StatusWord::Ok if !r.data.is_empty() => Ok(r.data),
        sw => Err(CardError::Status { op: "PSO COMPUTE DIGITAL SIGNATURE", sw }),
    }
}
