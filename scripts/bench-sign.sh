#!/usr/bin/env bash
# Signs and verifies a 1 GiB file (CAdES .p7m, streaming) and compares the wall time with
# `sha256sum` of the same file; peak RSS from /usr/bin/time -v. Numbers for the README.
#
#   ./scripts/bench-sign.sh [SIZE_MIB]      (default 1024)
#
# The signature uses the simulated card's TEST key in software: a real card adds one RSA
# signature (about a second) and nothing proportional to the file.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1024}"
work="$(mktemp -d "${TMPDIR:-/tmp}/cns-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cargo build --release -p cns-cades --example bench --locked >&2
bench=target/release/examples/bench
head -c "$((size * 1024 * 1024))" /dev/urandom > "$work/doc.bin"
# Warm the page cache so every run reads from memory, as the second run of anything would.
cat "$work/doc.bin" > /dev/null

measure() { # label, command...
    local label="$1"; shift
    /usr/bin/time -v "$@" 2> "$work/time.txt" > /dev/null
    local wall rss
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")"
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
    printf '| %s | %s | %s MB |\n' "$label" "$wall" "$((rss / 1024))"
}

echo "| ${size} MiB file | wall time (m:ss) | peak RSS |"
echo "|---|---|---|"
measure "sha256sum" sha256sum "$work/doc.bin"
measure "openssl dgst -sha256" openssl dgst -sha256 "$work/doc.bin"
measure "sign (.p7m, attached)" "$bench" sign "$work/doc.bin" "$work/doc.bin.p7m"
cat "$work/doc.bin.p7m" > /dev/null
measure "verify (and extract)" "$bench" verify "$work/doc.bin.p7m"
