#!/usr/bin/env bash
# The whole test suite: installs what is missing, checks formatting and lints, builds the
# binaries, starts the PC/SC rigs and runs every test, end-to-end tests included.
#
# Two private pcscd instances (scripts/pcsc-rig.sh, each in its own mount namespace with its own
# socket, so neither clashes with a system pcscd nor with the other):
#   * the end-to-end rig: 6 vpcd entries = 12 readers "CNS Test 1 00 00" … "CNS Test 6 00 01"
#     on ports $E2E_VPCD_PORT … +11. tests/e2e_cli.rs and tests/opensc.rs drive the BUILT
#     target/debug/cns-manager and cns-sim-vpcd through it (tests/support/rig.rs: one reader
#     slot per test, by file lock). They find the rig through CNS_E2E_RIG_DIR.
#   * the cns-pcsc rig: "Virtual PCD 00 00/01" on $PCSC_VPCD_PORT, +1, for
#     crates/cns-pcsc/tests/pcscd.rs, which stops and restarts its pcscd (monitor recovery), so
#     it must not be the shared one. It is reached through PCSCLITE_CSOCK_NAME and CNS_VPCD_PORT.
# CNS_PCSCD_TESTS=1 makes those tests run; without it (plain `cargo test`) they print
# "skipped". Here a rig that cannot start fails the run. Running pcscd needs root (pcscd owns
# /run/pcscd; the private mount namespace needs CAP_SYS_ADMIN), as in CI.
#
# Environment: E2E_VPCD_PORT (default 35963), PCSC_VPCD_PORT (default 35951), FUZZ_SECONDS
# (default 10 per fuzz target, see below; 0 skips the fuzzing).
#
# Each stage prints "[test] stage NAME: N s"; a table of them ends the run, a failed one too.
set -euo pipefail
cd "$(dirname "$0")/.."

