//! cargo-afl harness for the `fci` target (see `fuzz/src/targets.rs`).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        cns_fuzz::run("fci", data);
    });
}
