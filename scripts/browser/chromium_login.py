#!/usr/bin/env python3
"""The citizen's login with the simulated card in Chromium, in a real window under Xvfb.

Run by scripts/browser-test.sh, which has started Xvfb, the PC/SC rig with the card, the TLS
server, registered the module in $HOME/.pki/nssdb and written the AutoSelectCertificateForUrls
policy (so no certificate chooser opens). Headless Chromium never sends the VERIFY (it blocks
at the PIN dialog), hence the window. This starts Chromium on the page, waits for its "Unlock
Security Device" dialog, types the PIN with xdotool and checks what the card and server saw:

  1. first load: one PIN dialog, one VERIFY, one card signature per full handshake, the
     server verified the card's certificate, no certificate chooser;
  2. a reload (F5): no dialog, no VERIFY (the token stays logged in).

Exit 0 when both passed; otherwise "[browsers] FAILED: chromium <card>: <step>: <why>" and 1.
"""

import argparse
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from firefox_login import Evidence, StepFailed, delta, expect  # noqa: E402

PIN_DIALOG = "Unlock Security Device"
CHOOSER = "Select a certificate"


def xdotool(*args, check=True):
    out = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30)
    if check and out.returncode != 0:
        raise StepFailed(f"xdotool {args[0]} failed: {out.stderr.strip()}")
    return out.stdout


def windows():
    """Names of the visible top-level windows."""
    ids = xdotool("search", "--onlyvisible", "--name", ".*", check=False).split()
    names = []
    for w in ids:
        names.append((w, xdotool("getwindowname", w, check=False).strip()))
    return names


def wait_window(name, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for w, n in windows():
            if n == name:
                return w
            if n == CHOOSER:
                raise StepFailed("Chromium asks to choose a certificate: the policy was not applied")
        time.sleep(0.2)
    return None


def wait_counts(ev, before, want_handshakes, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        d = delta(ev.counts(), before)
        if d["handshakes"] >= want_handshakes:
            time.sleep(1)  # let a second connection, if any, finish too
            return delta(ev.counts(), before)
        time.sleep(0.2)
    return delta(ev.counts(), before)


def say(card, text):
    print(f"[browsers] chromium {card}: {text}", flush=True)


def scenario(a, pin, ev, proc_holder):
    version = subprocess.run([a.chromium, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    before = ev.counts()
    env = dict(os.environ, HOME=a.home)
    log = open(a.chromium_log, "ab")
    proc = subprocess.Popen(
        [a.chromium, "--no-sandbox",  # as root (CI) Chromium refuses to start with its sandbox
         f"--user-data-dir={a.user_data_dir}", "--no-first-run", "--no-default-browser-check",
         "--disable-background-networking", "--disable-sync", "--disable-component-update",
         "--password-store=basic", "--window-size=1000,700", a.url],
        env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    proc_holder.append(proc)
    with open(a.pid_file, "w") as f:
        f.write(str(proc.pid))
    say(a.card, f"{version} started under Xvfb")

    step = "first load"
    w = wait_window(PIN_DIALOG, 60)
    expect(w is not None, f"{step}: no '{PIN_DIALOG}' dialog within 60 s; windows: {[n for _, n in windows()]}")
    expect(delta(ev.counts(), before)["verify"] == 0, f"{step}: a PIN reached the card before the dialog")
    xdotool("windowfocus", "--sync", w)
    time.sleep(0.3)
    # the PIN goes to the focused password field only; xdotool does not log what it types
    xdotool("type", "--delay", "40", pin)
    xdotool("key", "Return")
    d = wait_counts(ev, before, 1, 60)
    expect(d["handshakes"] >= 1, f"{step}: the server verified no client certificate within 60 s")
    expect(d["verify"] == 1, f"{step}: {d['verify']} VERIFY with a PIN, want 1")
    expect(d["sign"] == d["handshakes"], f"{step}: {d['sign']} card signatures for {d['handshakes']} full handshakes")
    subjects = ev.client_subjects()[-d["handshakes"]:]
    expect(all(a.serial in s for s in subjects), f"{step}: the server saw a certificate that is not the card's")
    dialogs = [n for _, n in windows() if n == PIN_DIALOG]
    expect(not dialogs, f"{step}: the PIN dialog is still open")
    say(a.card, f"{step}: 1 PIN dialog, PIN typed; the server verified the card's certificate (serial {a.serial}; no certificate "
                f"chooser: the policy chose it); 1 VERIFY, {d['sign']} signature(s) for {d['handshakes']} full "
                f"handshake(s), {d['apdus']} APDUs")

    step = "reload"
    before = ev.counts()
    main = [w for w, n in windows() if n.endswith("- Chromium")]
    expect(main, f"{step}: no Chromium window; windows: {[n for _, n in windows()]}")
    xdotool("windowfocus", "--sync", main[0])
    xdotool("key", "F5")
    time.sleep(3)
    expect(wait_window(PIN_DIALOG, 2) is None, f"{step}: Chromium asked for the PIN again")
    d = delta(ev.counts(), before)
    expect(d["verify"] == 0, f"{step}: {d['verify']} VERIFY, want none")
    expect(d["sign"] == d["handshakes"], f"{step}: {d['sign']} card signatures for {d['handshakes']} full handshakes")
    say(a.card, f"{step}: no dialog, no VERIFY; {d['sign']} signature(s) for {d['handshakes']} full handshake(s)")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("chromium", "home", "user-data-dir", "url", "card-log", "server-log", "pid-file",
                 "chromium-log", "card", "serial"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    pin = os.environ.get("CNS_TEST_PIN", "12345")
    ev = Evidence(a.card_log, a.server_log)
    procs = []
    try:
        scenario(a, pin, ev, procs)
        return 0
    except Exception as e:  # noqa: BLE001 - whatever went wrong, one clear line naming the step
        print(f"[browsers] FAILED: chromium {a.card}: {type(e).__name__}: {e}", flush=True)
        return 1
    finally:
        for proc in procs:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
            except ProcessLookupError:
                pass


if __name__ == "__main__":
    sys.exit(main())
