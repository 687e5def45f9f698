//! The C ABI: every exported function catches panics, takes the global lock, turns the caller's
//! raw pointers into references and slices (each `unsafe` block is one such conversion, with
//! the caller's PKCS#11 obligation that makes it sound), and calls the safe [`Module`].
#![allow(unsafe_code)]
#![allow(non_snake_case, clippy::missing_safety_doc)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use cryptoki_sys::*;
use zeroize::Zeroizing;

use crate::module::Module;

/// The whole module state: one lock (PKCS#11 allows a module to serialise its callers).
static MODULE: Mutex<Option<Module>> = Mutex::new(None);

fn lock() -> MutexGuard<'static, Option<Module>> {
    // A panic while holding the lock was caught at the boundary; the state is still consistent
    // enough to answer (each operation takes or replaces whole values).
    MODULE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f` on the initialised module; panics become CKR_GENERAL_ERROR.
fn with(f: impl FnOnce(&mut Module) -> CK_RV) -> CK_RV {
    catch_unwind(AssertUnwindSafe(|| match lock().as_mut() {
        Some(m) => f(m),
        None => CKR_CRYPTOKI_NOT_INITIALIZED,
    }))
    .unwrap_or(CKR_GENERAL_ERROR)
}

fn guard(f: impl FnOnce() -> CK_RV) -> CK_RV {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(CKR_GENERAL_ERROR)
}

fn rv(r: Result<(), CK_RV>) -> CK_RV {
    r.err().unwrap_or(CKR_OK)
}

/// `*out = v`, or CKR_ARGUMENTS_BAD for a null pointer.
fn put<T>(out: *mut T, v: T) -> CK_RV {
    // SAFETY: the caller passes either null or a valid, writable pointer to a T (PKCS#11
    // output parameter); `as_mut` checks null.
    match unsafe { out.as_mut() } {
        Some(o) => {
            *o = v;
            CKR_OK
        }
        None => CKR_ARGUMENTS_BAD,
    }
}

/// The caller's input buffer; empty for a null pointer with length 0.
fn input<'a>(p: *const u8, len: CK_ULONG) -> Option<&'a [u8]> {
    if len == 0 {
        return Some(&[]);
    }
    if p.is_null() {
        return None;
    }
    // SAFETY: PKCS#11 requires `p` to point to `len` readable bytes for the call's duration.
    Some(unsafe { std::slice::from_raw_parts(p, len as usize) })
}

/// The PKCS#11 "list" convention: null buffer → count only; too small → CKR_BUFFER_TOO_SMALL
/// with the count; else copy.
fn put_list<T: Copy>(buf: *mut T, count: *mut CK_ULONG, items: &[T]) -> CK_RV {
    // SAFETY: `count` is the caller's in/out length (null checked by `as_mut`).
    let Some(count) = (unsafe { count.as_mut() }) else { return CKR_ARGUMENTS_BAD };
    if buf.is_null() {
        *count = items.len() as CK_ULONG;
        return CKR_OK;
    }
    if (*count as usize) < items.len() {
        *count = items.len() as CK_ULONG;
        return CKR_BUFFER_TOO_SMALL;
    }
    // SAFETY: the caller said `buf` holds `*count` >= items.len() elements.
    let out = unsafe { std::slice::from_raw_parts_mut(buf, items.len()) };
    out.copy_from_slice(items);
    *count = items.len() as CK_ULONG;
    CKR_OK
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn C_GetFunctionList(pp: *mut *mut CK_FUNCTION_LIST) -> CK_RV {
    // The list is immutable; PKCS#11 hands it out as `*mut` by convention only.
    guard(|| put(pp, std::ptr::addr_of!(FUNCTIONS).cast_mut()))
}

pub unsafe extern "C" fn C_Initialize(args: *mut std::ffi::c_void) -> CK_RV {
    guard(|| {
        if !args.is_null() {
            // SAFETY: non-null `pInitArgs` points to a CK_C_INITIALIZE_ARGS (PKCS#11 §5.4).
            let a = unsafe { &*(args as *const CK_C_INITIALIZE_ARGS) };
            if !a.pReserved.is_null() {
                return CKR_ARGUMENTS_BAD;
            }
            // We lock with OS primitives; an application that allows only its own mutexes
            // cannot be served. (Copied out: on Windows the struct is packed, and a method
            // call would borrow an unaligned field.)
            let create_mutex = a.CreateMutex;
            if a.flags & CKF_OS_LOCKING_OK == 0 && create_mutex.is_some() {
                return CKR_CANT_LOCK;
            }
        }
        let mut g = lock();
        if g.is_some() {
            return CKR_CRYPTOKI_ALREADY_INITIALIZED;
        }
        match Module::new() {
            Ok(m) => {
                *g = Some(m);
                CKR_OK
            }
            Err(e) => e,
        }
    })
}

pub unsafe extern "C" fn C_Finalize(reserved: *mut std::ffi::c_void) -> CK_RV {
    guard(|| {
        if !reserved.is_null() {
            return CKR_ARGUMENTS_BAD;
        }
        // Dropping the tokens logs out (resets the cards we verified).
        match lock().take() {
            Some(_) => CKR_OK,
            None => CKR_CRYPTOKI_NOT_INITIALIZED,
        }
    })
}

pub unsafe extern "C" fn C_GetInfo(info: *mut CK_INFO) -> CK_RV {
    with(|_| {
        let mut i = CK_INFO {
            cryptokiVersion: CK_VERSION { major: 2, minor: 40 },
            manufacturerID: [b' '; 32],
            flags: 0,
            libraryDescription: [b' '; 32],
            libraryVersion: CK_VERSION { major: 0, minor: 1 },
        };
        i.manufacturerID[..11].copy_from_slice(b"cns-manager");
        i.libraryDescription[..14].copy_from_slice(b"TS-CNS PKCS#11");
        put(info, i)
    })
}

pub unsafe extern "C" fn C_GetSlotList(
    present: CK_BBOOL,
    list: *mut CK_SLOT_ID,
    count: *mut CK_ULONG,
) -> CK_RV {
    with(|m| {
        // Refresh on the size query; the second call then lists the same slots.
        let ids = m.slot_list(present != CK_FALSE, list.is_null());
        put_list(list, count, &ids)
    })
}

pub unsafe extern "C" fn C_GetSlotInfo(slot: CK_SLOT_ID, info: *mut CK_SLOT_INFO) -> CK_RV {
    with(|m| match m.slot_info(slot) {
        Ok(i) => put(info, i),
        Err(e) => e,
    })
}

pub unsafe extern "C" fn C_GetTokenInfo(slot: CK_SLOT_ID, info: *mut CK_TOKEN_INFO) -> CK_RV {
    with(|m| match m.token_info(slot) {
        Ok(i) => put(info, i),
        Err(e) => e,
    })
}

pub unsafe extern "C" fn C_GetMechanismList(
    slot: CK_SLOT_ID,
    list: *mut CK_MECHANISM_TYPE,
    count: *mut CK_ULONG,
) -> CK_RV {
    with(|m| match m.mechanisms(slot) {
        Ok(v) => put_list(list, count, &v),
        Err(e) => e,
    })
}

pub unsafe extern "C" fn C_GetMechanismInfo(
    slot: CK_SLOT_ID,
    mech: CK_MECHANISM_TYPE,
    info: *mut CK_MECHANISM_INFO,
) -> CK_RV {
    with(|m| match m.mechanism_info(slot, mech) {
        Ok(i) => put(info, i),
        Err(e) => e,
    })
}

pub unsafe extern "C" fn C_OpenSession(
    slot: CK_SLOT_ID,
    flags: CK_FLAGS,
    _app: *mut std::ffi::c_void,
    _notify: CK_NOTIFY,
    out: *mut CK_SESSION_HANDLE,
) -> CK_RV {
    with(|m| {
        if out.is_null() {
            return CKR_ARGUMENTS_BAD;
        }
        match m.open_session(slot, flags) {
            Ok(h) => put(out, h),
            Err(e) => e,
        }
    })
}

pub unsafe extern "C" fn C_CloseSession(h: CK_SESSION_HANDLE) -> CK_RV {
    with(|m| rv(m.close_session(h)))
}

pub unsafe extern "C" fn C_CloseAllSessions(slot: CK_SLOT_ID) -> CK_RV {
    with(|m| rv(m.close_all_sessions(slot)))
}

pub unsafe extern "C" fn C_GetSessionInfo(h: CK_SESSION_HANDLE, info: *mut CK_SESSION_INFO) -> CK_RV {
    with(|m| match m.session_info(h) {
        Ok(i) => put(info, i),
        Err(e) => e,
    })
}

pub unsafe extern "C" fn C_Login(
    h: CK_SESSION_HANDLE,
    user: CK_USER_TYPE,
    pin: *mut CK_UTF8CHAR,
    len: CK_ULONG,
) -> CK_RV {
    with(|m| {
        // No protected authentication path: the PIN must come with the call.
        if pin.is_null() {
            return CKR_ARGUMENTS_BAD;
        }
        if len > 64 {
            return CKR_PIN_LEN_RANGE;
        }
        let Some(p) = input(pin, len) else { return CKR_ARGUMENTS_BAD };
        // Our own copy, wiped on drop; the caller owns (and wipes) theirs.
        let p = Zeroizing::new(p.to_vec());
        rv(m.login(h, user, &p))
    })
}

pub unsafe extern "C" fn C_Logout(h: CK_SESSION_HANDLE) -> CK_RV {
    with(|m| rv(m.logout(h)))
}

pub unsafe extern "C" fn C_GetObjectSize(
    h: CK_SESSION_HANDLE,
    o: CK_OBJECT_HANDLE,
    size: *mut CK_ULONG,
) -> CK_RV {
    with(|m| match m.object_size(h, o) {
        Ok(s) => put(size, s),
        Err(e) => e,
    })
}

pub unsafe extern "C" fn C_GetAttributeValue(
    h: CK_SESSION_HANDLE,
    o: CK_OBJECT_HANDLE,
    template: *mut CK_ATTRIBUTE,
    count: CK_ULONG,
) -> CK_RV {
    with(|m| {
        if template.is_null() && count > 0 {
            return CKR_ARGUMENTS_BAD;
        }
        if count == 0 {
            return match m.object_size(h, o) {
                Ok(_) => CKR_OK,
                Err(e) => e,
            };
        }
        // SAFETY: the caller passes `count` CK_ATTRIBUTEs at `template`, which we may update.
        let attrs = unsafe { std::slice::from_raw_parts_mut(template, count as usize) };
        let mut result = CKR_OK;
        for a in attrs.iter_mut() {
            match m.attribute(h, o, a.type_) {
                Ok(v) => {
                    if a.pValue.is_null() {
                        a.ulValueLen = v.len() as CK_ULONG;
                    } else if (a.ulValueLen as usize) < v.len() {
                        a.ulValueLen = CK_UNAVAILABLE_INFORMATION;
                        result = CKR_BUFFER_TOO_SMALL;
                    } else {
                        // SAFETY: the caller said pValue holds ulValueLen >= v.len() bytes.
                        let out = unsafe { std::slice::from_raw_parts_mut(a.pValue.cast::<u8>(), v.len()) };
                        out.copy_from_slice(&v);
                        a.ulValueLen = v.len() as CK_ULONG;
                    }
                }
                Err(e @ (CKR_SESSION_HANDLE_INVALID | CKR_OBJECT_HANDLE_INVALID)) => return e,
                Err(e) => {
                    a.ulValueLen = CK_UNAVAILABLE_INFORMATION;
                    result = e;
                }
            }
        }
        result
    })
}

pub unsafe extern "C" fn C_FindObjectsInit(
    h: CK_SESSION_HANDLE,
    template: *mut CK_ATTRIBUTE,
    count: CK_ULONG,
) -> CK_RV {
    with(|m| {
        if template.is_null() && count > 0 {
            return CKR_ARGUMENTS_BAD;
        }
        let attrs: &[CK_ATTRIBUTE] = if count == 0 {
            &[]
        } else {
            // SAFETY: the caller passes `count` CK_ATTRIBUTEs at `template`.
            unsafe { std::slice::from_raw_parts(template, count as usize) }
        };
        let mut wanted = Vec::with_capacity(attrs.len());
        for a in attrs {
            let Some(v) = input(a.pValue.cast::<u8>().cast_const(), a.ulValueLen) else {
                return CKR_ARGUMENTS_BAD;
            };
            wanted.push((a.type_, v.to_vec()));
        }
        rv(m.find_init(h, &wanted))
    })
}

pub unsafe extern "C" fn C_FindObjects(
    h: CK_SESSION_HANDLE,
    out: *mut CK_OBJECT_HANDLE,
    max: CK_ULONG,
    count: *mut CK_ULONG,
) -> CK_RV {
    with(|m| {
        if (out.is_null() && max > 0) || count.is_null() {
            return CKR_ARGUMENTS_BAD;
        }
        match m.find(h, max as usize) {
            Ok(found) => {
                if !found.is_empty() {
                    // SAFETY: the caller gave room for `max` >= found.len() handles at `out`.
                    let dst = unsafe { std::slice::from_raw_parts_mut(out, found.len()) };
                    dst.copy_from_slice(&found);
                }
                put(count, found.len() as CK_ULONG)
            }
            Err(e) => e,
        }
    })
}

pub unsafe extern "C" fn C_FindObjectsFinal(h: CK_SESSION_HANDLE) -> CK_RV {
    with(|m| rv(m.find_final(h)))
}

pub unsafe extern "C" fn C_SignInit(
    h: CK_SESSION_HANDLE,
    mech: *mut CK_MECHANISM,
    key: CK_OBJECT_HANDLE,
) -> CK_RV {
    with(|m| {
        // SAFETY: null or a valid CK_MECHANISM from the caller.
        let Some(mech) = (unsafe { mech.as_ref() }) else { return CKR_ARGUMENTS_BAD };
        if mech.ulParameterLen != 0 {
            return CKR_MECHANISM_PARAM_INVALID;
        }
        rv(m.sign_init(h, mech.mechanism, key))
    })
}

/// The C_Sign / C_SignFinal buffer convention; the card signs only when the buffer is big
/// enough, so a size query never costs a signature.
fn sign_into(
    m: &mut Module,
    h: CK_SESSION_HANDLE,
    data: &[u8],
    sig: *mut CK_BYTE,
    len: *mut CK_ULONG,
) -> CK_RV {
    // SAFETY: `len` is the caller's in/out length (null checked by `as_mut`).
    let Some(len) = (unsafe { len.as_mut() }) else { return CKR_ARGUMENTS_BAD };
    let need = match m.signature_len(h) {
        Ok(n) => n,
        Err(e) => return e,
    };
    if sig.is_null() {
        *len = need as CK_ULONG;
        return CKR_OK;
    }
    if (*len as usize) < need {
        *len = need as CK_ULONG;
        return CKR_BUFFER_TOO_SMALL;
    }
    match m.sign(h, data) {
        Ok(s) => {
            let n = s.len().min(*len as usize);
            // SAFETY: the caller said `sig` holds `*len` >= n bytes.
            let out = unsafe { std::slice::from_raw_parts_mut(sig, n) };
            out.copy_from_slice(&s[..n]);
            *len = n as CK_ULONG;
            CKR_OK
        }
        Err(e) => e,
    }
}

pub unsafe extern "C" fn C_Sign(
    h: CK_SESSION_HANDLE,
    data: *mut CK_BYTE,
    data_len: CK_ULONG,
    sig: *mut CK_BYTE,
    sig_len: *mut CK_ULONG,
) -> CK_RV {
    with(|m| {
        let Some(d) = input(data, data_len) else { return CKR_ARGUMENTS_BAD };
        sign_into(m, h, d, sig, sig_len)
    })
}

pub unsafe extern "C" fn C_SignUpdate(h: CK_SESSION_HANDLE, part: *mut CK_BYTE, len: CK_ULONG) -> CK_RV {
    with(|m| {
        let Some(p) = input(part, len) else { return CKR_ARGUMENTS_BAD };
        rv(m.sign_update(h, p))
    })
}

pub unsafe extern "C" fn C_SignFinal(
    h: CK_SESSION_HANDLE,
    sig: *mut CK_BYTE,
    sig_len: *mut CK_ULONG,
) -> CK_RV {
    with(|m| sign_into(m, h, &[], sig, sig_len))
}

/// Hot-plug: with CKF_DONT_BLOCK answers at once; otherwise polls pcscd (never the cards)
/// every 200 ms without holding the lock, until a card comes or goes or C_Finalize.
pub unsafe extern "C" fn C_WaitForSlotEvent(
    flags: CK_FLAGS,
    slot: *mut CK_SLOT_ID,
    _reserved: *mut std::ffi::c_void,
) -> CK_RV {
    guard(|| {
        if slot.is_null() {
            return CKR_ARGUMENTS_BAD;
        }
        loop {
            let r = {
                let mut g = lock();
                let Some(m) = g.as_mut() else { return CKR_CRYPTOKI_NOT_INITIALIZED };
                m.take_event()
            };
            if let Some(id) = r {
                return put(slot, id);
            }
            if flags & CKF_DONT_BLOCK != 0 {
                return CKR_NO_EVENT;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    })
}

/// No random numbers from this token (the spec's answer for a token without an RNG).
pub unsafe extern "C" fn C_SeedRandom(_h: CK_SESSION_HANDLE, _seed: *mut CK_BYTE, _len: CK_ULONG) -> CK_RV {
    with(|_| CKR_RANDOM_NO_RNG)
}

pub unsafe extern "C" fn C_GenerateRandom(
    _h: CK_SESSION_HANDLE,
    _out: *mut CK_BYTE,
    _len: CK_ULONG,
) -> CK_RV {
    with(|_| CKR_RANDOM_NO_RNG)
}

macro_rules! not_supported {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            pub unsafe extern "C" fn $name($($arg: $ty),*) -> CK_RV {
                $(let _ = $arg;)*
                guard(|| if lock().is_some() { CKR_FUNCTION_NOT_SUPPORTED } else { CKR_CRYPTOKI_NOT_INITIALIZED })
            }
        )*
    };
}

not_supported! {
    C_GetFunctionStatus(_a1: CK_SESSION_HANDLE);
    C_CancelFunction(_a1: CK_SESSION_HANDLE);
    C_InitToken(_a1: CK_SLOT_ID, _a2: *mut CK_UTF8CHAR, _a3: CK_ULONG, _a4: *mut CK_UTF8CHAR);
    C_InitPIN(_a1: CK_SESSION_HANDLE, _a2: *mut CK_UTF8CHAR, _a3: CK_ULONG);
    C_SetPIN(_a1: CK_SESSION_HANDLE, _a2: *mut CK_UTF8CHAR, _a3: CK_ULONG, _a4: *mut CK_UTF8CHAR, _a5: CK_ULONG);
    C_GetOperationState(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: *mut CK_ULONG);
    C_SetOperationState(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: CK_OBJECT_HANDLE, _a5: CK_OBJECT_HANDLE);
    C_CreateObject(_a1: CK_SESSION_HANDLE, _a2: *mut CK_ATTRIBUTE, _a3: CK_ULONG, _a4: *mut CK_OBJECT_HANDLE);
    C_CopyObject(_a1: CK_SESSION_HANDLE, _a2: CK_OBJECT_HANDLE, _a3: *mut CK_ATTRIBUTE, _a4: CK_ULONG, _a5: *mut CK_OBJECT_HANDLE);
    C_DestroyObject(_a1: CK_SESSION_HANDLE, _a2: CK_OBJECT_HANDLE);
    C_SetAttributeValue(_a1: CK_SESSION_HANDLE, _a2: CK_OBJECT_HANDLE, _a3: *mut CK_ATTRIBUTE, _a4: CK_ULONG);
    C_EncryptInit(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM, _a3: CK_OBJECT_HANDLE);
    C_Encrypt(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_EncryptUpdate(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_EncryptFinal(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: *mut CK_ULONG);
    C_DecryptInit(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM, _a3: CK_OBJECT_HANDLE);
    C_Decrypt(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_DecryptUpdate(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_DecryptFinal(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: *mut CK_ULONG);
    C_DigestInit(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM);
    C_Digest(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_DigestUpdate(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG);
    C_DigestKey(_a1: CK_SESSION_HANDLE, _a2: CK_OBJECT_HANDLE);
    C_DigestFinal(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: *mut CK_ULONG);
    C_SignRecoverInit(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM, _a3: CK_OBJECT_HANDLE);
    C_SignRecover(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_VerifyInit(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM, _a3: CK_OBJECT_HANDLE);
    C_Verify(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: CK_ULONG);
    C_VerifyUpdate(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG);
    C_VerifyFinal(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG);
    C_VerifyRecoverInit(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM, _a3: CK_OBJECT_HANDLE);
    C_VerifyRecover(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_DigestEncryptUpdate(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_DecryptDigestUpdate(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_SignEncryptUpdate(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_DecryptVerifyUpdate(_a1: CK_SESSION_HANDLE, _a2: *mut CK_BYTE, _a3: CK_ULONG, _a4: *mut CK_BYTE, _a5: *mut CK_ULONG);
    C_GenerateKey(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM, _a3: *mut CK_ATTRIBUTE, _a4: CK_ULONG, _a5: *mut CK_OBJECT_HANDLE);
    C_GenerateKeyPair(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM, _a3: *mut CK_ATTRIBUTE, _a4: CK_ULONG, _a5: *mut CK_ATTRIBUTE, _a6: CK_ULONG, _a7: *mut CK_OBJECT_HANDLE, _a8: *mut CK_OBJECT_HANDLE);
    C_WrapKey(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM, _a3: CK_OBJECT_HANDLE, _a4: CK_OBJECT_HANDLE, _a5: *mut CK_BYTE, _a6: *mut CK_ULONG);
    C_UnwrapKey(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM, _a3: CK_OBJECT_HANDLE, _a4: *mut CK_BYTE, _a5: CK_ULONG, _a6: *mut CK_ATTRIBUTE, _a7: CK_ULONG, _a8: *mut CK_OBJECT_HANDLE);
    C_DeriveKey(_a1: CK_SESSION_HANDLE, _a2: *mut CK_MECHANISM, _a3: CK_OBJECT_HANDLE, _a4: *mut CK_ATTRIBUTE, _a5: CK_ULONG, _a6: *mut CK_OBJECT_HANDLE);
}

static FUNCTIONS: CK_FUNCTION_LIST = CK_FUNCTION_LIST {
    version: CK_VERSION { major: 2, minor: 40 },
    C_GetFunctionList: Some(C_GetFunctionList),

    C_Initialize: Some(C_Initialize),
    C_Finalize: Some(C_Finalize),
    C_GetInfo: Some(C_GetInfo),
    C_GetSlotList: Some(C_GetSlotList),
    C_GetSlotInfo: Some(C_GetSlotInfo),
    C_GetTokenInfo: Some(C_GetTokenInfo),
    C_GetMechanismList: Some(C_GetMechanismList),
    C_GetMechanismInfo: Some(C_GetMechanismInfo),
    C_InitToken: Some(C_InitToken),
    C_InitPIN: Some(C_InitPIN),
    C_SetPIN: Some(C_SetPIN),
    C_OpenSession: Some(C_OpenSession),
    C_CloseSession: Some(C_CloseSession),
    C_CloseAllSessions: Some(C_CloseAllSessions),
    C_GetSessionInfo: Some(C_GetSessionInfo),
    C_GetOperationState: Some(C_GetOperationState),
    C_SetOperationState: Some(C_SetOperationState),
    C_Login: Some(C_Login),
    C_Logout: Some(C_Logout),
    C_CreateObject: Some(C_CreateObject),
    C_CopyObject: Some(C_CopyObject),
    C_DestroyObject: Some(C_DestroyObject),
    C_GetObjectSize: Some(C_GetObjectSize),
    C_GetAttributeValue: Some(C_GetAttributeValue),
    C_SetAttributeValue: Some(C_SetAttributeValue),
    C_FindObjectsInit: Some(C_FindObjectsInit),
    C_FindObjects: Some(C_FindObjects),
    C_FindObjectsFinal: Some(C_FindObjectsFinal),
    C_EncryptInit: Some(C_EncryptInit),
    C_Encrypt: Some(C_Encrypt),
    C_EncryptUpdate: Some(C_EncryptUpdate),
    C_EncryptFinal: Some(C_EncryptFinal),
    C_DecryptInit: Some(C_DecryptInit),
    C_Decrypt: Some(C_Decrypt),
    C_DecryptUpdate: Some(C_DecryptUpdate),
    C_DecryptFinal: Some(C_DecryptFinal),
    C_DigestInit: Some(C_DigestInit),
    C_Digest: Some(C_Digest),
    C_DigestUpdate: Some(C_DigestUpdate),
    C_DigestKey: Some(C_DigestKey),
    C_DigestFinal: Some(C_DigestFinal),
    C_SignInit: Some(C_SignInit),
    C_Sign: Some(C_Sign),
    C_SignUpdate: Some(C_SignUpdate),
    C_SignFinal: Some(C_SignFinal),
    C_SignRecoverInit: Some(C_SignRecoverInit),
    C_SignRecover: Some(C_SignRecover),
    C_VerifyInit: Some(C_VerifyInit),
    C_Verify: Some(C_Verify),
    C_VerifyUpdate: Some(C_VerifyUpdate),
    C_VerifyFinal: Some(C_VerifyFinal),
    C_VerifyRecoverInit: Some(C_VerifyRecoverInit),
    C_VerifyRecover: Some(C_VerifyRecover),
    C_DigestEncryptUpdate: Some(C_DigestEncryptUpdate),
    C_DecryptDigestUpdate: Some(C_DecryptDigestUpdate),
    C_SignEncryptUpdate: Some(C_SignEncryptUpdate),
    C_DecryptVerifyUpdate: Some(C_DecryptVerifyUpdate),
    C_GenerateKey: Some(C_GenerateKey),
    C_GenerateKeyPair: Some(C_GenerateKeyPair),
    C_WrapKey: Some(C_WrapKey),
    C_UnwrapKey: Some(C_UnwrapKey),
    C_DeriveKey: Some(C_DeriveKey),
    C_SeedRandom: Some(C_SeedRandom),
    C_GenerateRandom: Some(C_GenerateRandom),
    C_GetFunctionStatus: Some(C_GetFunctionStatus),
    C_CancelFunction: Some(C_CancelFunction),
    C_WaitForSlotEvent: Some(C_WaitForSlotEvent),
};

#[cfg(test)]
mod tests {
    use super::*;

    // These never initialise the module (no pcscd needed); the card paths are covered end to
    // end by tests/e2e_pkcs11.rs.

    #[test]
    fn function_list_is_complete_and_null_is_refused() {
        // SAFETY: a null output pointer is what is being tested; the function checks it.
        assert_eq!(unsafe { C_GetFunctionList(std::ptr::null_mut()) }, CKR_ARGUMENTS_BAD);
        let mut p: *mut CK_FUNCTION_LIST = std::ptr::null_mut();
        // SAFETY: `p` is a valid place for the pointer.
        assert_eq!(unsafe { C_GetFunctionList(&mut p) }, CKR_OK);
        // SAFETY: C_GetFunctionList returned a pointer to our static list.
        let f = unsafe { &*p };
        assert_eq!((f.version.major, f.version.minor), (2, 40));
        // Braces copy each entry out: on Windows the list is packed, and `is_some` would borrow
        // an unaligned field.
        for entry in [
            { f.C_Initialize }.is_some(),
            { f.C_Login }.is_some(),
            { f.C_Sign }.is_some(),
            { f.C_WaitForSlotEvent }.is_some(),
        ] {
            assert!(entry);
        }
        assert!(
            { f.C_GenerateKeyPair }.is_some() && { f.C_DigestKey }.is_some() && { f.C_CancelFunction }
                .is_some()
        );
    }

    #[test]
    fn calls_before_initialize_and_bad_arguments_are_refused() {
        let mut info = CK_INFO::default();
        // SAFETY: valid pointers or deliberate nulls the functions must check.
        unsafe {
            assert_eq!(C_GetInfo(&mut info), CKR_CRYPTOKI_NOT_INITIALIZED);
            assert_eq!(C_Finalize(std::ptr::null_mut()), CKR_CRYPTOKI_NOT_INITIALIZED);
            let mut pin = *b"12345";
            assert_eq!(C_Login(1, CKU_USER, pin.as_mut_ptr(), 5), CKR_CRYPTOKI_NOT_INITIALIZED);
            assert_eq!(C_GenerateRandom(1, std::ptr::null_mut(), 0), CKR_CRYPTOKI_NOT_INITIALIZED);
            let mut args =
                CK_C_INITIALIZE_ARGS { pReserved: (&mut info as *mut CK_INFO).cast(), ..Default::default() };
            assert_eq!(C_Initialize((&mut args as *mut CK_C_INITIALIZE_ARGS).cast()), CKR_ARGUMENTS_BAD);
            assert_eq!(C_WaitForSlotEvent(0, std::ptr::null_mut(), std::ptr::null_mut()), CKR_ARGUMENTS_BAD);
        }
    }
}
