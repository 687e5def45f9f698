#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of outside data (fuzz/), one target after the other:
#
#   ./scripts/fuzz.sh [--engine libfuzzer|afl] [--runs N] SECONDS [TARGET...]   # default: every target
#
# Engines, both on the stable toolchain and over the same targets (fuzz/src/targets.rs):
#   libfuzzer (default)  in process, built with SanitizerCoverage flags (fuzz/libfuzzer/); one to two
#                        orders of magnitude faster than AFL's fork server on these small parsers
#   afl                  cargo-afl (AFL++); installs cargo-afl first if missing (it builds AFL++)
# Each target runs for SECONDS, or (libfuzzer, --runs N) until N executions, SECONDS then being
# only a cap. Writes a table (target, executions, crashes, corpus size) to stdout and
# fuzz/results.md. Crash, hang and out-of-memory inputs are copied to fuzz/regressions/<target>/,
# where tests/fuzz_corpus.rs replays them in the normal test suite once committed; the script
# then exits 1. Environment: FUZZ_OUT (default fuzz/out), FUZZ_RESULTS (default fuzz/results.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE=libfuzzer
RUNS=0
while [ $# -gt 0 ]; do
    case "$1" in
        --engine) ENGINE="${2:?--engine libfuzzer|afl}"; shift 2 ;;
        --runs) RUNS="${2:?--runs N}"; shift 2 ;;
        *) break ;;
    esac
done
SECONDS_EACH="${1:?usage: scripts/fuzz.sh [--engine libfuzzer|afl] [--runs N] SECONDS [TARGET...]}"
shift
ALL=(atr fci status_word id_carta personal_data processor codice_fiscale cert vpcd card_answers settings p7m tst tsd m7m tsl)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")
OUT="${FUZZ_OUT:-$PWD/fuzz/out}"
RESULTS="${FUZZ_RESULTS:-$PWD/fuzz/results.md}"
# the p7m target goes through a temporary file: keep it in memory when the machine allows
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm

# seed corpora: committed; regenerated only where a folder is missing (the seeds binary is plain Rust)
missing=0
for t in "${TARGETS[@]}"; do [ -d "fuzz/corpus/$t" ] || missing=1; done
if [ "$missing" = 1 ]; then
    (cd fuzz && cargo build --release --no-default-features --bin seeds)
    fuzz/target/release/seeds fuzz/corpus
fi

keep_crashes() { # target, files...
    local t="$1"
    shift
    mkdir -p "fuzz/regressions/$t"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "fuzz/regressions/$t/$(sha256sum "$f" | cut -c1-16)"
    done
    return 0
}

