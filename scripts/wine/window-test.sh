#!/usr/bin/env bash
# The Windows build's window, under Wine on a private Xvfb, driven through a PIN verify as a
# citizen would (keyboard and mouse, through xdotool), and checked by what it SHOWS: each screen
# is photographed and read back by OCR (tesseract, Italian), looking for the catalog's own words
# (assets/i18n/it). The demo card's VERIFY commands are counted in the program's APDU log
# (CNS_LOG=cns::apdu=trace: headers and lengths only, a PIN is logged as "<8 secret bytes>").
#
#   scripts/wine/window-test.sh [EXE]   default: target/x86_64-pc-windows-gnu/release/cns-manager.exe
#
# The flow: the status page says 3 tries; "Verifica PIN" (clicked where OCR reads it) opens the
# wizard; a wrong PIN -> "PIN errato", 2 tries left, one VERIFY sent; "Riprova"; a 3-digit PIN ->
# refused in the window ("Troppo corto"), still 2 tries, nothing sent; the right PIN (12345, the
# demo card's, on the numeric keypad) -> "Il PIN è corretto", two VERIFYs in all; back on the
# status page, 3 tries again, and no typed PIN in the log. Then the program again with Windows
# set to 150 % (144 dpi): a 1440x960 window whose status page OCR still reads.
# Screenshots of every step go to target/windows/wine-window-N-STEP.png; a failure names the step
# and its screenshot. Every wait has a timeout; the Xvfb, the program and the Wine prefix are
# ended by PID (and wineserver -k on this prefix alone) whatever ends the run.
# Needs (setup-debian.sh): wine, mingw-w64 (the ProcessPrng shim), xvfb, xdotool, imagemagick,
# tesseract-ocr and tesseract-ocr-ita. Cost: 35-50 s on the shared 2-core machine, 12-18 s of it
# creating the Wine prefix and opening the window.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO="$PWD"
EXE="$(realpath "${1:-target/x86_64-pc-windows-gnu/release/cns-manager.exe}")"
SHOTS="$REPO/target/windows"
CATALOG="$REPO/assets/i18n/it"
TITLE="Gestione Tessera Sanitaria"
DEMO_PIN=12345

STEP="start"
SHOT=""
fail() {
    echo "[windows] FAILED: wine-window, step $STEP: $*${SHOT:+ (screenshot: ${SHOT#"$REPO/"})}" >&2
    exit 1
}
log() { echo "[windows] wine-window: $*"; }

