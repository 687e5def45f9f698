//! The module's state and every PKCS#11 operation, in safe Rust: `ffi.rs` only turns the
//! caller's raw pointers into slices and back.
//!
//! ## Login: the card holds it, not us
//!
//! `C_Login` sends the PIN to the card exactly once (one VERIFY, after cns-core's [`PinFlow`]
//! validated it: 5–8 digits, never on a PIN known to be blocked) and then does **not** reset the
//! card, so the card's own security state is the login. The PIN is wiped before `C_Login`
//! returns. `C_Sign` then sends MSE + PSO only ([`cns_core::card::sign_verified`]). `C_Logout`,
//! closing the last session of the token, `C_Finalize` and a card change reset the card so the
//! verified state never outlives the login. If another program resets the card meanwhile, the
//! login is gone: `C_Sign` answers CKR_USER_NOT_LOGGED_IN and the application asks again.
//! When exactly one try is left the login still goes ahead (PKCS#11 has no "confirm" step):
//! the token shows CKF_USER_PIN_FINAL_TRY beforehand, which is how applications warn.
//!
//! Every card access is one [`CardTransport::session`], i.e. one PC/SC transaction.

use std::collections::HashMap;

use cns_core::card::{self, CardError, Location};
use cns_core::flow::{Entry, Operation, Outcome, PinFlow, Step};
use cns_core::pin::PinFormatError;
use cns_core::{CardTransport, PinState, StatusWord, TransportError};
use cns_pcsc::PcscTransport;
use cns_pcsc::pcsc::{Context, Scope};
use cryptoki_sys::*;
use zeroize::Zeroizing;

/// Object handles: fixed per token (the card has one key pair).
pub const H_CERT: CK_OBJECT_HANDLE = 1;
pub const H_PUBKEY: CK_OBJECT_HANDLE = 2;
pub const H_PRIVKEY: CK_OBJECT_HANDLE = 3;
/// CKA_ID of the key pair and the certificate (what OpenSC's itacns shows too).
const KEY_ID: &[u8] = &[0x01];
const KEY_LABEL: &[u8] = b"CNS0";
/// The TS-CNS PIN has three tries.
const PIN_TRIES: u8 = 3;

pub const MECHANISMS: [CK_MECHANISM_TYPE; 5] =
    [CKM_RSA_PKCS, CKM_SHA1_RSA_PKCS, CKM_SHA256_RSA_PKCS, CKM_SHA384_RSA_PKCS, CKM_SHA512_RSA_PKCS];

/// What the module answers; the CK_RV on failure.
pub type Rv<T> = Result<T, CK_RV>;

/// The certificate and what PKCS#11 needs from it.
struct CertInfo {
    der: Vec<u8>,
    subject: Vec<u8>,
    issuer: Vec<u8>,
    serial_der: Vec<u8>,
    modulus: Vec<u8>,
    exponent: Vec<u8>,
}

impl CertInfo {
    fn parse(der: &[u8]) -> Option<CertInfo> {
        use x509_parser::prelude::*;
        let (_, cert) = X509Certificate::from_der(der).ok()?;
        let (modulus, exponent) = match cert.public_key().parsed().ok()? {
            x509_parser::public_key::PublicKey::RSA(rsa) => (strip(rsa.modulus), strip(rsa.exponent)),
            _ => return None,
        };
        let raw_serial = cert.raw_serial();
        let mut serial_der = vec![0x02];
        serial_der.extend(der_len(raw_serial.len()));
        serial_der.extend_from_slice(raw_serial);
        Some(CertInfo {
            der: der.to_vec(),
            subject: cert.subject().as_raw().to_vec(),
            issuer: cert.issuer().as_raw().to_vec(),
            serial_der,
            modulus,
            exponent,
        })
    }

    fn modulus_bits(&self) -> CK_ULONG {
        let lead = self.modulus.first().map_or(0, |b| b.leading_zeros() as usize);
        (self.modulus.len() * 8 - lead) as CK_ULONG
    }
}

fn strip(b: &[u8]) -> Vec<u8> {
    let i = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    b[i..].to_vec()
}

fn der_len(n: usize) -> Vec<u8> {
    if n < 0x80 {
        vec![n as u8]
    } else if n < 0x100 {
        vec![0x81, n as u8]
    } else {
        vec![0x82, (n >> 8) as u8, n as u8]
    }
}

