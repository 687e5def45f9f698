#!/usr/bin/env bash
# Retakes the README's screenshots (assets/screenshots/) from the real window under Xvfb, in demo
# mode, driving it with xdotool the way a person would. Look at every picture before committing.
#
#   ./scripts/screenshots.sh [BINARY]      default: target/debug/cns-manager (built if missing)
#   SHOTS_OUT=DIR (default assets/screenshots), SHOTS_ONLY="sessions to run" (default all)
#
# Needs: xvfb (xvfb-run), xdotool, imagemagick (import), as installed by setup-debian.sh.
# Coordinates are those of the 960x640 window at 100 % and must follow layout changes.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-target/debug/cns-manager}"
[ -x "$BIN" ] || cargo build -p cns-manager --locked
BIN="$(realpath "$BIN")"
OUT="${SHOTS_OUT:-$PWD/assets/screenshots}"
mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cns-shots.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
chmod 700 "$WORK"

# Each session gets its own home, $WORK/NAME/utente. Where a private mount namespace is allowed
# (unshare; as root, or with user namespaces) $WORK/NAME is bound onto /home for the app alone, so
# the pictures show /home/utente/... rather than a scratch path; nothing outside $WORK is written.
if unshare -m true 2>/dev/null; then NS="unshare -m"
elif unshare -rm true 2>/dev/null; then NS="unshare -rm"
else NS=""; fi
# The home path the app sees, and the real directory behind it.
app_home() { if [ -n "$NS" ]; then echo /home/utente; else echo "$WORK/$1/utente"; fi; }
real_home() { mkdir -p "$WORK/$1/utente"; echo "$WORK/$1/utente"; }

# One session: start the app with its own empty config, run the steps, stop it by pid.
#   [SESSION_ENV="VAR=value ..."] session NAME [APP ARGS...] < steps
# Steps (one per line): "shot FILE" | "click X Y" | "type DIGITS" | "key KEY" | "wait SECONDS" |
# "scroll X Y NOTCHES" (the wheel, down, with the pointer at X Y)
session() {
    local name="$1"; shift
    if [ -n "${SHOTS_ONLY:-}" ] && [[ " $SHOTS_ONLY " != *" $name "* ]]; then cat >/dev/null; return; fi
    local home; home="$(app_home "$name")"
    real_home "$name" >/dev/null
    cat > "$WORK/$name.steps"
    cat > "$WORK/$name.sh" <<EOF
#!/usr/bin/env bash
set -u
export XDG_RUNTIME_DIR="$WORK" HOME="$home" XDG_CONFIG_HOME="$home/.config"
# A bare X server: no desktop portal, so the window offers its own path fields for files.
unset DBUS_SESSION_BUS_ADDRESS
if [ -n "$NS" ]; then
    $NS sh -c 'mount --bind "\$0" /home && exec "\$@"' "$WORK/$name" env ${SESSION_ENV:-} "$BIN" --demo $* &
else
    env ${SESSION_ENV:-} "$BIN" --demo $* &
fi
app=\$!
# The title is the language's: "Gestione Tessera Sanitaria" or "CNS Manager".
w=\$(timeout 30 xdotool search --sync --name "Gestione Tessera Sanitaria|CNS Manager" | head -1)
sleep 2
xdotool windowfocus --sync "\$w"
# The pointer starts mid-screen, on a button in some layouts: park it outside the window.
xdotool mousemove 1599 999
sleep 1.5
while read -r verb a b c; do
    case "\$verb" in
        shot) sleep 1; import -window "\$w" "$OUT/\$a" ;;
        click) xdotool mousemove --window "\$w" "\$a" "\$b" click 1; sleep 0.8 ;;
        type) xdotool type --delay 60 "\$a"; sleep 0.3 ;;
        key) xdotool key "\$a"; sleep 0.8 ;;
        scroll) xdotool mousemove --window "\$w" "\$a" "\$b" click --repeat "\$c" --delay 80 5; sleep 0.8 ;;
        wait) sleep "\$a" ;;
    esac
done < "$WORK/$name.steps"
kill "\$app"; wait "\$app" 2>/dev/null || true
EOF
    chmod +x "$WORK/$name.sh"
    xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" "$WORK/$name.sh" > "$WORK/$name.log" 2>&1 || true
    echo "[shots] $name done"
}

# Status, change PIN (step 2 of 3) and its result.
session change <<'EOF'
shot status.png
click 330 421
type 12345
key Return
shot change-pin-step.png
type 24680
key Return
type 24680
key Return
wait 1.5
shot change-pin-done.png
EOF

# English.
session english --lang en <<'EOF'
shot status-english.png
EOF

# Two wrong PINs ("Riprova" has the focus on the result screen), then the last-try confirmation.
session lasttry <<'EOF'
click 446 421
type 11111
key Return
wait 1.5
key Return
type 11111
key Return
wait 1.5
key Return
type 11111
key Return
shot last-try-confirmation.png
EOF