DIR="" XVFB_PID="" APP_PID=""
# Everything this run started, by PID, and this run's Wine prefix alone.
# Each command may fail (a process already gone): none may end the clean-up early.
cleanup() {
    set +e
    if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; fi
    if [ -n "$DIR" ]; then WINEPREFIX="$DIR/prefix" timeout 30 wineserver -k 2>/dev/null; fi
    if [ -n "$XVFB_PID" ]; then
        kill "$XVFB_PID" 2>/dev/null
        wait "$XVFB_PID" 2>/dev/null
    fi
    if [ -n "$DIR" ]; then rm -rf "$DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in wine wineboot wineserver x86_64-w64-mingw32-gcc Xvfb xdotool import convert compare tesseract; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/setup-debian.sh installs it)"
done
tesseract --list-langs 2>/dev/null | grep -qx ita || fail "tesseract's Italian data is missing (tesseract-ocr-ita)"
[ -s "$EXE" ] || fail "$EXE was not built (scripts/windows.sh, step release)"
mkdir -p "$SHOTS"
rm -f "$SHOTS"/wine-window-*.png "$SHOTS"/wine-window-*.txt
DIR="$(mktemp -d "${TMPDIR:-/tmp}/cns-wine-window.XXXXXX")"

# A fresh prefix with the ProcessPrng shim, as windows.sh's smoke test makes it; the overrides
# keep Wine from offering Mono and Gecko and from writing menu entries on this machine.
new_prefix() {
    export WINEPREFIX="$DIR/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe="
    timeout 120 wineboot --init </dev/null >/dev/null 2>&1 || fail "wineboot could not create the Wine prefix"
    timeout 60 wineserver -w || fail "the Wine prefix did not settle within 60 s"
    x86_64-w64-mingw32-gcc -O2 -Wall -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
        "$REPO/scripts/wine/processprng-shim.c" -lbcrypt || fail "the ProcessPrng shim did not build"
}

# An X server of its own on a free display (-displayfd: Xvfb picks it and says which).
start_xvfb() {
    Xvfb -displayfd 3 -screen 0 1600x1100x24 -nolisten tcp 3>"$DIR/display" </dev/null 2>"$DIR/xvfb.log" &
    XVFB_PID=$!
    local _
    for _ in $(seq 50); do
        [ -s "$DIR/display" ] && break
        kill -0 "$XVFB_PID" 2>/dev/null || fail "Xvfb exited: $(tail -3 "$DIR/xvfb.log")"
        sleep 0.2
    done
    [ -s "$DIR/display" ] || fail "Xvfb gave no display within 10 s"
    DISPLAY=":$(head -1 "$DIR/display")"
    export DISPLAY
}

# xdotool against a display that could die: never wait for it for long.
xdo() { timeout 15 xdotool "$@"; }

# The window, in Italian, at the app's 100 % (a fresh prefix has no settings), the APDU log (on
# stderr) in LOG; its size must be GEOMETRY, what the app asks for at Windows' current dpi.
start_window() {
    local expected=$1 app_log=$2
    cp "$EXE" "$DIR/cns-manager.exe"
    (cd "$DIR" && CNS_LOG=cns::apdu=trace NO_COLOR=1 exec timeout 300 wine ./cns-manager.exe --lang it --demo \
        </dev/null >"$DIR/app.out" 2>"$app_log") &
    APP_PID=$!
    local deadline=$((SECONDS + 60))
    WIN=""
    while [ -z "$WIN" ]; do
        kill -0 "$APP_PID" 2>/dev/null || fail "the program ended before its window opened: $(tail -5 "$app_log")"
        [ "$SECONDS" -lt "$deadline" ] || fail "no window titled \"$TITLE\" within 60 s"
        sleep 0.5
        # Wine creates the window unmapped: only a viewable one can take the focus.
        WIN="$(xdo search --onlyvisible --name "^$TITLE\$" | head -1)" || true
    done
    until xdo windowfocus --sync "$WIN" 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || fail "the window could not be given the keyboard focus within 60 s"
        sleep 0.5
    done
    local geometry
    geometry="$(xdo getwindowgeometry "$WIN" | awk '/Geometry:/ { print $2 }')"
    [ "$geometry" = "$expected" ] || fail "the window is $geometry pixels, expected $expected"
    park_pointer
}

# The pointer starts mid-screen, maybe on a button: out of the window, in the screen's corner.
park_pointer() { xdo mousemove 1599 1099; }

stop_window() {
    kill "$APP_PID" 2>/dev/null || true
    local _
    for _ in $(seq 40); do
        kill -0 "$APP_PID" 2>/dev/null || break
        sleep 0.5
    done
    kill -KILL "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

# The text the catalog gives for message ID, which must contain TEXT ({ $var } placeholders as
# written there); prints TEXT with the placeholders filled from the VAR=VALUE arguments.
catalog_text() {
    local id=$1 text=$2 block kv
    shift 2
    block="$(awk -v id="$id" '$1 == id && $2 == "=" { f = 1; print; next }
        f && /^[ \t]/ { print; next } { f = 0 }' "$CATALOG"/*.ftl)"
    [ -n "$block" ] || fail "the catalog has no message $id (assets/i18n/it): update scripts/wine/window-test.sh"
    [[ "$block" == *"$text"* ]] ||
        fail "the catalog's $id no longer says \"$text\" (assets/i18n/it): update scripts/wine/window-test.sh"
    for kv in "$@"; do
        text="${text//"{ \$${kv%%=*} }"/${kv#*=}}"
    done
    printf '%s' "$text"
}

# Photographs the window as the next numbered step's screenshot, and reads it: $OCR.txt (text)
# and $OCR.tsv (words with their boxes). Twice the size in grey reads egui's small text reliably.
N=0
shoot_and_read() {
    N=$((N + 1))
    SHOT="$SHOTS/wine-window-$N-$STEP.png"
    OCR="$DIR/ocr-$N"
    shoot_settled
    convert "$SHOT" -resize 200% -colorspace Gray "$OCR.png" || fail "imagemagick could not scale the screenshot"
    OMP_THREAD_LIMIT=1 timeout 30 tesseract "$OCR.png" "$OCR" -l ita txt tsv >/dev/null 2>&1 ||
        fail "tesseract could not read the screenshot"
}

# A frame can be caught mid-layout (egui lays a new page out over two frames, and a button read
# there is elsewhere a frame later): the screenshot is taken when two, 0.3 s apart, are the same
# (or after 3 s, for a page that never rests).
shoot_settled() {
    local before="$DIR/before.png" _
    shoot "$before"
    for _ in $(seq 10); do
        sleep 0.3
        shoot "$SHOT"
        compare -metric AE "$before" "$SHOT" null: 2>/dev/null && return 0
        mv -f "$SHOT" "$before"
    done
    mv -f "$before" "$SHOT"
}

shoot() {
    timeout 20 import -window "$WIN" "$1" 2>"$DIR/import.log" || fail "the screenshot failed: $(tail -1 "$DIR/import.log")"
}

# The phrases of ARGS missing from the text of FILE, one a line (exit 1 if any). Compared without
# case, accents, punctuation and one-letter words: OCR reads "I" as "|" and drops some accents.
missing_phrases() {
    python3 - "$@" <<'PY'
import re, sys, unicodedata
def words(s):
    s = "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))
    return " " + " ".join(w for w in re.findall(r"[a-z0-9]+", s) if len(w) > 1 or w.isdigit()) + " "
text = words(open(sys.argv[1], encoding="utf-8").read())
missing = [p for p in sys.argv[2:] if words(p) not in text]
print("\n".join(missing))
sys.exit(1 if missing else 0)
PY
}

# Waits (at most 20 s) until the window shows every phrase; each try is a new screenshot, so the
# last one kept is what the window showed when it passed or when the wait gave up.
expect_screen() {
    local deadline=$((SECONDS + 20)) missing
    while :; do
        shoot_and_read
        missing="$(missing_phrases "$OCR.txt" "$@")" && break
        if [ "$SECONDS" -ge "$deadline" ]; then
            # The OCR text names the demo holder: it goes beside the screenshot, not to the log.
            cp "$OCR.txt" "${SHOT%.png}.txt"
            local read_as="${SHOT#"$REPO/"}"
            fail "the window does not show \"${missing//$'\n'/\", \"}\" after 20 s (read by OCR: ${read_as%.png}.txt)"
        fi
        rm -f "$SHOT"
        N=$((N - 1))
        sleep 0.5
    done
    local shown
    shown="$(printf '"%s", ' "$@")"
    log "step $STEP: the window shows ${shown%, }"
}

# Clicks the middle of PHRASE where OCR found it in the last screenshot (half the read image's
# coordinates), as a user clicks a button by its label.
click_phrase() {
    local xy
    xy="$(python3 - "$OCR.tsv" "$1" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
        if r["level"] == "5" and r["text"].strip()]
want = sys.argv[2].split()
for i in range(len(rows) - len(want) + 1):
    run = rows[i:i + len(want)]
    line = {(r["block_num"], r["par_num"], r["line_num"]) for r in run}
    if len(line) == 1 and [r["text"] for r in run] == want:
        left, top = int(run[0]["left"]), min(int(r["top"]) for r in run)
        right = int(run[-1]["left"]) + int(run[-1]["width"])
        bottom = max(int(r["top"]) + int(r["height"]) for r in run)
        print((left + right) // 4, (top + bottom) // 4)
        break
PY
)"
    [ -n "$xy" ] || fail "no \"$1\" to click on the window (read by OCR)"
    # Over the button first, then the click, as a hand does: a press that comes with the move
    # could be taken where the pointer was before.
    # shellcheck disable=SC2086 # "X Y"
    xdo mousemove --window "$WIN" $xy || fail "the pointer could not be moved onto \"$1\""
    sleep 0.3
    xdo click 1 || fail "the click on \"$1\" failed"
    park_pointer
}

# VERIFY commands with a PIN in them (INS 20 with data) the demo card received, from the APDU
# log; the status reads send VERIFY without data, which only asks for the tries left.
verifies_sent() {
    sed 's/\x1b\[[0-9;]*m//g' "$DIR/app.log" | grep -cE 'cns::apdu: > 00 20 00 [0-9A-F]{2} [0-9A-F]{2} <[0-9]+ secret bytes>' || true
}

expect_verifies() {
    local n
    n="$(verifies_sent)"
    [ "$n" = "$1" ] || fail "the demo card received $n VERIFY commands with a PIN, expected $1 ($2)"
}

type_pin() {
    xdo type --delay 60 "$1" || fail "xdotool could not type"
    xdo key Return || fail "xdotool could not press Enter"
}

# On the numeric keypad, as many type a PIN. Wine under Xvfb sends its 2, 4, 6 and 8 as an arrow
# key with the digit: the field must keep the focus (gui/widgets/pin_entry.rs).
type_pin_on_keypad() {
    local keys=() i
    for ((i = 0; i < ${#1}; i++)); do
        keys+=("KP_${1:i:1}")
    done
    xdo key --delay 60 "${keys[@]}" Return || fail "xdotool could not type on the numeric keypad"
}

# What the window must say, in the catalog's words (a changed message fails here, by name).
VERIFY_BUTTON="$(catalog_text window-verify-pin "Verifica PIN")"
PIN_ACTIVE="$(catalog_text secret-active "PIN attivo")"
THREE_LEFT="$(catalog_text secret-tries-left "Ti restano { \$tries } tentativi" tries=3)"
WIZARD_TITLE="$(catalog_text pin-op-title-verify "Verifica il PIN")"
THREE_LEFT_FOR="$(catalog_text tries-left-for "Ti restano { \$tries } tentativi per il { \$secret }" tries=3 secret=PIN)"
TWO_LEFT_FOR="$(catalog_text tries-left-for "Ti restano { \$tries } tentativi per il { \$secret }" tries=2 secret=PIN)"
WRONG="$(catalog_text secret-wrong "{ \$secret } errato" secret=PIN)"
TWO_LEFT="$(catalog_text tries-left "Ti restano { \$tries } tentativi" tries=2)"
TOO_SHORT="$(catalog_text pin-op-too-short "Troppo corto")"
VERIFIED="$(catalog_text pin-op-verified "Il PIN è corretto")"
TRIES_RESET="$(catalog_text pin-op-verified-next "tentativi sono di nuovo al massimo")"

# The citizen's way through: the mouse for the button on the status page, the keyboard in the
# wizard (the PIN field has the focus; Enter submits; Riprova and Fatto have the focus).
pin_verify_flow() {
    STEP=status
    expect_screen "$VERIFY_BUTTON" "$PIN_ACTIVE" "$THREE_LEFT"
    grep -q 'cns::apdu' "$DIR/app.log" || fail "the APDU log is empty: CNS_LOG did not reach the program"
    expect_verifies 0 "none before the wizard"

    STEP=open-verify
    click_phrase "$VERIFY_BUTTON"
    expect_screen "$WIZARD_TITLE" "$THREE_LEFT_FOR"

    STEP=wrong-pin
    type_pin 54321
    expect_screen "$WRONG" "$TWO_LEFT"
    expect_verifies 1 "one for the wrong PIN"

    STEP=retry
    xdo key Return || fail "xdotool could not press Enter"
    expect_screen "$WIZARD_TITLE" "$TWO_LEFT_FOR"

    STEP=short-pin
    type_pin 123
    expect_screen "$TOO_SHORT" "$TWO_LEFT_FOR"
    expect_verifies 1 "a 3-digit PIN is refused by the window, not sent"

    STEP=right-pin
    xdo key --repeat 3 --delay 40 BackSpace || fail "xdotool could not press Backspace"
    type_pin_on_keypad "$DEMO_PIN"
    expect_screen "$VERIFIED" "$TRIES_RESET"
    expect_verifies 2 "the wrong PIN's and the right one's"

    STEP=status-after
    xdo key Return || fail "xdotool could not press Enter"
    expect_screen "$PIN_ACTIVE" "$THREE_LEFT"
    expect_verifies 2 "nothing more after the wizard"
}

# Windows at 150 % (144 dpi, as many laptops are set): the window grows with it (1.5 x 960x640)
# and its text is drawn at that scale, readable by OCR, not blurred or cut.
at_150_percent() {
    STEP=dpi-150
    stop_window
    timeout 60 wine reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d 144 /f </dev/null >/dev/null 2>&1 ||
        fail "Wine's dpi could not be set to 144"
    start_window 1440x960 "$DIR/app-150.log"
    expect_screen "$VERIFY_BUTTON" "$PIN_ACTIVE" "$THREE_LEFT"
}

# The log keeps headers and lengths only: neither PIN typed may be in it, as digits or as hex.
# Each line's timestamp goes first: its microseconds may hold any 5 digits.
check_log_has_no_pin() {
    STEP=log
    SHOT=""
    local pin hex messages
    messages="$(sed 's/\x1b\[[0-9;]*m//g; s/^[^ ]* //' "$DIR/app.log")"
    for pin in 54321 "$DEMO_PIN"; do
        hex="$(printf '%s' "$pin" | od -An -tx1 | tr -s ' ' | sed 's/^ //; s/ $//' | tr a-f A-F)"
        ! grep -qF "$pin" <<<"$messages" || fail "the APDU log contains a typed PIN, as digits"
        ! grep -qF "$hex" <<<"$messages" || fail "the APDU log contains a typed PIN, as hex bytes"
    done
}

T0=$SECONDS
STEP=prefix
new_prefix
STEP=xvfb
start_xvfb
STEP=window
start_window 960x640 "$DIR/app.log"
log "the window is up on $DISPLAY after $((SECONDS - T0)) s"
pin_verify_flow
check_log_has_no_pin
at_150_percent
log "PIN verify driven through the window: wrong PIN, refused short PIN, right PIN; the window at 150 %; screenshots in ${SHOTS#"$REPO/"}/ ($((SECONDS - T0)) s)"
