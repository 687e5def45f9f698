"""A minimal Marionette client (Firefox's remote protocol), standard library only.

The protocol: every message is `LENGTH:JSON`; the server speaks first (a hello), then each
command is `[0, id, name, params]` and its answer `[1, id, error, result]`. Only what the
browser test needs: a session, the chrome/content context, scripts and navigation.
"""

import json
import socket
import time


class MarionetteError(Exception):
    """A command the browser answered with an error (its name and message)."""


class Marionette:
    def __init__(self, port, timeout=60.0):
        self.timeout = timeout
        self.sock = self._connect(port, timeout)
        self.buf = b""
        self.next_id = 1
        self._read()  # the hello: {"applicationType": "gecko", "marionetteProtocol": 3}

    @staticmethod
    def _connect(port, timeout):
        # Firefox opens the port a while after it starts: retry until the deadline.
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                sock.settimeout(timeout)
                return sock
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def _read(self):
        while b":" not in self.buf:
            self._fill()
        head, _, rest = self.buf.partition(b":")
        length = int(head)
        self.buf = rest
        while len(self.buf) < length:
            self._fill()
        body, self.buf = self.buf[:length], self.buf[length:]
        return json.loads(body)

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise MarionetteError("Firefox closed the Marionette connection")
        self.buf += chunk

    def call(self, name, params=None):
        msg_id = self.next_id
        self.next_id += 1
        body = json.dumps([0, msg_id, name, params or {}]).encode()
        self.sock.sendall(str(len(body)).encode() + b":" + body)
        try:
            while True:
                kind, got_id, error, result = self._read()
                if kind == 1 and got_id == msg_id:
                    break
        except socket.timeout as e:
            raise MarionetteError(f"{name}: no answer within {self.sock.gettimeout():.0f} s") from e
        if error:
            # the message only: the stack trace is long and says nothing about the card
            raise MarionetteError(f"{name}: {error.get('error')}: {error.get('message')}")
        return result

    def new_session(self):
        # pageLoadStrategy none: navigation returns at once, so that the browser stays reachable
        # while a PIN dialog runs its nested event loop; the caller waits for the page itself
        caps = {"acceptInsecureCerts": False, "pageLoadStrategy": "none"}
        return self.call("WebDriver:NewSession", {"capabilities": {"alwaysMatch": caps}})

    def context(self, which):
        self.call("Marionette:SetContext", {"value": which})

    def script(self, js, args=(), asynchronous=False):
        """Runs `js` (a function body; `arguments` holds `args`) and returns its value."""
        name = "WebDriver:ExecuteAsyncScript" if asynchronous else "WebDriver:ExecuteScript"
        res = self.call(name, {"script": js, "args": list(args), "newSandbox": False, "sandbox": "cns"})
        return res.get("value") if isinstance(res, dict) else res

    def navigate(self, url):
        self.call("WebDriver:Navigate", {"url": url})

    def page_source(self):
        return self.call("WebDriver:GetPageSource").get("value", "")

    def quit(self):
        try:
            self.call("Marionette:Quit", {"flags": ["eForceQuit"]})
        except (MarionetteError, OSError):
            pass
        self.sock.close()
