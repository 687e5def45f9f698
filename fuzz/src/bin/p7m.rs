//! cargo-afl harness for the `p7m` target (see `fuzz/src/targets.rs`).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        cns_fuzz::run("p7m", data);
    });
}