/// A TS-CNS in a reader, read once when it was found.
struct Token {
    transport: PcscTransport,
    /// Holder's name ("BIANCHI GIULIA"), padded into CK_TOKEN_INFO.label.
    label: String,
    serial: String,
    cert: Option<CertInfo>,
    pin: PinState,
    /// Some(where the CNS files are) while the card holds our verified PIN.
    logged_in: Option<Location>,
    /// The card left (seen by a card access): dropped at the next refresh, so a card put back
    /// with the same ATR is read again.
    gone: bool,
}

impl Token {
    fn logout(&mut self) {
        if self.logged_in.take().is_some()
            && let Err(e) = self.transport.reset()
        {
            tracing::debug!("reset at logout failed: {e}");
        }
    }
}

impl Drop for Token {
    fn drop(&mut self) {
        self.logout();
    }
}

struct Slot {
    reader: String,
    present: bool,
    atr: Option<Vec<u8>>,
    token: Option<Token>,
    /// The ATR we last tried and found not to be a (readable) TS-CNS: not read again.
    not_cns: Option<Vec<u8>>,
    /// A card came or went since the last C_WaitForSlotEvent reported this slot.
    event: bool,
}

enum SignOp {
    Pending { mech: CK_MECHANISM_TYPE, data: Zeroizing<Vec<u8>> },
}

struct Session {
    slot: CK_SLOT_ID,
    rw: bool,
    find: Option<Vec<CK_OBJECT_HANDLE>>,
    sign: Option<SignOp>,
}

/// The whole module between C_Initialize and C_Finalize.
pub struct Module {
    /// `None` while the smart card service cannot be reached: the module still loads (a browser
    /// started before pcscd, or `modutil -add` on a PC whose service starts on demand later) and
    /// shows no slot until the service answers.
    ctx: Option<Context>,
    slots: Vec<Slot>,
    sessions: HashMap<CK_SESSION_HANDLE, Session>,
    next_session: CK_SESSION_HANDLE,
}

fn transport_rv(e: &TransportError) -> CK_RV {
    match e {
        TransportError::NoCard | TransportError::CardRemoved => CKR_DEVICE_REMOVED,
        TransportError::NoReader => CKR_DEVICE_REMOVED,
        _ => CKR_DEVICE_ERROR,
    }
}

fn card_rv(e: &CardError) -> CK_RV {
    match e {
        CardError::Transport(t) => transport_rv(t),
        _ => CKR_DEVICE_ERROR,
    }
}

impl Module {
    pub fn new() -> Rv<Module> {
        let ctx = Context::establish(Scope::User)
            .inspect_err(|e| tracing::debug!("smart card service not reachable yet: {e}"))
            .ok();
        let mut m = Module { ctx, slots: Vec::new(), sessions: HashMap::new(), next_session: 1 };
        m.refresh();
        // What is there at start is not an event.
        for s in &mut m.slots {
            s.event = false;
        }
        Ok(m)
    }

