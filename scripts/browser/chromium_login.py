#!/usr/bin/env python3
"""The citizen's login with the simulated card in Chromium, in a real window under Xvfb.

Run by scripts/browser-test.sh, which has started Xvfb, the PC/SC rig with the card, the TLS
server, registered the module in $HOME/.pki/nssdb and written the AutoSelectCertificateForUrls
policy (so no certificate chooser opens). Headless Chromium never sends the VERIFY (it blocks
at the PIN dialog), hence the window. This starts Chromium on the page, waits for its "Unlock
Security Device" dialog, types the PIN with xdotool and checks what the card and server saw:

  1. first load: one PIN dialog, one VERIFY, one card signature per full handshake, the
     server verified the card's certificate, no certificate chooser;
  2. a reload (F5): no dialog, no VERIFY (the token stays logged in);
  3. on a second server that resumes no TLS session: a load signed by the card with no dialog,
     then the card pulled and put back, and the reload asks for the PIN again (the old login is
     not used; Chromium may fail that load once, with nothing sent to the card, and ask at the
     next);
  4. Chromium restarted, a wrong PIN typed: refused, exactly one try spent (read with
     `cns-manager status --json`), then the right PIN logs in and the counter is full again.

Exit 0 when all passed; otherwise "[browsers] FAILED: chromium <card>: <step>: <why>" and 1.
"""

import argparse
import json
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


