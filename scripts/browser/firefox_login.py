#!/usr/bin/env python3
"""The citizen's login with the simulated card in Firefox ESR (headless, driven through Marionette).

Run by scripts/browser-test.sh, which has set up the PC/SC rig with the card, the profile (the
module registered in it) and the TLS server. This starts Firefox on that profile, loads the page
and answers Firefox's own PIN prompt (its common dialog, opened by the prompter service) from a
chrome-context observer, then checks each behaviour against what the card and the server saw:

  1. first load: one PIN prompt, one VERIFY, one card signature per full TLS handshake, the page
     served with the card's certificate verified by the server;
  2. a second load: no prompt, no VERIFY (the token stays logged in);
  3. logout as Firefox's device manager does it (token.logout() and the TLS cache dropped): the
     next load asks for the PIN again;
  4. a wrong PIN: refused, exactly one try spent (the card's counter read with `cns-manager
     status --json`), then the right PIN works and the counter is full again;
  5. the card pulled out and put back (SIGUSR1 to the simulated card), Firefox looking at the
     slot meanwhile: no token, then a token not logged in, and a new PIN prompt;
  6. the same while Firefox is idle: the old login is never used (a new PIN prompt, at the
     first load or, after one failed load that sent nothing to the card, at the next).

Exit 0 when every step passed; otherwise "[browsers] FAILED: firefox <card>: <step>: <why>" and 1.
The PIN goes only to the dialog's field (never to a log or to this script's output).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from marionette import Marionette, MarionetteError  # noqa: E402

# Installed into Firefox's chrome window: answers every PIN dialog from a queue (a string is
# typed and accepted; null, or an empty queue, cancels) and counts the dialogs. The dialog's own
# text names the token (the holder's name), so only its type is kept.
INSTALL_PROMPT_ANSWERER = """
const state = window.cnsPrompt = { answers: [], seen: [] };
state.observer = { observe(dialogWin) {
    const args = dialogWin.args || {};
    state.seen.push(args.promptType || "unknown");
    const doc = dialogWin.document;
    const answer = state.answers.length ? state.answers.shift() : null;
    // after the dialog's own load handler, which fills and focuses the fields
    dialogWin.setTimeout(() => {
        const dialog = doc.getElementById("commonDialog");
        if (answer === null) { dialog.cancelDialog(); return; }
        doc.getElementById("password1Textbox").value = answer;
        dialog.acceptDialog();
    }, 0);
}};
Services.obs.addObserver(state.observer, "common-dialog-loaded");
return true;
"""

SET_ANSWERS = "window.cnsPrompt.answers = arguments[0]; return true;"
PROMPTS_SEEN = "return window.cnsPrompt.seen;"
LOAD = """
gBrowser.selectedBrowser.fixupAndLoadURIString(arguments[0], {
    triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
return true;
"""
# The tab's document URL (an error page's own, about:neterror…, not the one asked for).
CURRENT_URL = """
const b = gBrowser.selectedBrowser;
return b.documentURI ? b.documentURI.spec : b.currentURI.spec;
"""
# What is open (a dialog nobody answered?), for the failure message.
WINDOWS = """
const out = [];
for (const w of Services.wm.getEnumerator(null)) out.push(w.location.href);
try {
    for (const d of window.gDialogBox ? window.gDialogBox._dialog ? [window.gDialogBox._dialog] : [] : []) {
        out.push("window-modal " + (d._frame && d._frame.contentWindow ? d._frame.contentWindow.location.href : "?"));
    }
    const mgr = gBrowser.selectedBrowser.tabDialogBox.getTabDialogManager();
    for (const d of mgr._dialogs) out.push("tab-modal " + (d._frame ? d._frame.contentWindow.location.href : "?"));
    const cmgr = gBrowser.selectedBrowser.tabDialogBox.getContentDialogManager();
    for (const d of cmgr._dialogs) out.push("content-modal " + (d._frame ? d._frame.contentWindow.location.href : "?"));
} catch (e) { out.push("(dialogs: " + e + ")"); }
return out;
"""

# The module's token (the card) as Firefox's device manager finds it; `logout` does what its
# "Log Out" button does.
TOKEN = """
const [libPart, reader, action] = args;
const db = Cc["@mozilla.org/security/pkcs11moduledb;1"].getService(Ci.nsIPKCS11ModuleDB);
for (const mod of await db.listModules()) {
    if (!mod.libName || !mod.libName.includes(libPart)) continue;
    for (const slot of mod.slots) {
        if (slot.name !== reader) continue;
        // nsIPKCS11Slot: 1 no token, 3 not logged in, 4 logged in
        if (slot.status !== Ci.nsIPKCS11Slot.SLOT_NOT_LOGGED_IN && slot.status !== Ci.nsIPKCS11Slot.SLOT_LOGGED_IN) {
            return { module: mod.name, status: slot.status, loggedIn: null };
        }
        const token = slot.getToken();
        if (action === "logout") {
            token.logout();
            Cc["@mozilla.org/psm;1"].getService(Ci.nsINSSComponent).clearTLSCacheAndCancelAllConnections();
        }
        return { module: mod.name, status: slot.status, loggedIn: token.isLoggedIn };
    }
    return { module: mod.name, status: null, loggedIn: null };
}
return null;
"""


class StepFailed(Exception):
    pass


class Evidence:
    """What the card logged (APDU headers, never data) and what the TLS server printed."""

    def __init__(self, card_log, server_log):
        self.card_log, self.server_log = card_log, server_log

    def _lines(self, path):
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()

    def counts(self):
        apdus = [l for l in self._lines(self.card_log) if ": APDU " in l]
        return {
            # VERIFY with data (the PIN); the empty ones only read the tries counter
            "verify": sum(1 for l in apdus if "APDU 00 20 00 " in l and "Lc=" in l),
            # the card's private-key operations: PSO COMPUTE DIGITAL SIGNATURE, INTERNAL AUTHENTICATE
            "sign": sum(1 for l in apdus if "APDU 00 2A 9E 9A" in l or "APDU 00 88 " in l),
            # full handshakes with a client certificate: the server verified one (resumed ones do not)
            "handshakes": sum(1 for l in self._lines(self.server_log) if l.startswith("depth=0 ")),
            "apdus": len(apdus),
        }


    def client_subjects(self):
        """The subject of each client certificate the server verified, oldest first."""
        return [l for l in self._lines(self.server_log) if l.startswith("depth=0 ")]


def delta(after, before):
    return {k: after[k] - before[k] for k in after}


class FirefoxRun:
    def __init__(self, a):
        self.a = a
        self.ev = Evidence(a.card_log, a.server_log)
        self.proc = None
        self.m = None
        self.step = "start"

    def start(self):
        env = dict(os.environ, HOME=self.a.home, MOZ_CRASHREPORTER_DISABLE="1")
        log = open(self.a.firefox_log, "ab")
        self.proc = subprocess.Popen(
            [self.a.firefox, "--headless", "--marionette", "--no-remote", "--profile", self.a.profile,
             "-remote-allow-system-access", "about:blank"],
            env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
        with open(self.a.pid_file, "w") as f:
            f.write(str(self.proc.pid))
        self.m = Marionette(self.a.marionette_port, timeout=90)
        caps = self.m.new_session()["capabilities"]
        self.m.context("chrome")
        self.m.script(INSTALL_PROMPT_ANSWERER)
        self.m.context("content")
        return caps.get("browserVersion", "?")

    def stop(self):
        if self.m:
            self.m.quit()
        if self.proc:
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)

    def chrome(self, js, *args):
        self.m.context("chrome")
        try:
            return self.m.script(js, args)
        finally:
            self.m.context("content")

    def token(self, action="state"):
        # Marionette waits for a returned promise; listModules() is async
        return self.chrome("const args = arguments; return (async () => {" + TOKEN + "})();",
                           "libcns_pkcs11", self.a.reader, action)

    def begin(self, step):
        """Names the step now running, for the failure message."""
        self.step = step
        return step

    def token_until(self, done, timeout=15):
        """The token's state once `done` holds for it: NSS checks a slot's presence again only
        after a delay (about a second), so the first look may still show the old state."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.token()
            if done(state) or time.monotonic() > deadline:
                return state
            time.sleep(0.25)

    def load(self, answers):
        """Loads the page with these PIN answers queued; returns (page text or None, counts, prompts)."""
        self.chrome(SET_ANSWERS, answers)
        before, prompts_before = self.ev.counts(), len(self.chrome(PROMPTS_SEEN))
        self.blank()
        self.go(self.a.url)
        page = self.wait_for_page()
        after = self.ev.counts()
        return page, delta(after, before), len(self.chrome(PROMPTS_SEEN)) - prompts_before

    def go(self, url):
        # loaded from the chrome side: returns at once, whatever the page waits for (a PIN
        # dialog, a stalled handshake), so that Firefox stays observable
        self.chrome(LOAD, url)

    def blank(self):
        """about:blank first, so that the page checked afterwards is the new one."""
        self.go("about:blank")
        deadline = time.monotonic() + 30
        while self.current()[0] != "about:blank":
            if time.monotonic() > deadline:
                raise StepFailed(f"Firefox did not go to about:blank; windows: {self.chrome(WINDOWS)}")
            time.sleep(0.1)

    def current(self):
        """The tab's URL and its document's source."""
        url = self.chrome(CURRENT_URL)
        try:
            return url or "", self.m.page_source() or ""
        except MarionetteError as e:
            # between two documents there is briefly none to read: look again
            if "documentElement is null" not in str(e):
                raise
            return url, ""

    def wait_for_page(self):
        """The server's page (None for Firefox's error page) once the tab shows either."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            url, text = self.current()
            if url.startswith("about:neterror") or url.startswith("about:certerror"):
                return None
            if "Verify return code" in text:
                return text
            time.sleep(0.2)
        raise StepFailed(f"the page did not load within 60 s; Firefox's windows: {self.chrome(WINDOWS)}")

    def tries_left(self):
        out = subprocess.run([self.a.cns_manager, "status", "--json", "--reader", self.a.reader],
                             capture_output=True, timeout=60, text=True)
        if out.returncode != 0:
            raise StepFailed(f"cns-manager status failed (exit {out.returncode})")
        return json.loads(out.stdout)["pin"]["tries_left"]


def expect(cond, why):
    if not cond:
        raise StepFailed(why)


def check_page(page, serial):
    expect(page is not None, "Firefox showed an error page instead of the server's")
    expect("Verify return code: 0 (ok)" in page, "the server did not verify a client certificate")
    expect(serial in page, "the page does not show the card's certificate (its serial)")
    expect("Protocol  : TLSv1.2" in page, "not TLS 1.2")


def say(card, text):
    print(f"[browsers] firefox {card}: {text}", flush=True)


def one_sig_per_handshake(d):
    return d["handshakes"] >= 1 and d["sign"] == d["handshakes"]


def scenario(run, a, pin, card):
    version = run.start()
    say(card, f"Firefox {version} started (headless, Marionette)")
    state = run.token()
    expect(state is not None, "Firefox does not list the module (libcns_pkcs11)")
    expect(state["loggedIn"] is False, f"no card token in Firefox, or logged in before any PIN: {state}")

    step = run.begin("first load")
    page, d, prompts = run.load([pin])
    check_page(page, a.serial)
    expect(prompts == 1, f"{step}: {prompts} PIN prompts, want 1")
    expect(d["verify"] == 1, f"{step}: {d['verify']} VERIFY with a PIN, want 1")
    expect(one_sig_per_handshake(d), f"{step}: {d['sign']} card signatures for {d['handshakes']} full handshakes")
    expect(run.token()["loggedIn"] is True, f"{step}: the token is not logged in afterwards")
    say(card, f"{step}: page served with the card's certificate (serial {a.serial}, TLS 1.2, verified by the "
              f"server); 1 PIN prompt, 1 VERIFY, {d['sign']} signature(s) for {d['handshakes']} full handshake(s), "
              f"{d['apdus']} APDUs")

    step = run.begin("second load")
    page, d, prompts = run.load([])
    check_page(page, a.serial)
    expect(prompts == 0 and d["verify"] == 0, f"{step}: {prompts} prompts, {d['verify']} VERIFY, want none")
    expect(d["sign"] == d["handshakes"], f"{step}: {d['sign']} signatures for {d['handshakes']} full handshakes")
    say(card, f"{step}: no prompt, no VERIFY; {d['sign']} signature(s) for {d['handshakes']} full handshake(s)")

    step = run.begin("logout")
    expect(run.token("logout")["loggedIn"] is False, f"{step}: still logged in after token.logout()")
    # while logged in the card answers the counter query "verified" (no count); after the
    # module's C_Logout it must count again: the card's PIN state was reset
    reset_tries = run.tries_left()
    expect(isinstance(reset_tries, int), f"{step}: the card still holds the PIN as verified after the logout")
    page, d, prompts = run.load([pin])
    check_page(page, a.serial)
    expect(prompts == 1 and d["verify"] == 1, f"{step}: next load had {prompts} prompts, {d['verify']} VERIFY, want 1 and 1")
    expect(one_sig_per_handshake(d), f"{step}: {d['sign']} signatures for {d['handshakes']} full handshakes")
    say(card, f"{step} (device manager's token.logout + TLS cache cleared): card reset (tries counted again: "
              f"{reset_tries}), next load asked for the PIN again "
              f"(1 prompt, 1 VERIFY, {d['sign']} signature(s) for {d['handshakes']} handshake(s))")

    step = run.begin("wrong PIN")
    run.token("logout")
    tries_before = run.tries_left()
    wrong = "9" * len(pin) if pin != "9" * len(pin) else "8" * len(pin)
    page, d, prompts = run.load([wrong])  # then every further dialog is cancelled
    expect(page is None, f"{step}: the page loaded with a wrong PIN")
    expect(d["verify"] == 1, f"{step}: {d['verify']} VERIFY with a PIN, want 1 (the wrong one, once)")
    expect(d["sign"] == 0 and d["handshakes"] == 0, f"{step}: the card signed or the server accepted a certificate")
    tries_after = run.tries_left()
    expect(tries_before is not None and tries_after == tries_before - 1,
           f"{step}: tries left {tries_before} -> {tries_after}, want exactly one spent")
    page, d2, prompts2 = run.load([pin])
    check_page(page, a.serial)
    expect(prompts2 == 1 and d2["verify"] == 1, f"{step}: the right PIN next: {prompts2} prompts, {d2['verify']} VERIFY")
    run.token("logout")
    tries_final = run.tries_left()
    expect(tries_final == tries_before, f"{step}: tries left {tries_final} after the right PIN, want {tries_before}")
    say(card, f"{step}: refused (error page, no signature), {prompts} prompt(s) ({prompts - 1} retry cancelled), "
              f"1 VERIFY, tries left {tries_before} -> {tries_after}; the right PIN then: 1 prompt, 1 VERIFY, "
              f"page served, tries left {tries_final}")

    step = run.begin("card pulled and put back")
    page, d, prompts = run.load([pin])
    check_page(page, a.serial)
    expect(run.token()["loggedIn"] is True and prompts == 1, f"{step}: not logged in before pulling the card")
    # Firefox 153 runs no slot-event thread: it learns of the card's removal when it next asks
    # for the slot's state (here as its device manager does), or at the next page load.
    toggle_card(a, present=False)
    gone = run.token_until(lambda t: t["loggedIn"] is None)
    expect(gone["loggedIn"] is None, f"{step}: Firefox still shows the token after the card was pulled: {gone}")
    toggle_card(a, present=True)
    back = run.token_until(lambda t: t["loggedIn"] is not None)
    expect(back["loggedIn"] is False, f"{step}: after the card came back Firefox shows {back}, want a token not logged in")
    page, d, prompts = run.load([pin])
    check_page(page, a.serial)
    expect(prompts == 1 and d["verify"] == 1, f"{step}: next load had {prompts} prompts, {d['verify']} VERIFY, want 1 and 1")
    expect(one_sig_per_handshake(d), f"{step}: {d['sign']} signatures for {d['handshakes']} full handshakes")
    say(card, f"{step}: Firefox saw no token, then a token not logged in; the next load asked for the PIN "
              f"again (1 prompt, 1 VERIFY, {d['sign']} signature(s) for "
              f"{d['handshakes']} handshake(s))")


    step = run.begin("card pulled and put back unnoticed")
    # An idle browser: nothing asks for the slot between the pull and the put-back. The card
    # has lost the login; the module must not let it be used (before the fix the next load
    # stalled for good, no prompt, no APDU). Depending on whether NSS looks at the slot before
    # the handshake, the first load asks for the PIN, or fails once with Firefox's error page
    # (NSS's cached sessions are gone) and the next one asks for it.
    expect(run.token()["loggedIn"] is True, f"{step}: not logged in before pulling the card")
    toggle_card(a, present=False)
    toggle_card(a, present=True)
    page, d, prompts = run.load([pin])
    first = "the first load asked for the PIN again"
    if page is None:
        expect(d["verify"] == 0 and d["sign"] == 0 and d["handshakes"] == 0,
               f"{step}: the failed load still sent {d['verify']} PIN(s), {d['sign']} signature(s)")
        first = "the first load failed once with Firefox's error page (no PIN, no signature), the next one asked for the PIN"
        page, d, prompts = run.load([pin])
    check_page(page, a.serial)
    expect(prompts == 1 and d["verify"] == 1, f"{step}: the load had {prompts} prompts, {d['verify']} VERIFY, want 1 and 1")
    expect(one_sig_per_handshake(d), f"{step}: {d['sign']} signatures for {d['handshakes']} full handshakes")
    say(card, f"{step} (no look at the slot in between): {first} (1 prompt, 1 VERIFY, {d['sign']} signature(s) "
              f"for {d['handshakes']} handshake(s)), page served")


def reader_has_card(a):
    out = subprocess.run([a.cns_manager, "readers", "--json"], capture_output=True, timeout=30, text=True)
    for r in json.loads(out.stdout or "[]"):
        if r.get("name") == a.reader:
            return bool(r.get("card_present"))
    return False


def toggle_card(a, present):
    """SIGUSR1 to the simulated card (removed <-> inserted), then wait until pcscd sees it."""
    os.kill(a.card_pid, signal.SIGUSR1)
    deadline = time.monotonic() + 30
    while reader_has_card(a) != present:
        if time.monotonic() > deadline:
            raise StepFailed(f"the reader did not show the card {'inserted' if present else 'removed'} within 30 s")
        time.sleep(0.1)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("firefox", "profile", "home", "url", "card-log", "server-log", "cns-manager", "reader",
                 "serial", "pid-file", "firefox-log", "card"):
        p.add_argument("--" + name, required=True)
    p.add_argument("--marionette-port", type=int, required=True)
    p.add_argument("--card-pid", type=int, required=True)
    a = p.parse_args()
    pin = os.environ.get("CNS_TEST_PIN", "12345")
    run = FirefoxRun(a)
    try:
        scenario(run, a, pin, a.card)
        return 0
    except Exception as e:  # noqa: BLE001 - whatever went wrong, one clear line naming the step
        print(f"[browsers] FAILED: firefox {a.card}: {run.step}: {type(e).__name__}: {e}", flush=True)
        return 1
    finally:
        try:
            run.stop()
        except (MarionetteError, OSError, subprocess.SubprocessError) as e:
            print(f"[browsers] firefox {a.card}: stopping Firefox: {e}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