STAGE_NAMES=(setup fmt clippy build a11y package rigs browsers package-test "cargo test" fuzz snapshots "sized snapshots" windows)
declare -A STAGE_TIME=() STAGE_RESULT=()
RUN_T0=$SECONDS
# Runs "$@" as stage $1, timing it; its exit status is the stage's (set -e then ends the run).
stage() {
    local name=$1 t0=$SECONDS rc=0
    shift
    STAGE_RESULT[$name]="did not finish"
    "$@" || rc=$?
    STAGE_TIME[$name]=$(( SECONDS - t0 ))
    if [ "$rc" = 0 ]; then STAGE_RESULT[$name]=ok; else STAGE_RESULT[$name]="FAILED (exit $rc)"; fi
    echo "[test] stage $name: ${STAGE_TIME[$name]} s"
    return "$rc"
}
summary() {
    echo "[test] ---------------------------------------------"
    printf '[test] %-14s %8s  %s\n' stage seconds result
    local n
    for n in "${STAGE_NAMES[@]}"; do
        printf '[test] %-14s %8s  %s\n' "$n" "${STAGE_TIME[$n]:--}" "${STAGE_RESULT[$n]:-not run}"
    done
    printf '[test] %-14s %8s\n' total "$(( SECONDS - RUN_T0 ))"
}
RIG_BASE=""
cleanup() {
    local rc=$?
    if [ -n "$RIG_BASE" ]; then
        # stop by pid file, whatever state the tests left the rigs in
        pcsc_rig stop || true
        e2e_rig stop || true
        if [ "$rc" != 0 ]; then
            for d in e2e pcsc; do
                [ -s "$RIG_BASE/$d/pcscd.log" ] && { echo "[test] $d pcscd log (tail):"; tail -20 "$RIG_BASE/$d/pcscd.log"; }
            done
        fi
        rm -rf "$RIG_BASE"
    fi
    summary
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stage setup ./scripts/setup-debian.sh
stage fmt cargo fmt --all -- --check
stage clippy cargo clippy --workspace --all-targets --locked -- -D warnings
build() {
    # The end-to-end tests run these binaries from the target dir next to the test executables
    cargo build --workspace --bins --locked &&
        # ... and tests/e2e_pkcs11.rs loads the PKCS#11 module (a cdylib, not built by --bins).
        cargo build -p cns-pkcs11 --lib --locked
}
stage build build

# The window through the real accessibility stack (Xvfb, a private D-Bus session, at-spi2-core,
# pyatspi), as Orca reads it: every wizard step where the focus lands, no digit in the tree.
stage a11y ./scripts/a11y-test.sh target/debug/cns-manager
# The .deb (release build) and its validators: desktop-file-validate, appstreamcli, lintian.
stage package ./scripts/package.sh

E2E_VPCD_PORT="${E2E_VPCD_PORT:-35963}"
PCSC_VPCD_PORT="${PCSC_VPCD_PORT:-35951}"
# How long pcsc-rig.sh waits for a pcscd to come up, here and when a test restarts one: a bound
# for a loaded machine, not the usual time (well under a second).
export WAIT_SECS="${WAIT_SECS:-60}"
if ! unshare --mount --propagation private true 2>/dev/null; then
    echo "[test] ERROR: the PC/SC test rig runs pcscd in a private mount namespace, which needs root" >&2
    echo "[test]        (or CAP_SYS_ADMIN): run this script as root, e.g. sudo ./scripts/test.sh" >&2
    exit 1
fi
RIG_BASE="$(mktemp -d "${TMPDIR:-/tmp}/cns-test-rigs.XXXXXX")"  # (cleanup stops the rigs from here on)
e2e_rig() {
    RIG_DIR="$RIG_BASE/e2e" RIG_PRIVATE_RUN=1 VPCD_PORT="$E2E_VPCD_PORT" RIG_SLOTS=6 \
        READER_NAME="CNS Test" CARD_CMD=none ./scripts/pcsc-rig.sh "$@"
}
pcsc_rig() {
    RIG_DIR="$RIG_BASE/pcsc" RIG_PRIVATE_RUN=1 VPCD_PORT="$PCSC_VPCD_PORT" CARD_CMD=none \
        ./scripts/pcsc-rig.sh "$@"
}
start_rigs() {
    e2e_rig start && pcsc_rig start
}
stage rigs start_rigs
# The citizen's login in real browsers (Firefox ESR through Marionette, Chromium under Xvfb) on
# the PKCS#11 module and the simulated cards, behind a pcscd of its own (scripts/browser-test.sh).
stage browsers ./scripts/browser-test.sh

# cns-pcsc's tests take the variables `pcsc-rig.sh env` prints; the e2e tests only
# CNS_PCSCD_TESTS and CNS_E2E_RIG_DIR (they give each client process the rig's socket).
eval "$(pcsc_rig env)"
export CNS_E2E_RIG_DIR="$RIG_BASE/e2e"

# The package installed with dpkg -i and run from /usr/bin against the rig (then purged).
stage package-test ./scripts/package-test.sh

# --no-fail-fast: one run shows every failing test binary, not only the first one's.
stage "cargo test" cargo test --workspace --locked --no-fail-fast

# Coverage-guided fuzzing (fuzz/, libFuzzer): every target briefly, FUZZ_SECONDS each (default
# 10: about 2 minutes, plus ~2 for building libFuzzer and the instrumented targets), so that a
# parser change that a fuzzer breaks in seconds fails here. A crash input found is copied to
# fuzz/regressions/ and fails the run. The seed corpora and the kept crash inputs are replayed
# by `cargo test` above either way (tests/fuzz_corpus.rs); the long runs are
# `scripts/fuzz.sh --runs N SECONDS` (README, "Reliability"). FUZZ_SECONDS=0 skips this.
if [ "${FUZZ_SECONDS:-10}" != 0 ]; then
    fuzz_out="$(mktemp -d "${TMPDIR:-/tmp}/cns-fuzz.XXXXXX")"
    stage fuzz env FUZZ_OUT="$fuzz_out" FUZZ_RESULTS="$fuzz_out/results.md" ./scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
else
    STAGE_RESULT[fuzz]="skipped (FUZZ_SECONDS=0)"
fi

# Image snapshots of the main screens: rendered headless on Mesa (lavapipe, or llvmpipe through
# EGL), compared with crates/cns-manager/tests/snapshots/. A feature, so that plain `cargo test`
# needs no GPU stack.
XDG_RUNTIME_DIR="$(mktemp -d "${TMPDIR:-/tmp}/cns-xdg.XXXXXX")"
chmod 700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR
stage snapshots cargo test -p cns-manager --features snapshot --test gui_snapshots --locked
# The main screens at each window size and zoom (their cut check already ran above).
stage "sized snapshots" cargo test -p cns-manager --features snapshot --test gui_sizes --locked -- pictures::
rm -rf "$XDG_RUNTIME_DIR"

# The Windows build (x86_64-pc-windows-gnu through mingw-w64): clippy, the release exe and
# PKCS#11 DLL, a compile check for macOS, and the exe's CLI under Wine with the demo card.
stage windows ./scripts/windows.sh
