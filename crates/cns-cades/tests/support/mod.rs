pub mod openssl_pki;