    /// Reads which readers exist and hold which card (pcscd only, no card access), and reads a
    /// newly inserted card once. A card that left or changed takes its token and sessions along.
    pub fn refresh(&mut self) {
        if self.ctx.is_none() {
            self.ctx = Context::establish(Scope::User).ok();
        }
        let readers = match self.ctx.as_ref().map(cns_pcsc::list_readers_in) {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                tracing::debug!("listing readers: {e}");
                if matches!(e, TransportError::ServiceUnavailable) {
                    // pcscd stopped or restarted: a new context next time.
                    self.ctx = None;
                }
                Vec::new()
            }
            None => Vec::new(),
        };
        for slot in &mut self.slots {
            // A card pulled and put back between two looks has the same ATR: only the service
            // knows it left. Its token (our verified PIN, the caller's sessions) must not
            // outlive it, else a browser keeps using a login the card no longer has.
            if let Some(t) = slot.token.as_mut()
                && !t.gone
                && t.transport.card_left()
            {
                t.gone = true;
            }
            if slot.token.as_ref().is_some_and(|t| t.gone) {
                slot.token = None;
                slot.not_cns = None;
                slot.event = true;
            }
            let now = readers.iter().find(|r| r.name == slot.reader);
            let (present, atr) = now.map_or((false, None), |r| (r.card_present, r.atr.clone()));
            if present != slot.present || atr != slot.atr {
                slot.event = true;
                slot.present = present;
                slot.atr = atr;
                slot.token = None;
                slot.not_cns = None;
            }
        }
        for r in &readers {
            if !self.slots.iter().any(|s| s.reader == r.name) {
                self.slots.push(Slot {
                    reader: r.name.clone(),
                    present: r.card_present,
                    atr: r.atr.clone(),
                    token: None,
                    not_cns: None,
                    event: r.card_present,
                });
            }
        }
        for id in 0..self.slots.len() {
            let slot = &self.slots[id];
            let stale = slot.token.is_none();
            if stale {
                let id = id as CK_SLOT_ID;
                self.sessions.retain(|_, s| s.slot != id);
            }
            let slot = &mut self.slots[id];
            if let Some(ctx) = &self.ctx
                && slot.present
                && slot.token.is_none()
                && slot.atr.is_some()
                && slot.not_cns != slot.atr
            {
                slot.token = load_token(ctx, &slot.reader);
                if slot.token.is_none() {
                    slot.not_cns = slot.atr.clone();
                }
            }
        }
    }

    fn slot(&self, id: CK_SLOT_ID) -> Rv<&Slot> {
        self.slots.get(id as usize).ok_or(CKR_SLOT_ID_INVALID)
    }

    pub fn slot_list(&mut self, token_present: bool, refresh: bool) -> Vec<CK_SLOT_ID> {
        if refresh {
            self.refresh();
        }
        (0..self.slots.len())
            .filter(|&i| !token_present || self.slots[i].token.is_some())
            .map(|i| i as CK_SLOT_ID)
            .collect()
    }

    pub fn slot_info(&mut self, id: CK_SLOT_ID) -> Rv<CK_SLOT_INFO> {
        self.refresh();
        let slot = self.slot(id)?;
        let mut info = CK_SLOT_INFO::default();
        pad(&mut info.slotDescription, &slot.reader);
        pad(&mut info.manufacturerID, "PC/SC");
        info.flags = CKF_REMOVABLE_DEVICE | CKF_HW_SLOT;
        if slot.token.is_some() {
            info.flags |= CKF_TOKEN_PRESENT;
        }
        Ok(info)
    }

    pub fn token_info(&mut self, id: CK_SLOT_ID) -> Rv<CK_TOKEN_INFO> {
        self.refresh();
        let sessions = self.sessions.values().filter(|s| s.slot == id).count() as CK_ULONG;
        let rw = self.sessions.values().filter(|s| s.slot == id && s.rw).count() as CK_ULONG;
        let token = self.slot(id)?.token.as_ref().ok_or(CKR_TOKEN_NOT_PRESENT)?;
        let mut info = CK_TOKEN_INFO::default();
        pad(&mut info.label, &token.label);
        pad(&mut info.manufacturerID, "TS-CNS");
        pad(&mut info.model, "TS-CNS");
        pad(&mut info.serialNumber, &token.serial);
        info.flags = token_flags(token);
        info.ulMaxSessionCount = CK_EFFECTIVELY_INFINITE;
        info.ulSessionCount = sessions;
        info.ulMaxRwSessionCount = CK_EFFECTIVELY_INFINITE;
        info.ulRwSessionCount = rw;
        info.ulMaxPinLen = 8;
        info.ulMinPinLen = 5;
        // Assigned one by one, not through `&mut`: on Windows the struct is packed and its
        // fields may be unaligned.
        info.ulTotalPublicMemory = CK_UNAVAILABLE_INFORMATION;
        info.ulFreePublicMemory = CK_UNAVAILABLE_INFORMATION;
        info.ulTotalPrivateMemory = CK_UNAVAILABLE_INFORMATION;
        info.ulFreePrivateMemory = CK_UNAVAILABLE_INFORMATION;
        Ok(info)
    }

    pub fn mechanism_info(&self, id: CK_SLOT_ID, mech: CK_MECHANISM_TYPE) -> Rv<CK_MECHANISM_INFO> {
        let token = self.slot(id)?.token.as_ref().ok_or(CKR_TOKEN_NOT_PRESENT)?;
        if !MECHANISMS.contains(&mech) {
            return Err(CKR_MECHANISM_INVALID);
        }
        let bits = token.cert.as_ref().map_or(2048, CertInfo::modulus_bits);
        let mut flags = CKF_SIGN;
        if mech == CKM_RSA_PKCS {
            flags |= CKF_HW;
        }
        Ok(CK_MECHANISM_INFO { ulMinKeySize: bits, ulMaxKeySize: bits, flags })
    }

    pub fn mechanisms(&self, id: CK_SLOT_ID) -> Rv<Vec<CK_MECHANISM_TYPE>> {
        self.slot(id)?.token.as_ref().ok_or(CKR_TOKEN_NOT_PRESENT)?;
        Ok(MECHANISMS.to_vec())
    }

    pub fn open_session(&mut self, id: CK_SLOT_ID, flags: CK_FLAGS) -> Rv<CK_SESSION_HANDLE> {
        if flags & CKF_SERIAL_SESSION == 0 {
            return Err(CKR_SESSION_PARALLEL_NOT_SUPPORTED);
        }
        self.refresh();
        self.slot(id)?.token.as_ref().ok_or(CKR_TOKEN_NOT_PRESENT)?;
        let h = self.next_session;
        self.next_session += 1;
        self.sessions
            .insert(h, Session { slot: id, rw: flags & CKF_RW_SESSION != 0, find: None, sign: None });
        Ok(h)
    }

    pub fn close_session(&mut self, h: CK_SESSION_HANDLE) -> Rv<()> {
        let s = self.sessions.remove(&h).ok_or(CKR_SESSION_HANDLE_INVALID)?;
        // The login belongs to the application's sessions: with the last one it ends.
        if !self.sessions.values().any(|o| o.slot == s.slot)
            && let Some(t) = self.slots.get_mut(s.slot as usize).and_then(|sl| sl.token.as_mut())
        {
            t.logout();
        }
        Ok(())
    }

    pub fn close_all_sessions(&mut self, id: CK_SLOT_ID) -> Rv<()> {
        self.slot(id)?;
        self.sessions.retain(|_, s| s.slot != id);
        if let Some(t) = self.slots.get_mut(id as usize).and_then(|sl| sl.token.as_mut()) {
            t.logout();
        }
        Ok(())
    }

    fn session(&self, h: CK_SESSION_HANDLE) -> Rv<(&Session, &Token)> {
        let s = self.sessions.get(&h).ok_or(CKR_SESSION_HANDLE_INVALID)?;
        let t = self.slot(s.slot)?.token.as_ref().ok_or(CKR_SESSION_HANDLE_INVALID)?;
        Ok((s, t))
    }

    fn token_mut(&mut self, h: CK_SESSION_HANDLE) -> Rv<&mut Token> {
        let slot = self.sessions.get(&h).ok_or(CKR_SESSION_HANDLE_INVALID)?.slot;
        self.slots.get_mut(slot as usize).and_then(|s| s.token.as_mut()).ok_or(CKR_SESSION_HANDLE_INVALID)
    }

    /// A session whose card left the reader since (pulled, and maybe put back already) ends
    /// with its token: the card no longer holds the login the session stands for. Checked where
    /// a caller relies on a session (its state, a login, a search, a signature), before any
    /// card access; asks the service only. Browsers check a slot's presence only now and then,
    /// and would otherwise sign on with a login the card has lost.
    fn end_if_card_left(&mut self, h: CK_SESSION_HANDLE) -> Rv<()> {
        let token = self.token_mut(h)?;
        if !token.transport.card_left() {
            return Ok(());
        }
        token.gone = true;
        self.refresh();
        Err(CKR_SESSION_HANDLE_INVALID)
    }

    pub fn session_info(&mut self, h: CK_SESSION_HANDLE) -> Rv<CK_SESSION_INFO> {
        self.end_if_card_left(h)?;
        let (s, t) = self.session(h)?;
        let state = match (s.rw, t.logged_in.is_some()) {
            (false, false) => CKS_RO_PUBLIC_SESSION,
            (false, true) => CKS_RO_USER_FUNCTIONS,
            (true, false) => CKS_RW_PUBLIC_SESSION,
            (true, true) => CKS_RW_USER_FUNCTIONS,
        };
        let mut flags = CKF_SERIAL_SESSION;
        if s.rw {
            flags |= CKF_RW_SESSION;
        }
        Ok(CK_SESSION_INFO { slotID: s.slot, state, flags, ulDeviceError: 0 })
    }

    /// C_Login: validates the PIN locally, then one VERIFY through cns-core's PIN flow. The PIN
    /// is wiped by the caller's `Zeroizing` and by cns-core's command on drop.
    pub fn login(&mut self, h: CK_SESSION_HANDLE, user: CK_USER_TYPE, pin: &[u8]) -> Rv<()> {
        self.end_if_card_left(h)?;
        let token = self.token_mut(h)?;
        match user {
            CKU_USER => {}
            CKU_SO | CKU_CONTEXT_SPECIFIC => return Err(CKR_USER_TYPE_INVALID),
            _ => return Err(CKR_USER_TYPE_INVALID),
        }
        if token.logged_in.is_some() {
            return Err(CKR_USER_ALREADY_LOGGED_IN);
        }
        // Before anything reaches the card: 5–8 digits.
        match cns_core::pin::validate(pin) {
            Ok(()) => {}
            Err(PinFormatError::TooShort | PinFormatError::TooLong) => return Err(CKR_PIN_LEN_RANGE),
            Err(_) => return Err(CKR_PIN_INCORRECT),
        }
        if token.pin.is_blocked() {
            return Err(CKR_PIN_LOCKED);
        }
        let pin = std::str::from_utf8(pin).map_err(|_| CKR_PIN_INCORRECT)?;
        let mut flow_slot: Option<PinFlow> = None;
        let mut refused = false;
        let r = card::verify_pin_keep_session(&mut token.transport, |ctx| {
            let mut flow = PinFlow::new(Operation::VerifyPin, ctx.pin_ref, ctx.pin, ctx.puk);
            let step = match flow.submit(Entry::Verify { pin }) {
                // No confirmation step in PKCS#11: the token showed CKF_USER_PIN_FINAL_TRY.
                Step::ConfirmLastTry { .. } => flow.confirm_last_try(),
                s => s,
            };
            let cmd = match step {
                Step::Send(cmd) => Some(cmd),
                Step::Refused(_) => {
                    refused = true;
                    None
                }
                _ => None,
            };
            flow_slot = Some(flow);
            cmd
        });
        match r {
            Err(e) => {
                if e.command_sent {
                    token.pin = PinState::Unknown;
                }
                let rv = card_rv(&e.error);
                token.gone |= rv == CKR_DEVICE_REMOVED;
                Err(rv)
            }
            Ok(None) => {
                if let Some(f) = &flow_slot {
                    token.pin = f.pin_state();
                }
                // Refused: the PIN (or the PUK) is known to be blocked.
                Err(if refused { CKR_PIN_LOCKED } else { CKR_PIN_INCORRECT })
            }
            Ok(Some((sw, location))) => {
                let Some(mut flow) = flow_slot else { return Err(CKR_GENERAL_ERROR) };
                let step = flow.card_answered(sw);
                token.pin = flow.pin_state();
                match step {
                    Step::Done(Outcome::Success) => {
                        token.pin = PinState::TriesLeft { tries_left: PIN_TRIES };
                        token.logged_in = Some(location);
                        Ok(())
                    }
                    Step::Done(Outcome::Wrong { .. }) => Err(CKR_PIN_INCORRECT),
                    Step::Done(Outcome::Blocked { .. }) => Err(CKR_PIN_LOCKED),
                    _ => Err(CKR_DEVICE_ERROR),
                }
            }
        }
    }

    pub fn logout(&mut self, h: CK_SESSION_HANDLE) -> Rv<()> {
        let token = self.token_mut(h)?;
        if token.logged_in.is_none() {
            return Err(CKR_USER_NOT_LOGGED_IN);
        }
        token.logout();
        for s in self.sessions.values_mut() {
            s.sign = None;
        }
        Ok(())
    }

    /// The token's objects: certificate and public key always; the private key (a handle to
    /// the key on the card) is a private object, seen only once logged in, so applications
    /// that find keys lazily (OpenSSL's PKCS#11 engine) know they must log in first.
    fn objects(token: &Token) -> Vec<CK_OBJECT_HANDLE> {
        match (&token.cert, token.logged_in) {
            (None, _) => Vec::new(),
            (Some(_), None) => vec![H_CERT, H_PUBKEY],
            (Some(_), Some(_)) => vec![H_CERT, H_PUBKEY, H_PRIVKEY],
        }
    }

    pub fn find_init(&mut self, h: CK_SESSION_HANDLE, template: &[(CK_ATTRIBUTE_TYPE, Vec<u8>)]) -> Rv<()> {
        self.end_if_card_left(h)?;
        let (s, t) = self.session(h)?;
        if s.find.is_some() {
            return Err(CKR_OPERATION_ACTIVE);
        }
        let found: Vec<_> = Self::objects(t)
            .into_iter()
            .filter(|&o| template.iter().all(|(ty, v)| attribute(t, o, *ty).ok().as_ref() == Some(v)))
            .collect();
        if let Some(s) = self.sessions.get_mut(&h) {
            s.find = Some(found);
        }
        Ok(())
    }

    pub fn find(&mut self, h: CK_SESSION_HANDLE, max: usize) -> Rv<Vec<CK_OBJECT_HANDLE>> {
        self.session(h)?;
        let s = self.sessions.get_mut(&h).ok_or(CKR_SESSION_HANDLE_INVALID)?;
        let list = s.find.as_mut().ok_or(CKR_OPERATION_NOT_INITIALIZED)?;
        let n = max.min(list.len());
        Ok(list.drain(..n).collect())
    }

    pub fn find_final(&mut self, h: CK_SESSION_HANDLE) -> Rv<()> {
        let s = self.sessions.get_mut(&h).ok_or(CKR_SESSION_HANDLE_INVALID)?;
        s.find.take().map(|_| ()).ok_or(CKR_OPERATION_NOT_INITIALIZED)
    }

    /// One attribute's value, or why not (CKR_ATTRIBUTE_TYPE_INVALID / _SENSITIVE).
    pub fn attribute(&self, h: CK_SESSION_HANDLE, o: CK_OBJECT_HANDLE, ty: CK_ATTRIBUTE_TYPE) -> Rv<Vec<u8>> {
        let (_, t) = self.session(h)?;
        if !Self::objects(t).contains(&o) {
            return Err(CKR_OBJECT_HANDLE_INVALID);
        }
        attribute(t, o, ty)
    }

    pub fn object_size(&self, h: CK_SESSION_HANDLE, o: CK_OBJECT_HANDLE) -> Rv<CK_ULONG> {
        let (_, t) = self.session(h)?;
        if !Self::objects(t).contains(&o) {
            return Err(CKR_OBJECT_HANDLE_INVALID);
        }
        Ok(CK_UNAVAILABLE_INFORMATION)
    }

    pub fn sign_init(
        &mut self,
        h: CK_SESSION_HANDLE,
        mech: CK_MECHANISM_TYPE,
        key: CK_OBJECT_HANDLE,
    ) -> Rv<()> {
        self.end_if_card_left(h)?;
        let (s, t) = self.session(h)?;
        if s.sign.is_some() {
            return Err(CKR_OPERATION_ACTIVE);
        }
        if key != H_PRIVKEY || !Self::objects(t).contains(&key) {
            return Err(if key == H_CERT || key == H_PUBKEY {
                CKR_KEY_TYPE_INCONSISTENT
            } else {
                CKR_KEY_HANDLE_INVALID
            });
        }
        if !MECHANISMS.contains(&mech) {
            return Err(CKR_MECHANISM_INVALID);
        }
        let s = self.sessions.get_mut(&h).ok_or(CKR_SESSION_HANDLE_INVALID)?;
        s.sign = Some(SignOp::Pending { mech, data: Zeroizing::new(Vec::new()) });
        Ok(())
    }

    /// The signature length, for a size query (C_Sign with no buffer).
    pub fn signature_len(&self, h: CK_SESSION_HANDLE) -> Rv<usize> {
        let (s, t) = self.session(h)?;
        s.sign.as_ref().ok_or(CKR_OPERATION_NOT_INITIALIZED)?;
        Ok(t.cert.as_ref().map_or(0, |c| c.modulus.len()))
    }

    pub fn sign_update(&mut self, h: CK_SESSION_HANDLE, part: &[u8]) -> Rv<()> {
        let s = self.sessions.get_mut(&h).ok_or(CKR_SESSION_HANDLE_INVALID)?;
        match s.sign.as_mut() {
            Some(SignOp::Pending { mech, data }) if *mech != CKM_RSA_PKCS => {
                data.extend_from_slice(part);
                Ok(())
            }
            Some(_) => {
                s.sign = None;
                Err(CKR_FUNCTION_NOT_SUPPORTED)
            }
            None => Err(CKR_OPERATION_NOT_INITIALIZED),
        }
    }

    /// Signs `data` (C_Sign) or what C_SignUpdate collected (C_SignFinal, `data` empty) on the
    /// card: MSE + PSO in one transaction, with the PIN the card verified at C_Login. Ends the
    /// operation.
    pub fn sign(&mut self, h: CK_SESSION_HANDLE, data: &[u8]) -> Rv<Vec<u8>> {
        let s = self.sessions.get_mut(&h).ok_or(CKR_SESSION_HANDLE_INVALID)?;
        let Some(SignOp::Pending { mech, data: collected }) = s.sign.take() else {
            return Err(CKR_OPERATION_NOT_INITIALIZED);
        };
        let mut input = collected;
        input.extend_from_slice(data);
        let token = self.token_mut(h)?;
        let Some(location) = token.logged_in else { return Err(CKR_USER_NOT_LOGGED_IN) };
        let k = token.cert.as_ref().map_or(0, |c| c.modulus.len());
        let digest_info = digest_info(mech, &input)?;
        if mech == CKM_RSA_PKCS && digest_info.len() + 11 > k {
            return Err(CKR_DATA_LEN_RANGE);
        }
        match card::sign_verified(&mut token.transport, location, &digest_info) {
            Ok(sig) => Ok(sig),
            Err(CardError::Transport(TransportError::CardReset))
            | Err(CardError::Status { sw: StatusWord::SecurityNotSatisfied, .. }) => {
                // Someone reset the card or dropped the verified state: the login is gone.
                token.logged_in = None;
                Err(CKR_USER_NOT_LOGGED_IN)
            }
            Err(e) => {
                tracing::debug!("signing failed: {}", cns_core::error_chain(&e));
                let rv = card_rv(&e);
                token.gone |= rv == CKR_DEVICE_REMOVED;
                Err(rv)
            }
        }
    }

    /// Takes one pending slot event: (slot, present).
    pub fn take_event(&mut self) -> Option<CK_SLOT_ID> {
        self.refresh();
        let i = self.slots.iter().position(|s| s.event)?;
        self.slots[i].event = false;
        Some(i as CK_SLOT_ID)
    }
}

