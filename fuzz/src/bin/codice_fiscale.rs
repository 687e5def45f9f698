//! cargo-afl harness for the `codice_fiscale` target (see `fuzz/src/targets.rs`).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        cns_fuzz::run("codice_fiscale", data);
    });
}
