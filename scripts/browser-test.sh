#!/usr/bin/env bash
# browser-test.sh - the citizen's login with the simulated card in real browsers, on the PKCS#11
# module (target/debug/libcns_pkcs11.so), through a private pcscd and the vpcd virtual reader:
#
#   * Firefox ESR, headless, driven through Marionette (scripts/browser/firefox_login.py): a
#     fresh profile, a TLS 1.2 server asking for a client certificate (openssl s_server -Verify 1
#     trusting the card's CA), Firefox's own PIN prompt answered from a chrome-context script;
#     first load, second load, logout, wrong PIN, card pulled and put back;
#   * Chromium in a real window under Xvfb (scripts/browser/chromium_login.py): the certificate
#     chosen by the AutoSelectCertificateForUrls policy, the PIN typed with xdotool; first load,
#     reload, card pulled and put back (on a second server that resumes no session), and
#     (Chromium restarted) a wrong PIN.
#
# Both for the classic card (mode standard, reader "CNS Browser 00 00"; the module registered
# by `cns-manager browser-setup --yes` in Firefox's profile and Chromium's ~/.pki/nssdb) and for
# the 2025 applet card (mode applet2025, reader "... 00 01"; registered with `modutil -add`).
# Counts come from the card's own log (cns-sim-vpcd -v: APDU headers, never data) and from the
# server's log (one "depth=0" line per full handshake that carried a client certificate).
#
# Needs root (private pcscd, the Chromium policy in /etc/chromium/policies/managed/, removed
# again whatever happens), the binaries built (cargo build -p cns-manager -p cns-pkcs11 -p
# cns-vpcd) and the packages of scripts/setup-debian.sh (firefox-esr, chromium, xvfb, xdotool,
# libnss3-tools, openssl). Every process started is stopped by PID on exit.
# Environment: BIN (default target/debug), BROWSER_VPCD_PORT (default 38801, and +1),
# BROWSER_KEEP=1 keeps the work folder (logs) after a failure.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-target/debug}"
VPCD_PORT="${BROWSER_VPCD_PORT:-38801}"
T0=$SECONDS

STEP="start"
log() { echo "[browsers] $*"; }
fail() { echo "[browsers] FAILED: $STEP: $*" >&2; exit 1; }
step() { STEP="$*"; log "$*"; }

for c in firefox-esr chromium Xvfb xdotool certutil modutil openssl python3 pcscd; do
    command -v "$c" >/dev/null || fail "$c is not installed (scripts/setup-debian.sh)"
done
for f in cns-manager cns-sim-vpcd libcns_pkcs11.so; do
    [ -e "$BIN/$f" ] || fail "$BIN/$f missing (cargo build -p cns-manager -p cns-pkcs11 -p cns-vpcd)"
done
MODULE="$(realpath "$BIN/libcns_pkcs11.so")"
CNS="$(realpath "$BIN/cns-manager")"
SIM="$(realpath "$BIN/cns-sim-vpcd")"
HERE="$(pwd)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cns-browsers.XXXXXX")"
POLICY_DIR=/etc/chromium/policies/managed
POLICY="$POLICY_DIR/cns-browser-test-$$.json"
mkdir -p "$WORK/pids"

rig() { RIG_DIR="$WORK/rig" RIG_PRIVATE_RUN=1 VPCD_PORT="$VPCD_PORT" READER_NAME="CNS Browser" CARD_CMD=none "$HERE/scripts/pcsc-rig.sh" "$@"; }

