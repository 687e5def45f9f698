#!/usr/bin/env python3
"""The window through the real Linux accessibility stack, as Orca reads it.

Run by scripts/a11y-test.sh inside a private D-Bus session, with Xvfb, at-spi2-core and AT-SPI
switched on, and the app (`cns-manager --demo`) started. Reads the tree with pyatspi, presses
buttons with the Action interface, types with xdotool into the focused widget, and checks:
the window's name, headings, named buttons and combo boxes; that after every step change of the
"Cambia PIN" wizard the FOCUSED node says that step; that the result is said where the focus
lands (and, if the stack delivers them, announced as a live region); that the last-try
confirmation's focused node carries the warning; that the typed digits appear nowhere in the
tree; that the focus goes back to the button that opened the wizard.

pyatspi caches what it has read and only refreshes the cache from events while its main loop
runs, so every read is done by a fresh process (`atspi_check.py dump`); the announcements are
collected by another process that runs the loop (`atspi_check.py listen`).

Usage: atspi_check.py run WINDOW_ID   (the driver; prints "a11y: N passed, M failed")
       atspi_check.py dump | act ROLE NAME | listen
"""

import json
import os
import subprocess
import sys
import time

APP = "cns-manager"
# Bounds, never the synchronisation itself: every wait polls for the state it needs.
START_TIMEOUT = 30.0
STEP_TIMEOUT = 15.0
POLL = 0.25


# ----- the reading side: each in a fresh process -----


def app_root():
    import pyatspi

    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == APP:
            return app
    return None


def walk(acc, out, depth=0):
    import pyatspi

    if acc is None or depth > 60:
        return
    try:
        states = acc.getState()
        node = {
            "role": acc.getRoleName(),
            "name": acc.name or "",
            "description": acc.description or "",
            "focused": states.contains(pyatspi.STATE_FOCUSED),
            "actions": 0,
            "text": "",
        }
        try:
            node["actions"] = acc.queryAction().nActions
        except NotImplementedError:
            pass
        try:
            text = acc.queryText()
            node["text"] = text.getText(0, text.characterCount)
        except NotImplementedError:
            pass
        out.append(node)
        for i in range(acc.childCount):
            walk(acc.getChildAtIndex(i), out, depth + 1)
    except Exception as e:  # a node that went away while walking: the next read sees the new tree
        out.append({"role": "error", "name": str(e), "description": "", "focused": False, "actions": 0, "text": ""})


def cmd_dump():
    root = app_root()
    nodes = []
    if root is not None:
        for i in range(root.childCount):
            walk(root.getChildAtIndex(i), nodes)
    json.dump(nodes, sys.stdout)


def cmd_act(role, name):
    root = app_root()
    found = []

    def find(acc, depth=0):
        if acc is None or depth > 60 or found:
            return
        if acc.getRoleName() == role and acc.name == name:
            found.append(acc)
            return
        for i in range(acc.childCount):
            find(acc.getChildAtIndex(i), depth + 1)

    if root is not None:
        find(root)
    if not found:
        print(f"no {role} named {name!r}", file=sys.stderr)
        sys.exit(1)
    found[0].queryAction().doAction(0)


def cmd_listen():
    """Prints every announcement (live region) and focus change as one JSON line."""
    import pyatspi

    def on_event(event):
        try:
            source = event.source
            line = {
                "type": event.type,
                "name": (source.name or "") if source is not None else "",
                "detail": event.detail1,
                "data": event.any_data if isinstance(event.any_data, str) else "",
            }
            if source is not None and source.getApplication().name != APP:
                return
        except Exception:
            return
        print(json.dumps(line), flush=True)

    pyatspi.Registry.registerEventListener(on_event, "object:announcement", "object:state-changed:focused")
    print(json.dumps({"type": "listening"}), flush=True)
    pyatspi.Registry.start()


# ----- the driver -----


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, cond, what, detail=""):
        if cond:
            self.passed += 1
            print(f"a11y: ok   {what}", flush=True)
        else:
            self.failed += 1
            print(f"a11y: FAIL {what}" + (f"\n      {detail}" if detail else ""), flush=True)
        return cond