fn token_flags(token: &Token) -> CK_FLAGS {
    let mut f = CKF_TOKEN_INITIALIZED | CKF_USER_PIN_INITIALIZED | CKF_LOGIN_REQUIRED | CKF_WRITE_PROTECTED;
    match token.pin {
        PinState::Blocked => f |= CKF_USER_PIN_LOCKED,
        PinState::TriesLeft { tries_left: 1 } => f |= CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_COUNT_LOW,
        PinState::TriesLeft { tries_left } if tries_left < PIN_TRIES => f |= CKF_USER_PIN_COUNT_LOW,
        _ => {}
    }
    f
}

/// Reads a TS-CNS once (identity, certificate, counters where free); `None` if it is not one.
fn load_token(ctx: &Context, reader: &str) -> Option<Token> {
    let mut transport = PcscTransport::connect(ctx, reader).ok()?;
    let status = match card::read_status(&mut transport) {
        Ok(s) => s,
        Err(e) => {
            tracing::debug!("not a readable TS-CNS: {}", cns_core::error_chain(&e));
            return None;
        }
    };
    let cert = status.certificate_der.as_deref().and_then(|d| CertInfo::parse(d));
    let label = match &status.personal {
        Ok(p) => format!("{} {}", p.surname.trim(), p.given_name.trim()),
        Err(_) => status.certificate.as_ref().ok().and_then(|c| c.subject_cn.clone()).unwrap_or_default(),
    };
    let label = if label.trim().is_empty() { "TS-CNS".to_owned() } else { label };
    Some(Token {
        transport,
        label,
        serial: status.id.serial.clone(),
        cert,
        pin: status.pin,
        logged_in: None,
        gone: false,
    })
}

