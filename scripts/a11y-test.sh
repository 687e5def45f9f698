#!/usr/bin/env bash
# The window through the real Linux accessibility stack (what Orca reads): the demo app under
# Xvfb, on a private D-Bus session bus with at-spi2-core, AT-SPI switched on; then
# tests/a11y/atspi_check.py reads the tree with pyatspi, walks the "Cambia PIN" wizard and the
# last-try confirmation, and prints "a11y: N passed, M failed".
#
#   ./scripts/a11y-test.sh [BINARY]     default: target/debug/cns-manager (built if missing)
#
# Needs xvfb, dbus (dbus-daemon), at-spi2-core, python3-pyatspi, gir1.2-atspi-2.0, xdotool (as
# installed by setup-debian.sh). Every process it starts is stopped by its pid, the bus's own
# children (the AT-SPI bus launcher and registry) included. A time limit bounds the whole run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-target/debug/cns-manager}"
[ -x "$BIN" ] || cargo build -p cns-manager --locked
BIN="$(realpath "$BIN")"
LIMIT="${A11Y_TIMEOUT:-150}"
# Debian's python3, which has python3-pyatspi (not a python of pyenv or a virtualenv).
PYTHON="${A11Y_PYTHON:-/usr/bin/python3}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cns-a11y.XXXXXX")"
chmod 700 "$WORK"
mkdir -p "$WORK/home" "$WORK/xdg"
chmod 700 "$WORK/xdg"
pids=()

# A process's descendants, deepest first, found by parent pid.
descendants() {
    local child
    for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
        descendants "$child"
        echo "$child"
    done
}
stop_all() {
    local i p all=()
    # the last started first: the app before its bus and its X server
    for (( i=${#pids[@]}-1; i>=0; i-- )); do
        p="${pids[$i]}"
        all+=($(descendants "$p") "$p")
    done
    # One at a time, children before their parent, so that each parent is still there to reap
    # its child (a dead or zombie process counts as gone).
    for p in "${all[@]}"; do
        kill "$p" 2>/dev/null || true
        for _ in $(seq 50); do gone "$p" && break; sleep 0.1; done
        gone "$p" || kill -9 "$p" 2>/dev/null || true
    done
}
gone() {
    [ ! -e "/proc/$1/stat" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]
}
cleanup() {
    local rc=$?
    stop_all
    if [ "$rc" != 0 ] && [ -s "$WORK/app.log" ]; then
        echo "[a11y] app log (tail):"; tail -20 "$WORK/app.log"
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# X server on a free display (it writes the number it took).
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$WORK/display" 2>"$WORK/xvfb.log" &
pids+=($!)
for _ in $(seq 100); do [ -s "$WORK/display" ] && break; sleep 0.1; done
[ -s "$WORK/display" ] || { echo "[a11y] Xvfb did not start" >&2; cat "$WORK/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(head -1 "$WORK/display")"

# A private session bus: nothing of the caller's desktop is read or changed. The AT-SPI bus
# launcher is D-Bus-activated on it.
dbus-daemon --session --nofork --nopidfile --print-address=3 3>"$WORK/bus" 2>"$WORK/dbus.log" &
pids+=($!)
for _ in $(seq 100); do [ -s "$WORK/bus" ] && break; sleep 0.1; done
[ -s "$WORK/bus" ] || { echo "[a11y] dbus-daemon did not start" >&2; exit 1; }
export DBUS_SESSION_BUS_ADDRESS="$(head -1 "$WORK/bus")"
unset AT_SPI_BUS_ADDRESS
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_RUNTIME_DIR="$WORK/xdg"
export A11Y_WORK="$WORK"

# AccessKit publishes the tree only while the session says accessibility is on (as Orca sets it).
gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
    --method org.freedesktop.DBus.Properties.Set org.a11y.Status IsEnabled "<true>" >/dev/null

# A11Y_ORCA_LOG=FILE: Orca listens too (not in CI: it is not needed for the checks), and what it
# would have said (its "SPEECH OUTPUT" debug lines) is copied to FILE.
if [ -n "${A11Y_ORCA_LOG:-}" ]; then
    orca -r -d speech -d braille --debug-file "$WORK/orca.debug" >"$WORK/orca.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do grep -q "SPEECH OUTPUT" "$WORK/orca.debug" 2>/dev/null && break; sleep 0.2; done
fi

"$BIN" --demo --lang it >"$WORK/app.log" 2>&1 &
pids+=($!)
window="$(timeout 30 xdotool search --sync --onlyvisible --name "Gestione Tessera Sanitaria" | head -1)"
[ -n "$window" ] || { echo "[a11y] the window did not appear" >&2; exit 1; }
# Keyboard focus for xdotool's typing (no window manager gives it), and AT-SPI's focused state
# follows the window's.
xdotool windowfocus --sync "$window"

timeout "$LIMIT" "$PYTHON" tests/a11y/atspi_check.py run "$window" &
pids+=($!)
rc=0
wait $! || rc=$?
if [ -n "${A11Y_ORCA_LOG:-}" ]; then
    grep "SPEECH OUTPUT" "$WORK/orca.debug" >"$A11Y_ORCA_LOG" || true
fi
exit "$rc"