def dump():
    r = subprocess.run([sys.executable, __file__, "dump"], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        return []
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        return []


def act(role, name):
    r = subprocess.run([sys.executable, __file__, "act", role, name], capture_output=True, text=True, timeout=60)
    return r.returncode == 0


def focused(nodes):
    return next((n for n in nodes if n["focused"] and n["role"] != "frame"), None)


def wait_for(what, pred, timeout=STEP_TIMEOUT):
    """Reads the tree until pred(nodes) holds; returns (nodes, value) or (last nodes, None)."""
    deadline = time.monotonic() + timeout
    nodes = []
    while True:
        nodes = dump()
        value = pred(nodes)
        if value:
            return nodes, value
        if time.monotonic() > deadline:
            return nodes, None
        time.sleep(POLL)


def wait_focus(what, pred, timeout=STEP_TIMEOUT):
    nodes, node = wait_for(what, lambda ns: (lambda f: f if f and pred(f) else None)(focused(ns)), timeout)
    return nodes, node


def xdo(window, *args):
    subprocess.run(["xdotool", *args], check=True, timeout=30, env=os.environ)


def type_digits(window, digits):
    xdo(window, "type", "--window", window, "--delay", "60", digits)


def key(window, name):
    xdo(window, "key", "--window", window, name)


def describe(node):
    return json.dumps(node, ensure_ascii=False) if node else "nothing focused"


# The demo panel shows the demo card's codes on purpose; the PIN typed as the current one is that
# same 12345, so that label is no leak.
DEMO_HINT = "PIN 12345 · PUK 12345678"


def secrets_absent(nodes, secrets):
    for n in nodes:
        if n["name"] == DEMO_HINT:
            continue
        for field in ("name", "description", "text"):
            for s in secrets:
                if s in n[field]:
                    return f"{s} in the {field} of {describe(n)}"
    return None


def cmd_run(window):
    c = Checks()
    listener_log = os.path.join(os.environ.get("A11Y_WORK", "/tmp"), "atspi-events.jsonl")
    with open(listener_log, "w") as log:
        listener = subprocess.Popen([sys.executable, __file__, "listen"], stdout=log, stderr=subprocess.DEVNULL)
    try:
        drive(c, window, listener_log)
    finally:
        listener.terminate()
        try:
            listener.wait(timeout=5)
        except subprocess.TimeoutExpired:
            listener.kill()
            listener.wait()
    print(f"a11y: {c.passed} passed, {c.failed} failed", flush=True)
    return 0 if c.failed == 0 else 1


def announcements(log_path):
    try:
        with open(log_path) as f:
            return [json.loads(l) for l in f if l.strip()]
    except (OSError, json.JSONDecodeError):
        return []


def drive(c, window, log_path):
    # The window, once the app has published its tree and read the demo card.
    nodes, holder = wait_for(
        "the card's holder",
        lambda ns: next((n for n in ns if n["role"] == "heading" and n["name"] == "GIULIA BIANCHI"), None),
        START_TIMEOUT,
    )
    if not c.ok(holder is not None, "the app is on AT-SPI with the card's holder as a heading",
                f"{len(nodes)} nodes: {[n['name'] for n in nodes][:40]}"):
        return
    frames = [n["name"] for n in nodes if n["role"] == "frame"]
    c.ok(frames == ["Gestione Tessera Sanitaria"], "the window is a frame named Gestione Tessera Sanitaria",
         str(frames))
    buttons = [n for n in nodes if n["role"] == "push button"]
    c.ok(buttons and all(n["name"].strip() for n in buttons), "every button has a name",
         str([describe(n) for n in buttons if not n["name"].strip()]))
    names = {n["name"] for n in buttons}
    c.ok({"Riduci il testo", "Ingrandisci il testo"} <= names, "A− and A+ say what they do", str(sorted(names)))
    combos = [n for n in nodes if n["role"] == "combo box"]
    c.ok(len(combos) == 2 and all(n["name"] and n["description"] for n in combos),
         "the combo boxes have a name and say their value", str(combos))
    c.ok(any(n["role"] == "password text" for n in nodes) is False, "no PIN field before a wizard")

    # The change-PIN wizard, step by step, with the keyboard where a user types.
    c.ok(act("push button", "Cambia PIN"), "Cambia PIN pressed through the Action interface")
    steps = [
        ("PIN attuale", "Passo 1 di 3", "12345"),
        ("Nuovo PIN", "Passo 2 di 3", "97531"),
        ("Ripeti il nuovo PIN", "Passo 3 di 3", "97531"),
    ]
    for name, step, digits in steps:
        nodes, f = wait_focus(name, lambda f: f["name"] == name)
        if not c.ok(f is not None and f["role"] == "password text" and step in f["description"],
                    f"the focus is on the password field {name!r}, which says {step!r}", describe(focused(nodes))):
            return
        type_digits(window, digits)
        nodes, f = wait_focus(name, lambda f: f["name"] == name and "5 cifre scritte" in f["description"])
        c.ok(f is not None, f"{name!r} says how many digits are typed", describe(focused(nodes)))
        leak = secrets_absent(nodes, ["12345", "97531"])
        c.ok(leak is None, f"the digits typed are nowhere in the tree ({name})", leak or "")
        key(window, "Return")

    nodes, f = wait_focus("the result", lambda f: f["name"] == "Fatto")
    c.ok(f is not None and f["description"].startswith("PIN cambiato"),
         "the result is said where the focus lands (Fatto: PIN cambiato…)", describe(focused(nodes)))
    c.ok(act("push button", "Fatto"), "Fatto pressed")
    nodes, f = wait_focus("Cambia PIN", lambda f: f["role"] == "push button" and f["name"] == "Cambia PIN")
    c.ok(f is not None, "the focus is back on Cambia PIN, the button that opened the wizard", describe(focused(nodes)))

    # A wrong PIN twice, then the last-try confirmation.
    # At one try left the safer way out ("Sblocca con il PUK") has the focus, not "Riprova".
    for tries, left, first in (("3 tentativi", "2 tentativi", "Riprova"),
                               ("2 tentativi", "un solo tentativo", "Sblocca con il PUK")):
        c.ok(act("push button", "Verifica PIN"), "Verifica PIN pressed")
        nodes, f = wait_focus("the PIN", lambda f: f["name"] == "PIN" and f["role"] == "password text")
        c.ok(f is not None and f"Ti restano {tries}" in f["description"] and "Scrivi il PIN" in f["description"],
             f"the focus is on the PIN field of Verifica PIN, which says the tries left ({tries})",
             describe(focused(nodes)))
        type_digits(window, "24680")
        key(window, "Return")
        nodes, f = wait_focus(first, lambda f, first=first: f["name"] == first)
        c.ok(f is not None and "PIN errato" in f["description"] and left in f["description"],
             f"a wrong PIN is said where the focus lands (… {left})", describe(focused(nodes)))
        leak = secrets_absent(nodes, ["24680"])
        c.ok(leak is None, "the wrong PIN is nowhere in the tree", leak or "")
        c.ok(act("push button", "Annulla"), "Annulla pressed")
        nodes, f = wait_focus("Verifica PIN", lambda f: f["role"] == "push button" and f["name"] == "Verifica PIN")
        c.ok(f is not None, "the focus is back on Verifica PIN", describe(focused(nodes)))

    c.ok(act("push button", "Verifica PIN"), "Verifica PIN pressed with one try left")
    nodes, f = wait_focus("the PIN", lambda f: f["name"] == "PIN" and f["role"] == "password text")
    c.ok(f is not None and "ti resta un solo tentativo" in f["description"],
         "the last-try warning is said on the PIN field", describe(focused(nodes)))
    type_digits(window, "24680")
    key(window, "Return")
    nodes, f = wait_focus("Annulla", lambda f: f["name"] == "Annulla")
    c.ok(f is not None and f["description"].startswith("È l'ultimo tentativo"),
         "the last-try confirmation's focused node (Annulla) carries the warning", describe(focused(nodes)))
    key(window, "Return")
    nodes, f = wait_focus("Verifica PIN", lambda f: f["role"] == "push button" and f["name"] == "Verifica PIN")
    c.ok(f is not None, "Enter on the confirmation cancels, and the focus is back on Verifica PIN",
         describe(focused(nodes)))

    # What a screen reader was told, as events: the focus moved at every step, and the results
    # were announced where the stack carries live regions.
    events = announcements(log_path)
    focus_names = [e["name"] for e in events if e["type"].startswith("object:state-changed:focused") and e["detail"]]
    c.ok(all(s[0] in focus_names for s in steps) and "Fatto" in focus_names,
         "a focus event for every wizard step and the result", str(focus_names))
    said = [e["data"] or e["name"] for e in events if e["type"].startswith("object:announcement")]
    c.ok(any("PIN cambiato" in s for s in said) and sum("PIN errato" in s for s in said) >= 2,
         "the results were announced as live regions (PIN cambiato, PIN errato twice)", str(said))


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = sys.argv[1]
    if cmd == "dump":
        cmd_dump()
        return 0
    if cmd == "act" and len(sys.argv) == 4:
        cmd_act(sys.argv[2], sys.argv[3])
        return 0
    if cmd == "listen":
        cmd_listen()
        return 0
    if cmd == "run" and len(sys.argv) == 3:
        return cmd_run(sys.argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