/// Copies `s` into a blank-padded fixed field, cut at a character boundary.
fn pad(field: &mut [u8], s: &str) {
    field.fill(b' ');
    let mut end = s.len().min(field.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    field[..end].copy_from_slice(&s.as_bytes()[..end]);
}

fn ulong(v: CK_ULONG) -> Vec<u8> {
    v.to_ne_bytes().to_vec()
}

fn boolean(v: bool) -> Vec<u8> {
    vec![if v { CK_TRUE } else { CK_FALSE }]
}

/// An object's attribute as the bytes PKCS#11 returns.
fn attribute(t: &Token, o: CK_OBJECT_HANDLE, ty: CK_ATTRIBUTE_TYPE) -> Rv<Vec<u8>> {
    let cert = t.cert.as_ref().ok_or(CKR_OBJECT_HANDLE_INVALID)?;
    let common = match ty {
        CKA_TOKEN => Some(boolean(true)),
        CKA_PRIVATE => Some(boolean(o == H_PRIVKEY)),
        CKA_MODIFIABLE => Some(boolean(false)),
        CKA_LABEL => Some(KEY_LABEL.to_vec()),
        CKA_ID => Some(KEY_ID.to_vec()),
        CKA_SUBJECT => Some(cert.subject.clone()),
        _ => None,
    };
    if let Some(v) = common {
        return Ok(v);
    }
    let v = match (o, ty) {
        (H_CERT, CKA_CLASS) => ulong(CKO_CERTIFICATE),
        (H_CERT, CKA_CERTIFICATE_TYPE) => ulong(CKC_X_509),
        (H_CERT, CKA_VALUE) => cert.der.clone(),
        (H_CERT, CKA_ISSUER) => cert.issuer.clone(),
        (H_CERT, CKA_SERIAL_NUMBER) => cert.serial_der.clone(),
        (H_CERT, CKA_TRUSTED) => boolean(false),
        (H_CERT, CKA_CERTIFICATE_CATEGORY) => ulong(1), // token user
        (H_PUBKEY | H_PRIVKEY, CKA_KEY_TYPE) => ulong(CKK_RSA),
        (H_PUBKEY | H_PRIVKEY, CKA_MODULUS) => cert.modulus.clone(),
        (H_PUBKEY | H_PRIVKEY, CKA_PUBLIC_EXPONENT) => cert.exponent.clone(),
        (H_PUBKEY | H_PRIVKEY, CKA_MODULUS_BITS) => ulong(cert.modulus_bits()),
        (H_PUBKEY | H_PRIVKEY, CKA_LOCAL | CKA_DERIVE) => boolean(false),
        (H_PUBKEY, CKA_CLASS) => ulong(CKO_PUBLIC_KEY),
        (H_PUBKEY, CKA_VERIFY) => boolean(true),
        (H_PUBKEY, CKA_ENCRYPT | CKA_WRAP | CKA_VERIFY_RECOVER) => boolean(false),
        (H_PRIVKEY, CKA_CLASS) => ulong(CKO_PRIVATE_KEY),
        (H_PRIVKEY, CKA_SIGN) => boolean(true),
        (H_PRIVKEY, CKA_DECRYPT | CKA_UNWRAP | CKA_SIGN_RECOVER | CKA_EXTRACTABLE) => boolean(false),
        (H_PRIVKEY, CKA_SENSITIVE | CKA_ALWAYS_SENSITIVE | CKA_NEVER_EXTRACTABLE) => boolean(true),
        (H_PRIVKEY, CKA_ALWAYS_AUTHENTICATE) => boolean(false),
        (
            H_PRIVKEY,
            CKA_VALUE | CKA_PRIVATE_EXPONENT | CKA_PRIME_1 | CKA_PRIME_2 | CKA_EXPONENT_1 | CKA_EXPONENT_2
            | CKA_COEFFICIENT,
        ) => return Err(CKR_ATTRIBUTE_SENSITIVE),
        _ => return Err(CKR_ATTRIBUTE_TYPE_INVALID),
    };
    Ok(v)
}

const SHA1_PREFIX: &[u8] =
    &[0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14];
const SHA256_PREFIX: &[u8] = &[
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
    0x04, 0x20,
];
const SHA384_PREFIX: &[u8] = &[
    0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00,
    0x04, 0x30,
];
const SHA512_PREFIX: &[u8] = &[
    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00,
    0x04, 0x40,
];

/// What the card signs (it applies the PKCS#1 v1.5 padding itself): the input as given for
/// CKM_RSA_PKCS, else the DER DigestInfo of the input's hash.
pub fn digest_info(mech: CK_MECHANISM_TYPE, data: &[u8]) -> Rv<Vec<u8>> {
    use sha2::Digest as _;
    let (prefix, digest): (&[u8], Vec<u8>) = match mech {
        CKM_RSA_PKCS => return Ok(data.to_vec()),
        CKM_SHA1_RSA_PKCS => (SHA1_PREFIX, sha1::Sha1::digest(data).to_vec()),
        CKM_SHA256_RSA_PKCS => (SHA256_PREFIX, sha2::Sha256::digest(data).to_vec()),
        CKM_SHA384_RSA_PKCS => (SHA384_PREFIX, sha2::Sha384::digest(data).to_vec()),
        CKM_SHA512_RSA_PKCS => (SHA512_PREFIX, sha2::Sha512::digest(data).to_vec()),
        _ => return Err(CKR_MECHANISM_INVALID),
    };
    Ok([prefix, &digest].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_infos_are_der_prefix_and_hash() {
        let d = digest_info(CKM_SHA256_RSA_PKCS, b"abc").unwrap_or_default();
        assert_eq!(d.len(), 19 + 32);
        assert_eq!(d[1] as usize, d.len() - 2);
        for (m, n) in [(CKM_SHA1_RSA_PKCS, 20), (CKM_SHA384_RSA_PKCS, 48), (CKM_SHA512_RSA_PKCS, 64)] {
            let d = digest_info(m, b"").unwrap_or_default();
            assert_eq!(d[1] as usize, d.len() - 2);
            assert_eq!(d[d.len() - n - 1] as usize, n);
        }
        assert_eq!(digest_info(CKM_RSA_PKCS, b"raw"), Ok(b"raw".to_vec()));
        assert_eq!(digest_info(CKM_MD5_RSA_PKCS, b"x"), Err(CKR_MECHANISM_INVALID));
    }

    #[test]
    fn pad_cuts_at_a_character_boundary() {
        let mut f = [0u8; 5];
        pad(&mut f, "ABCDè");
        assert_eq!(&f, b"ABCD ");
        pad(&mut f, "AB");
        assert_eq!(&f, b"AB   ");
    }
}
