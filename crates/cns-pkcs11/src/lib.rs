//! # cns-pkcs11
//!
//! A PKCS#11 v2.40 module for the Italian TS-CNS, over cns-core (every card generation it
//! reads, the 2025 applet cards included) and PC/SC: one slot per reader, a token when a TS-CNS
//! is in it (label = holder's name, serial = card number), the authentication certificate with
//! its public and private key (CKA_ID 01), C_Login with the user PIN and C_Sign with
//! CKM_RSA_PKCS and CKM_SHA{1,256,384,512}_RSA_PKCS. See [`module`] for how the login is held
//! (by the card, never by us). Load `libcns_pkcs11.so` in a browser, NSS or pkcs11-tool.

pub mod ffi;
pub mod module;

pub use ffi::C_GetFunctionList;
