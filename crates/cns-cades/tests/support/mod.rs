pub mod openssl_pki;
pub mod openssl_tsa;