def start_chromium(a, procs):
    env = dict(os.environ, HOME=a.home)
    log = open(a.chromium_log, "ab")
    proc = subprocess.Popen(
        [a.chromium, "--no-sandbox",  # as root (CI) Chromium refuses to start with its sandbox
         f"--user-data-dir={a.user_data_dir}", "--no-first-run", "--no-default-browser-check",
         "--disable-background-networking", "--disable-sync", "--disable-component-update",
         "--password-store=basic", "--window-size=1000,700", a.url],
        env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    procs.append(proc)
    with open(a.pid_file, "w") as f:
        f.write(str(proc.pid))


def stop_chromium(procs):
    for proc in procs:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass
    procs.clear()


def close_chromium(procs):
    """Closes the window as a user does (Ctrl+Shift+W), so that Chromium ends NSS and the module
    (C_Finalize resets the card); a killed browser would leave the card holding the PIN."""
    xdotool("windowfocus", "--sync", main_window("closing Chromium"))
    xdotool("key", "ctrl+shift+w")
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            raise StepFailed("Chromium did not exit within 30 s of closing its window") from None
    procs.clear()


def type_pin(w, pin):
    xdotool("windowfocus", "--sync", w)
    time.sleep(0.3)
    # the PIN goes to the focused password field only; xdotool does not log what it types
    xdotool("type", "--delay", "40", pin)
    xdotool("key", "Return")


def tries_left(a):
    out = subprocess.run([a.cns_manager, "status", "--json", "--reader", a.reader],
                         capture_output=True, timeout=60, text=True)
    expect(out.returncode == 0, f"cns-manager status failed (exit {out.returncode})")
    return json.loads(out.stdout)["pin"]["tries_left"]


def tries_left_after_exit(a):
    """The PIN counter once Chromium has closed. Right after the exit the card may still hold
    the PIN as verified (the counter query answers "verified", no count) until the module's
    C_Finalize or pcscd's cleanup of the exited client resets it: wait for that, bounded. Should
    it not come, that is said, and the card pulled and put back to go on from a known state."""
    deadline = time.monotonic() + 5
    while (t := tries_left(a)) is None and time.monotonic() < deadline:
        time.sleep(0.5)
    if t is None:
        say(a.card, "5 s after Chromium closed its window the card still held the PIN as verified; "
                    "card pulled and put back")
        pull_and_put_back(a)
        t = tries_left(a)
    return t


def card_present(a):
    out = subprocess.run([a.cns_manager, "readers", "--json"], capture_output=True, timeout=30, text=True)
    return any(r.get("name") == a.reader and r.get("card_present") for r in json.loads(out.stdout or "[]"))


def wait_verify(ev, before, n, timeout=30):
    deadline = time.monotonic() + timeout
    while delta(ev.counts(), before)["verify"] < n and time.monotonic() < deadline:
        time.sleep(0.1)
    return delta(ev.counts(), before)


def main_window(step):
    main = [w for w, n in windows() if n.endswith("- Chromium")]
    expect(main, f"{step}: no Chromium window; windows: {[n for _, n in windows()]}")
    return main[0]


def go_to(url, step):
    xdotool("windowfocus", "--sync", main_window(step))
    xdotool("key", "ctrl+l")
    time.sleep(0.3)
    xdotool("type", "--delay", "20", url)
    xdotool("key", "Return")


def reload_page(step):
    xdotool("windowfocus", "--sync", main_window(step))
    xdotool("key", "F5")


def pull_and_put_back(a):
    """SIGUSR1 makes the simulated card leave the reader, the next one puts it back; each
    change is waited for as pcscd reports it."""
    for present in (False, True):
        os.kill(a.card_pid, signal.SIGUSR1)
        deadline = time.monotonic() + 30
        while card_present(a) != present:
            expect(time.monotonic() < deadline, "the simulated card did not follow SIGUSR1")
            time.sleep(0.1)


def card_change(a, pin, ev):
    """The card pulled and put back while Chromium holds its login. On the first server Chromium
    resumes the TLS session and never asks the card again, so this runs on the second server,
    which resumes none: each load there is a full handshake signed by the card."""
    step = "full handshake, card in place"
    before = ev.counts()
    go_to(a.url_no_resume, step)
    d = wait_counts(ev, before, 1, 60)
    expect(wait_window(PIN_DIALOG, 1) is None, f"{step}: Chromium asked for the PIN though the token is logged in")
    expect(d["handshakes"] >= 1, f"{step}: the server verified no client certificate within 60 s")
    expect(d["verify"] == 0, f"{step}: {d['verify']} VERIFY, want none (logged in)")
    expect(d["sign"] == d["handshakes"], f"{step}: {d['sign']} card signatures for {d['handshakes']} full handshakes")
    say(a.card, f"{step} (second server, no resumption): no dialog, no VERIFY; {d['sign']} signature(s) for "
                f"{d['handshakes']} full handshake(s)")

    step = "card pulled and put back"
    pull_and_put_back(a)
    before = ev.counts()
    reload_page(step)
    w = wait_window(PIN_DIALOG, 30)
    outcome = "the reload asks for the PIN"
    if w is None:
        # Chromium may first fail the load with the key it had (the module refuses it: the card
        # left since); nothing may have reached the card then, and the next load must ask
        d = delta(ev.counts(), before)
        expect(d["verify"] == 0 and d["sign"] == 0 and d["handshakes"] == 0,
               f"{step}: no PIN dialog, yet {d['verify']} VERIFY, {d['sign']} signatures, {d['handshakes']} handshakes")
        outcome = "the reload fails once (nothing sent to the card), the next asks for the PIN"
        reload_page(step)
        w = wait_window(PIN_DIALOG, 30)
    expect(w is not None, f"{step}: no '{PIN_DIALOG}' dialog after the card came back; "
                          f"windows: {[n for _, n in windows()]}")
    d = delta(ev.counts(), before)
    expect(d["verify"] == 0 and d["sign"] == 0, f"{step}: {d['verify']} VERIFY, {d['sign']} signatures before the dialog")
    type_pin(w, pin)
    d = wait_counts(ev, before, 1, 60)
    expect(d["handshakes"] >= 1, f"{step}: the server verified no client certificate within 60 s of the PIN")
    expect(d["verify"] == 1, f"{step}: {d['verify']} VERIFY with a PIN, want 1")
    expect(d["sign"] == d["handshakes"], f"{step}: {d['sign']} card signatures for {d['handshakes']} full handshakes")
    say(a.card, f"{step}: {outcome}; 1 VERIFY, {d['sign']} signature(s) for {d['handshakes']} full handshake(s)")


def scenario(a, pin, ev, proc_holder):
    version = subprocess.run([a.chromium, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    before = ev.counts()
    start_chromium(a, proc_holder)
    say(a.card, f"{version} started under Xvfb")

    step = "first load"
    w = wait_window(PIN_DIALOG, 60)
    expect(w is not None, f"{step}: no '{PIN_DIALOG}' dialog within 60 s; windows: {[n for _, n in windows()]}")
    expect(delta(ev.counts(), before)["verify"] == 0, f"{step}: a PIN reached the card before the dialog")
    type_pin(w, pin)
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
    reload_page(step)
    time.sleep(3)
    expect(wait_window(PIN_DIALOG, 2) is None, f"{step}: Chromium asked for the PIN again")
    d = delta(ev.counts(), before)
    expect(d["verify"] == 0, f"{step}: {d['verify']} VERIFY, want none")
    expect(d["sign"] == d["handshakes"], f"{step}: {d['sign']} card signatures for {d['handshakes']} full handshakes")
    say(a.card, f"{step}: no dialog, no VERIFY; {d['sign']} signature(s) for {d['handshakes']} full handshake(s)")

    card_change(a, pin, ev)

    step = "wrong PIN"
    # a new Chromium: the module's C_Finalize reset the card, the next load asks for the PIN
    close_chromium(proc_holder)
    tries_before = tries_left_after_exit(a)
    before = ev.counts()
    start_chromium(a, proc_holder)
    w = wait_window(PIN_DIALOG, 60)
    expect(w is not None, f"{step}: no '{PIN_DIALOG}' dialog within 60 s")
    wrong = "9" * len(pin) if pin != "9" * len(pin) else "8" * len(pin)
    type_pin(w, wrong)
    d = wait_verify(ev, before, 1)
    expect(d["verify"] == 1 and d["sign"] == 0 and d["handshakes"] == 0,
           f"{step}: {d['verify']} VERIFY, {d['sign']} signatures, {d['handshakes']} handshakes, want 1, 0, 0")
    tries_after = tries_left(a)
    expect(tries_before is not None and tries_after == tries_before - 1,
           f"{step}: tries left {tries_before} -> {tries_after}, want exactly one spent")
    # Chromium asks again in the same dialog (NSS retries the login); else a reload asks
    w = wait_window(PIN_DIALOG, 10)
    again = "asked again at once"
    if w is None:
        again = "asked again after a reload"
        reload_page(step)
        w = wait_window(PIN_DIALOG, 30)
    expect(w is not None, f"{step}: no new '{PIN_DIALOG}' dialog after the wrong PIN")
    type_pin(w, pin)
    d = wait_counts(ev, before, 1, 60)
    expect(d["handshakes"] >= 1 and d["verify"] == 2, f"{step}: after the right PIN: {d['verify']} VERIFY in all, "
                                                      f"{d['handshakes']} handshakes, want 2 and at least 1")
    expect(d["sign"] == d["handshakes"], f"{step}: {d['sign']} card signatures for {d['handshakes']} full handshakes")
    close_chromium(proc_holder)
    tries_final = tries_left_after_exit(a)
    expect(tries_final == tries_before, f"{step}: tries left {tries_final} after the right PIN, want {tries_before}")
    say(a.card, f"{step}: refused (1 VERIFY, no signature), tries left {tries_before} -> {tries_after}; Chromium "
                f"{again}; the right PIN: the server verified the card's certificate, tries left {tries_final}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("chromium", "home", "user-data-dir", "url", "url-no-resume", "card-log", "server-log", "pid-file",
                 "chromium-log", "card", "serial", "cns-manager", "reader"):
        p.add_argument("--" + name, required=True)
    p.add_argument("--card-pid", type=int, required=True)
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
        stop_chromium(procs)

if __name__ == "__main__":
    sys.exit(main())
