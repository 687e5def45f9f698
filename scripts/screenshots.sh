#!/usr/bin/env bash
# Retakes the README's screenshots (assets/screenshots/) from the real window under Xvfb, in demo
# mode, driving it with xdotool the way a person would. Look at every picture before committing.
#
#   ./scripts/screenshots.sh [BINARY]      default: target/debug/cns-manager (built if missing)
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

# One session: start the app with its own empty config, run the steps, stop it by pid.
#   session NAME [APP ARGS...] < steps
# Steps (one per line): "shot FILE" | "click X Y" | "type DIGITS" | "key KEY" | "wait SECONDS"
session() {
    local name="$1"; shift
    cat > "$WORK/$name.steps"
    cat > "$WORK/$name.sh" <<EOF
#!/usr/bin/env bash
set -u
export XDG_RUNTIME_DIR="$WORK" XDG_CONFIG_HOME="$WORK/config-$name" HOME="$WORK"
# A bare X server: no desktop portal, so the window offers its own path fields for files.
unset DBUS_SESSION_BUS_ADDRESS
"$BIN" --demo $* &
app=\$!
w=\$(timeout 30 xdotool search --sync --name "CNS Manager" | head -1)
sleep 2
xdotool windowfocus --sync "\$w"
sleep 1.5
while read -r verb a b; do
    case "\$verb" in
        shot) sleep 1; import -window "\$w" "$OUT/\$a" ;;
        click) xdotool mousemove --window "\$w" "\$a" "\$b" click 1; sleep 0.8 ;;
        type) xdotool type --delay 60 "\$a"; sleep 0.3 ;;
        key) xdotool key "\$a"; sleep 0.8 ;;
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
mkdir -p "$WORK/documenti"
printf '%%PDF-1.7 delibera di giunta\n%.0s' $(seq 150) > "$WORK/documenti/delibera.pdf"
( export HOME="$WORK" XDG_CONFIG_HOME="$WORK/config-verify"
  "$BIN" ca import crates/cns-sim/fixtures/ca-toscana-test.der >/dev/null
  printf '12345\n' | "$BIN" --demo sign "$WORK/documenti/delibera.pdf" --stdin >/dev/null )
session verify <<EOF
click 370 465
click 337 138
click 612 211
key ctrl+a
type $WORK/documenti/delibera.pdf.p7m
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
# it, both empty NSS databases made by certutil in the session's home ($WORK), the module the one
# beside the binary; then "Registra il modulo" and its question.
if command -v certutil >/dev/null && command -v modutil >/dev/null && [ -f "$(dirname "$BIN")/libcns_pkcs11.so" ]; then
    mkdir -p "$WORK/.mozilla/firefox/k3x9.default-release" "$WORK/.pki/nssdb"
    printf '[Profile0]\nName=default-release\nIsRelative=1\nPath=k3x9.default-release\n' \
        >"$WORK/.mozilla/firefox/profiles.ini"
    certutil -N --empty-password -d "sql:$WORK/.mozilla/firefox/k3x9.default-release"
    certutil -N --empty-password -d "sql:$WORK/.pki/nssdb"
    PCSCLITE_CSOCK_NAME="$WORK/no-pcscd" modutil -add "CNS (cns-manager)" \
        -libfile "$(dirname "$BIN")/libcns_pkcs11.so" -dbdir "sql:$WORK/.pki/nssdb" -force >/dev/null
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

ls -l "$OUT"
