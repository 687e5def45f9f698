//! cargo-afl harness for the `status_word` target (see `fuzz/src/targets.rs`).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        cns_fuzz::run("status_word", data);
    });
}