# Counter mode: the card is pulled out ("Rimuovi la tessera"; the larger top bar wraps onto two
# lines, which moves everything below it down).
session counter --counter <<'EOF'
shot counter-mode.png
click 134 332
wait 1.5
shot counter-mode-removed.png
EOF

# "Verifica un documento": a file the demo card signed (the CLI, PIN on stdin), its issuer (the
# simulated card's test CA) imported as trusted, chosen through the window's path field; the
# result page.
V="$(real_home verify)"
mkdir -p "$V/Documenti"
printf '%%PDF-1.7 delibera di giunta\n%.0s' $(seq 150) > "$V/Documenti/delibera.pdf"
( export HOME="$V" XDG_CONFIG_HOME="$V/.config"
  "$BIN" ca import crates/cns-sim/fixtures/ca-toscana-test.der >/dev/null
  printf '12345\n' | "$BIN" --demo sign "$V/Documenti/delibera.pdf" --stdin >/dev/null )
session verify <<EOF
click 370 465
click 337 138
click 612 211
key ctrl+a
type $(app_home verify)/Documenti/delibera.pdf.p7m
key Return
click 316 244
wait 2
shot verify-document.png
EOF

# The Diagnostica page (top bar), on the demo card.
session diagnostics <<'EOF'
click 860 17
wait 3
shot diagnostics.png
EOF

# "Usa la tessera nel browser": a Firefox profile without the module and a Chromium database with
# it, both empty NSS databases made by certutil in the session's home, the module the one
# beside the binary; then "Registra il modulo" and its question.
if command -v certutil >/dev/null && command -v modutil >/dev/null && [ -f "$(dirname "$BIN")/libcns_pkcs11.so" ]; then
    B="$(real_home browser)"
    mkdir -p "$B/.mozilla/firefox/k3x9.default-release" "$B/.pki/nssdb"
    printf '[Profile0]\nName=default-release\nIsRelative=1\nPath=k3x9.default-release\n' \
        >"$B/.mozilla/firefox/profiles.ini"
    certutil -N --empty-password -d "sql:$B/.mozilla/firefox/k3x9.default-release"
    certutil -N --empty-password -d "sql:$B/.pki/nssdb"
    PCSCLITE_CSOCK_NAME="$WORK/no-pcscd" modutil -add "CNS (cns-manager)" \
        -libfile "$(dirname "$BIN")/libcns_pkcs11.so" -dbdir "sql:$B/.pki/nssdb" -force >/dev/null
    session browser <<'EOF'
click 577 465
wait 1
shot browser-setup.png
click 365 390
shot browser-setup-confirm.png
EOF
else
    echo "[shots] browser page skipped: needs certutil, modutil (libnss3-tools) and libcns_pkcs11.so beside $BIN"
fi

# "Firma un documento": a document in the session's home, chosen through the window's path field;
# the PIN step, the demo PIN typed (dots).
S="$(real_home sign)"
mkdir -p "$S/Documenti"
printf '%%PDF-1.7 delibera di giunta\n%.0s' $(seq 150) > "$S/Documenti/delibera.pdf"
session sign <<EOF
click 703 421
click 337 138
click 612 211
key ctrl+a
type $(app_home sign)/Documenti/delibera.pdf
key Return
type 12345
shot sign-document.png
EOF

# The 2025 applet card: "Tipo di tessera", then "Dettagli tecnici" open, scrolled into view.
session applet <<'EOF'
click 130 430
click 100 355
wait 1.5
click 350 592
scroll 900 600 10
shot applet-2025.png
EOF

# "Non hai il PIN o il PUK?" with no card ("Rimuovi la tessera", the link): the region chosen
# in the list (Lombardia), its guidance.
session pinhelp <<'EOF'
click 134 255
wait 1.5
click 357 203
wait 1
click 494 179
click 568 330
wait 1
shot pin-help.png
EOF
# "Situazione": PIN and PUK blocked; "Come richiedere una nuova tessera".
session puk <<'EOF'
click 130 366
click 92 517
wait 1.5
click 413 421
shot puk-blocked.png
EOF

# No smart card service: pcscd's socket points nowhere, the demo is left ("Dimostrazione" off).
SESSION_ENV="PCSCLITE_CSOCK_NAME=$WORK/no-pcscd" session noservice <<'EOF'
click 210 17
wait 2
shot no-reader-service.png
EOF

# At 150 %: the zoom as saved by A+ (the window opens grown with it).
Z="$(real_home zoom)"
mkdir -p "$Z/.config/cns-manager"
printf 'zoom = 1.5\n' > "$Z/.config/cns-manager/config.toml"
session zoom <<'EOF'
shot status-150.png
EOF

ls -l "$OUT"