# Stops a process group started with setsid (a browser and its children) or a single process,
# by the pid in FILE, only while that pid is still the program it was.
stop_pidfile() {
    local f="$1" p
    [ -s "$f" ] || return 0
    p="$(cat "$f")"
    if kill -0 "$p" 2>/dev/null; then
        kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null || true
    fi
    rm -f "$f"
}
cleanup() {
    local rc=$?
    set +e
    rm -f "$POLICY"
    local f
    for f in "$WORK"/pids/*.pid; do stop_pidfile "$f"; done
    exec 3>&-
    rig stop >/dev/null 2>&1
    if [ "$rc" != 0 ]; then
        for f in "$WORK"/card-*.log; do
            [ -s "$f" ] && { echo "[browsers] $(basename "$f") (APDU headers only), tail:"; tail -15 "$f"; }
        done
    fi
    if [ "$rc" != 0 ] && [ "${BROWSER_KEEP:-0}" = 1 ]; then
        echo "[browsers] logs kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "[browsers] FAILED: $STEP (exit $?)" >&2' ERR

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# run_bounded SECONDS CMD...: never waits forever, never reads the terminal
run_bounded() { local t="$1"; shift; timeout --kill-after=10 "$t" "$@" < /dev/null; }

step "PC/SC rig (private pcscd, readers 'CNS Browser 00 00/01')"
rig start >/dev/null
export PCSCLITE_CSOCK_NAME="$WORK/rig/run/pcscd.comm"

step "certificates: a test server CA and the server's certificate; the card's CA"
cd "$WORK"
openssl x509 -inform DER -in "$HERE/crates/cns-sim/fixtures/ca-toscana-test.der" -out card-ca.pem
openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=CNS browser test server CA" -days 2 \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign \
    -keyout srv-ca.key -out srv-ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout srv.key -out srv.csr 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > srv.ext
openssl x509 -req -in srv.csr -CA srv-ca.pem -CAkey srv-ca.key -CAcreateserial -days 2 \
    -extfile srv.ext -out srv.pem 2>/dev/null
cd "$HERE"

step "TLS 1.2 server asking for a client certificate"
SRV_PORT="$(free_port)"
URL="https://127.0.0.1:$SRV_PORT/"
mkfifo "$WORK/srv.in"
exec 3<>"$WORK/srv.in"  # s_server quits at the end of its input: this shell keeps it open
setsid openssl s_server -accept "127.0.0.1:$SRV_PORT" -cert "$WORK/srv.pem" -key "$WORK/srv.key" \
    -Verify 1 -CAfile "$WORK/card-ca.pem" -tls1_2 -www <&3 >> "$WORK/server.log" 2>&1 &  # appends, as the second does
echo $! > "$WORK/pids/server.pid"
for _ in $(seq 1 200); do grep -q '^ACCEPT' "$WORK/server.log" && break; sleep 0.05; done
grep -q '^ACCEPT' "$WORK/server.log" || fail "s_server did not start: $(tail -3 "$WORK/server.log")"

# A second server that resumes no TLS session (no cache, no tickets), so that every load is a
# full handshake the card signs: Chromium resumes sessions on the first one, which would hide
# from the card-change step whether the module still takes the old login. Same log: the counts
# are of full handshakes either way.
step "TLS 1.2 server asking for a client certificate, without session resumption"
SRV2_PORT="$(free_port)"
URL2="https://127.0.0.1:$SRV2_PORT/"
mkfifo "$WORK/srv2.in"
exec 4<>"$WORK/srv2.in"
setsid openssl s_server -accept "127.0.0.1:$SRV2_PORT" -cert "$WORK/srv.pem" -key "$WORK/srv.key" \
    -Verify 1 -CAfile "$WORK/card-ca.pem" -tls1_2 -www -no_cache -no_ticket <&4 >> "$WORK/server.log" 2>&1 &
echo $! > "$WORK/pids/server2.pid"
for _ in $(seq 1 200); do [ "$(grep -c '^ACCEPT' "$WORK/server.log")" -ge 2 ] && break; sleep 0.05; done
[ "$(grep -c '^ACCEPT' "$WORK/server.log")" -ge 2 ] || fail "the second s_server did not start: $(tail -3 "$WORK/server.log")"

step "Xvfb for Chromium"
DISP=""
for n in $(seq 90 140); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then DISP=":$n"; break; fi
done
[ -n "$DISP" ] || fail "no free X display"
setsid Xvfb "$DISP" -screen 0 1280x800x24 -nolisten tcp > "$WORK/xvfb.log" 2>&1 < /dev/null &
echo $! > "$WORK/pids/xvfb.pid"
for _ in $(seq 1 100); do [ -e "/tmp/.X11-unix/X${DISP#:}" ] && break; sleep 0.05; done
[ -e "/tmp/.X11-unix/X${DISP#:}" ] || fail "Xvfb did not start"

step "Chromium policy: AutoSelectCertificateForUrls for $URL and $URL2 (removed at the end)"
mkdir -p "$POLICY_DIR"
printf '{"AutoSelectCertificateForUrls": ["{\\"pattern\\":\\"https://127.0.0.1:%s\\",\\"filter\\":{}}", "{\\"pattern\\":\\"https://127.0.0.1:%s\\",\\"filter\\":{}}"]}\n' \
    "$SRV_PORT" "$SRV2_PORT" > "$POLICY"

# start_card MODE SLOT: the simulated card in reader "CNS Browser 00 0SLOT", logging APDU headers
start_card() {
    local mode="$1" slot="$2" gen
    READER="CNS Browser 00 0$slot"
    CARD_LOG="$WORK/card-$mode.log"
    setsid "$SIM" --port "$((VPCD_PORT + slot))" --mode "$mode" --state "$WORK/card-$mode.toml" -v \
        2> "$CARD_LOG" < /dev/null &
    CARD_PID=$!
    echo "$CARD_PID" > "$WORK/pids/card-$mode.pid"
    gen=classic; [ "$mode" = applet2025 ] && gen=applet2025
    for _ in $(seq 1 300); do
        if run_bounded 30 "$CNS" status --json --reader "$READER" 2>/dev/null | grep -q "\"generation\": \"$gen\""; then
            SERIAL="$(run_bounded 30 "$CNS" status --json --reader "$READER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["card"]["serial"])')"
            return 0
        fi
        sleep 0.1
    done
    fail "the $mode card did not appear in $READER"
}
stop_card() {
    stop_pidfile "$WORK/pids/card-$1.pid"
}

# make_home DIR: a fresh Firefox profile (listed in profiles.ini, where browser-setup looks) and
# a fresh Chromium NSS database, both trusting the test server's CA
make_home() {
    local home="$1" profile="$1/.mozilla/firefox/test.default"
    mkdir -p "$profile" "$home/.pki/nssdb"
    printf '[Profile0]\nName=test\nIsRelative=1\nPath=test.default\nDefault=1\n\n[General]\nStartWithLastProfile=1\nVersion=2\n' \
        > "$home/.mozilla/firefox/profiles.ini"
    local db
    for db in "$profile" "$home/.pki/nssdb"; do
        certutil -N --empty-password -d "sql:$db"
        certutil -A -n "CNS browser test server CA" -t "C,," -i "$WORK/srv-ca.pem" -d "sql:$db"
    done
    MARIONETTE_PORT="$(free_port)"
    # Select Automatically: no certificate chooser; TLS 1.2 at most (the card signs PKCS#1
    # v1.5 only); no network chatter, no favicon request (each would be a handshake more)
    cat > "$profile/user.js" <<PREFS
user_pref("marionette.port", $MARIONETTE_PORT);
user_pref("security.default_personal_cert", "Select Automatically");
user_pref("security.tls.version.max", 3);
user_pref("browser.chrome.site_icons", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("app.update.disabledForTesting", true);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("browser.safebrowsing.update.enabled", false);
user_pref("extensions.update.enabled", false);
PREFS
    PROFILE="$profile"
}

run_firefox() {  # run_firefox CARD-NAME HOME
    run_bounded 600 python3 "$HERE/scripts/browser/firefox_login.py" --firefox firefox-esr \
        --profile "$PROFILE" --home "$2" --url "$URL" --card-log "$CARD_LOG" \
        --server-log "$WORK/server.log" --cns-manager "$CNS" --reader "$READER" --serial "$SERIAL" \
        --pid-file "$WORK/pids/firefox.pid" --firefox-log "$WORK/firefox-$1.log" --card "$1" \
        --marionette-port "$MARIONETTE_PORT" --card-pid "$CARD_PID"
}
run_chromium() {  # run_chromium CARD-NAME HOME
    DISPLAY="$DISP" run_bounded 300 python3 "$HERE/scripts/browser/chromium_login.py" --chromium chromium \
        --home "$2" --user-data-dir "$WORK/chromium-$1" --url "$URL" --url-no-resume "$URL2" --card-log "$CARD_LOG" \
        --server-log "$WORK/server.log" --pid-file "$WORK/pids/chromium.pid" \
        --chromium-log "$WORK/chromium-$1.log" --card "$1" --serial "$SERIAL" \
        --cns-manager "$CNS" --reader "$READER" --card-pid "$CARD_PID"
}

step "classic card: module registered by cns-manager browser-setup --yes"
start_card standard 0
make_home "$WORK/home-classic"
HOME="$WORK/home-classic" CNS_PKCS11_MODULE="$MODULE" run_bounded 120 "$CNS" browser-setup --yes --json \
    > "$WORK/browser-setup.json" || fail "browser-setup --yes failed: $(cat "$WORK/browser-setup.json")"
for db in "$PROFILE" "$WORK/home-classic/.pki/nssdb"; do
    grep -qF "library=$MODULE" "$db/pkcs11.txt" || fail "browser-setup did not register the module in $db"
done
step "classic card: Firefox"
run_firefox classic "$WORK/home-classic" || fail "Firefox (above)"
step "classic card: Chromium"
run_chromium classic "$WORK/home-classic" || fail "Chromium (above)"
stop_card standard

step "2025 applet card: module registered with modutil -add"
start_card applet2025 1
make_home "$WORK/home-applet"
for db in "$PROFILE" "$WORK/home-applet/.pki/nssdb"; do
    modutil -dbdir "sql:$db" -add "CNS (modutil)" -libfile "$MODULE" -force > /dev/null
done
step "2025 applet card: Firefox"
run_firefox applet2025 "$WORK/home-applet" || fail "Firefox (above)"
step "2025 applet card: Chromium"
run_chromium applet2025 "$WORK/home-applet" || fail "Chromium (above)"
stop_card applet2025

log "passed in $((SECONDS - T0)) s ($(firefox-esr --version 2>/dev/null), $(chromium --version 2>/dev/null | head -1 | sed 's/ built on.*//'))"
