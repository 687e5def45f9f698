//! cargo-afl harness for the `m7m` target (see `fuzz/src/targets.rs`).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        cns_fuzz::run("m7m", data);
    });
}