rows=()
total_crashes=0
case "$ENGINE" in
libfuzzer)
    # SanitizerCoverage as cargo-fuzz sets it (no sanitizer: that needs nightly); --target keeps
    # the flags off build scripts and proc macros.
    TRIPLE="$(rustc -vV | awk '/^host:/ {print $2}')"
    export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth --cfg fuzzing"
    (cd fuzz/libfuzzer && cargo build --release --target "$TRIPLE" --target-dir ../target/libfuzzer)
    unset RUSTFLAGS
    BIN="$PWD/fuzz/target/libfuzzer/$TRIPLE/release/cns-libfuzzer"
    VERSION="libFuzzer (libfuzzer-sys $(awk '/^name = "libfuzzer-sys"/ {getline; gsub(/"/,"",$3); print $3}' fuzz/libfuzzer/Cargo.lock))"
    for t in "${TARGETS[@]}"; do
        rm -rf "${OUT:?}/$t" "$OUT/$t-artifacts"
        mkdir -p "$OUT/$t" "$OUT/$t-artifacts"
        echo "[fuzz] $t: ${SECONDS_EACH} s at most$([ "$RUNS" != 0 ] && echo ", $RUNS executions")" >&2
        limit=()
        [ "$RUNS" != 0 ] && limit=(-runs="$RUNS")
        # -timeout: 1 s for one input is a hang; new inputs go to OUT/t, the seeds stay as they are
        rc=0
        CNS_FUZZ_TARGET="$t" "$BIN" -max_total_time="$SECONDS_EACH" "${limit[@]}" -timeout=1 \
            -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$OUT/$t-artifacts/" \
            "$OUT/$t" "fuzz/corpus/$t" >"$OUT/$t.log" 2>&1 || rc=$?
        execs=$(awk '/^stat::number_of_executed_units/ {print $2}' "$OUT/$t.log")
        shopt -s nullglob
        found=("$OUT/$t-artifacts/"*)
        shopt -u nullglob
        if [ "$rc" != 0 ] && [ ${#found[@]} -eq 0 ]; then
            echo "[fuzz] libFuzzer failed for $t (exit $rc) without an input to keep:" >&2
            tail -20 "$OUT/$t.log" >&2
            exit 1
        fi
        crashes=${#found[@]}
        [ "$crashes" != 0 ] && keep_crashes "$t" "${found[@]}"
        total_crashes=$((total_crashes + crashes))
        corpus=$(( $(find "$OUT/$t" -type f | wc -l) + $(find "fuzz/corpus/$t" -type f | wc -l) ))
        rows+=("| $t | ${execs:-0} | $crashes | $corpus |")
    done
    HEADER="| target | executions | crashes, hangs, OOM | corpus size (seeds + found) |"
    ;;
afl)
    if ! cargo afl --version >/dev/null 2>&1; then
        echo "[fuzz] installing cargo-afl (builds AFL++; needs a C compiler and make)" >&2
        cargo install cargo-afl --locked
    fi
    # not --locked: the path crates' dependencies move with the workspace (fuzz/Cargo.lock follows)
    (cd fuzz && cargo afl build --release)
    BIN="$PWD/fuzz/target/release"
    VERSION="cargo-afl $(cargo afl --version 2>/dev/null | head -1 | awk '{print $2}')"
    export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1
    export AFL_SKIP_CRASHES=1 AFL_NO_AFFINITY=1
    for t in "${TARGETS[@]}"; do
        rm -rf "${OUT:?}/$t"
        mkdir -p "$OUT/$t"
        echo "[fuzz] $t for ${SECONDS_EACH}s" >&2
        # -V: stop after SECONDS; -t: 1 s per input is a hang
        cargo afl fuzz -V "$SECONDS_EACH" -t 1000 -i "fuzz/corpus/$t" -o "$OUT/$t" "$BIN/$t" \
            >"$OUT/$t.log" 2>&1 || { echo "[fuzz] afl-fuzz failed for $t:" >&2; tail -20 "$OUT/$t.log" >&2; exit 1; }
        stats="$OUT/$t/default/fuzzer_stats"
        execs=$(awk -F: '/^execs_done/ {gsub(/ /,"",$2); print $2}' "$stats")
        crashes=$(awk -F: '/^saved_crashes/ {gsub(/ /,"",$2); print $2}' "$stats")
        hangs=$(awk -F: '/^saved_hangs/ {gsub(/ /,"",$2); print $2}' "$stats")
        corpus=$(awk -F: '/^corpus_count/ {gsub(/ /,"",$2); print $2}' "$stats")
        if [ "${crashes:-0}" != 0 ] || [ "${hangs:-0}" != 0 ]; then
            keep_crashes "$t" "$OUT/$t/default/crashes/"id* "$OUT/$t/default/hangs/"id*
        fi
        total_crashes=$((total_crashes + ${crashes:-0} + ${hangs:-0}))
        rows+=("| $t | $execs | $((${crashes:-0} + ${hangs:-0})) | $corpus |")
    done
    HEADER="| target | executions | crashes, hangs | corpus size |"
    ;;
*)
    echo "[fuzz] unknown engine $ENGINE (libfuzzer or afl)" >&2
    exit 2
    ;;
esac

{
    limit_text="${SECONDS_EACH} s per target"
    [ "$RUNS" != 0 ] && limit_text="$RUNS executions per target (at most ${SECONDS_EACH} s)"
    echo "Fuzzing run of $(date -u +%Y-%m-%dT%H:%MZ), $limit_text, $VERSION, $(nproc) cores"
    echo
    echo "$HEADER"
    echo "|---|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
} | tee "$RESULTS"
if [ "$total_crashes" != 0 ]; then
    echo "[fuzz] $total_crashes crash/hang inputs copied to fuzz/regressions/: fix, then commit them" >&2
    exit 1
fi
