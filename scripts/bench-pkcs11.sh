#!/usr/bin/env bash
# Login + one signature through a PKCS#11 module, ours (crates/cns-pkcs11) next to OpenSC's, on the
# simulated card through one private pcscd and the vsmartcard vpcd virtual reader (release builds),
# the way a browser does it: one `pkcs11-tool --login --pin 12345 --sign --mechanism M --id 01`
# process per run (C_Initialize, slot and token discovery, C_Login, C_Sign, C_Finalize).
#
#   * the classic card (mode standard): ours and OpenSC's, with SHA256-RSA-PKCS (what TLS 1.2
#     client authentication asks for) and with RSA-PKCS (the padding only, the hash already done);
#   * the 2025 applet card (mode applet2025): ours; OpenSC's is tried and its failure reported.
#
# APDUs: the ones the simulated card logged (cns-sim-vpcd -v) during the first run; wall time: the
# median of RUNS runs, process start included. A run that fails is reported as failing, with its
# error, and not timed. Prints a Markdown table (the README's browser section).
# Needs root (private pcscd), like scripts/test.sh. Environment: RUNS (default 21),
# BENCH_VPCD_PORT (default 38975), OPENSC_MODULE (default Debian's opensc-pkcs11.so).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-21}"
PORT="${BENCH_VPCD_PORT:-38975}"
TRIPLET="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)"
OPENSC="${OPENSC_MODULE:-/usr/lib/$TRIPLET/opensc-pkcs11.so}"
./scripts/setup-debian.sh
cargo build --release --locked -p cns-manager -p cns-vpcd --bins
cargo build --release --locked -p cns-pkcs11 --lib
BIN=target/release
OURS="$(realpath "$BIN/libcns_pkcs11.so")"
[ -f "$OPENSC" ] || { echo "[bench] $OPENSC missing (apt install opensc-pkcs11)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cns-bench-p11.XXXXXX")"
. ./scripts/bench-rig.sh
head -c 3000 /dev/urandom >"$WORK/doc"

# VERIFY commands that carried a PIN (the empty counter queries have no Lc).
pin_sent() { grep ': APDU 00 20 00 ' "$WORK/card.log" | grep -c 'Lc=' || true; }
# The PIN tries the card has left, asked without spending one.
tries() { "$BIN/cns-manager" status --json --reader "$READER" | python3 -c 'import json,sys; t = json.load(sys.stdin)["pin"]["tries_left"]; print("unknown" if t is None else t)'; }
sign() { # sign MODULE MECHANISM
    pkcs11-tool --module "$1" --slot-description "$READER" --login --pin 12345 --sign --mechanism "$2" \
        --id 01 --input-file "$WORK/doc.in" --output-file "$WORK/sig"
}
# bench CARD MODULE-NAME MODULE MECHANISM
bench() {
    local card="$1" name="$2" module="$3" mech="$4" before after t0 t1 err
    # RSA-PKCS pads what it is given: give it a SHA-256 DigestInfo, as a TLS stack would.
    if [ "$mech" = RSA-PKCS ]; then
        { printf '\x30\x31\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x04\x20'
          openssl dgst -sha256 -binary "$WORK/doc"; } >"$WORK/doc.in"
    else
        cp "$WORK/doc" "$WORK/doc.in"
    fi
    before=$(apdus)
    local pins=$(pin_sent)
    if ! sign "$module" "$mech" >"$WORK/first.out" 2>&1; then
        after=$(apdus)
        err="$(grep -o 'CKR_[A-Z_]*' "$WORK/first.out" | tail -1)"
        [ -n "$err" ] || err="$(grep -iE 'error|fail' "$WORK/first.out" | head -1 | tr '|' '/')"
        printf '| %s | %s | %s | %s | – | PIN sent %s×, then fails: %s |\n' "$card" "$name" "$mech" \
            "$((after - before))" "$(($(pin_sent) - pins))" "${err:-exit code $?}"
        return 0
    fi
    after=$(apdus)
    pins=$(($(pin_sent) - pins))
    for _ in $(seq 1 "$RUNS"); do
        t0=$(now_ns)
        sign "$module" "$mech" >/dev/null 2>&1 || { echo "[bench] $name $mech failed on a later run" >&2; exit 1; }
        t1=$(now_ns)
        echo $((t1 - t0))
    done | median >"$WORK/median"
    local check="PIN sent ${pins}×, signed"
    if [ "$mech" = SHA256-RSA-PKCS ]; then
        "$BIN/cns-manager" export-cert --reader "$READER" --out "$WORK/cert.pem" --pem >/dev/null
        openssl x509 -pubkey -noout -in "$WORK/cert.pem" >"$WORK/pub.pem"
        openssl dgst -sha256 -verify "$WORK/pub.pem" -signature "$WORK/sig" "$WORK/doc" >/dev/null \
            && check="$check, \`openssl dgst -verify\`: OK" || check="$check, but the signature does NOT verify"
    fi
    printf '| %s | %s | %s | %s | %s ms | %s |\n' "$card" "$name" "$mech" "$((after - before))" \
        "$(ms "$(cat "$WORK/median")")" "$check"
}

echo "Login + one signature, one \`pkcs11-tool\` process per run, through pcscd $PCSCD_VERSION and vpcd; $RUNS runs each, median:"
echo
echo "| card | module | mechanism | APDUs | wall time | result |"
echo "|---|---|---|---:|---:|---|"
start_card standard classic
bench "classic (standard)" "ours" "$OURS" SHA256-RSA-PKCS
bench "classic (standard)" "ours" "$OURS" RSA-PKCS
tries_ours="$(tries)"
opensc_version="$(opensc-tool --info 2>/dev/null | head -1 | awk '{print $2}')"
bench "classic (standard)" "OpenSC $opensc_version" "$OPENSC" SHA256-RSA-PKCS
bench "classic (standard)" "OpenSC $opensc_version" "$OPENSC" RSA-PKCS
tries_opensc="$(tries)"
# The PIN's empty VERIFY (reference 10 on this card) of that last status read, as the card
# answered it (63Cx: not verified, x tries left; 9000: the PIN is still verified from a session
# that ended without resetting the card).
empty_verify="$(grep ': APDU 00 20 00 10 ' "$WORK/card.log" | tail -1 | sed 's/^cns-sim-vpcd: //; s/ (.*//')"
opensc_mechs="$(pkcs11-tool --module "$OPENSC" --slot-description "$READER" -M 2>/dev/null | grep -m1 'RSA-PKCS,' | sed 's/^ *//')"
stop_card
start_card applet2025 applet2025 1
bench "2025 applet (applet2025)" "ours" "$OURS" SHA256-RSA-PKCS
bench "2025 applet (applet2025)" "OpenSC" "$OPENSC" SHA256-RSA-PKCS
tries_applet="$(tries)"
stop_card
echo
echo "PIN tries left (\`cns-manager status\`, 3 = no try spent): classic card after our module's runs: $tries_ours; after OpenSC's: $tries_opensc (last empty VERIFY: $empty_verify); applet card after ours: $tries_applet."
echo "OpenSC's mechanism list for the classic card: $opensc_mechs"
echo "Machine: $(nproc) cores, $(uname -m), $(. /etc/os-release; echo "$PRETTY_NAME"), $(date -u '+%Y-%m-%d %H:%M UTC')."

