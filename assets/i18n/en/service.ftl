### The smart card service and the reader driver: what is wrong and how to fix it, per system.
### The window, the doctor and the command line use these same texts.
### $os is "linux", "windows" or "macos": each system gets only its own commands.

service-error-found = The smart card service answered with an error.

connect-reader-found = No smart card reader found.
connect-reader-fix = Connect the USB reader (or try another cable/port); if it is connected, unplug and plug it again.

# Linux only: elsewhere the service is part of the system.
service-not-installed-found = The service is not installed.
service-not-installed-fix = Install it: sudo apt install pcscd libccid (Fedora: sudo dnf install pcsc-lite pcsc-lite-ccid), then sudo systemctl enable --now pcscd.socket

service-not-running-found =
    { $os ->
        [windows] The Windows «Smart Card» service (SCardSvr) is not running: Windows starts it when a reader is plugged in and stops it when the last one is unplugged.
        [macos] The macOS smart card service (CryptoTokenKit, part of the system: there is no pcscd to install or start) does not answer.
       *[linux] The service is installed but not running.
    }
service-not-running-fix =
    { $os ->
        [windows] Plug in the reader. If the service does not start: open «Services» (services.msc), find «Smart Card», set its startup type to «Manual» and press Start.
        [macos] Unplug and replug the reader; if that is not enough, restart the Mac.
       *[linux] Start it and have it start on demand: sudo systemctl enable --now pcscd.socket
    }

# Linux only (pcsc-lite's socket).
service-stale-socket-found = The service is not running: its socket is still there, but nobody answers (connection refused). It stopped abnormally, for example in a crash.
service-stale-socket-fix = Restart it: sudo systemctl restart pcscd; to have it start by itself on demand: sudo systemctl enable --now pcscd.socket

# $certain: "yes" when the service was seen answering (and saying no).
service-refused-found =
    { $os ->
        [windows] The Windows «Smart Card» service refused access to this session (for example a remote desktop session, which sees the readers of the PC it connects from).
        [macos] { service-not-running-found }
       *[linux]
            { $certain ->
                [yes] The service is running but refused this session: usually polkit, which does not give cards to remote or non-local sessions (SSH, remote desktop).
               *[no] The service does not answer this session: usually polkit, which does not give cards to remote or non-local sessions (SSH, remote desktop).
            }
    }
service-refused-fix =
    { $os ->
        [windows] Use the PC from its local session, or plug the reader into the PC you connect from.
        [macos] { service-not-running-fix }
       *[linux]
            { $certain ->
                [yes] Use the PC from its local session, or ask the administrator for a polkit rule allowing org.debian.pcsc-lite.access_pcsc and org.debian.pcsc-lite.access_card to this user.
               *[no] Use the PC from its local session, or ask the administrator for a polkit rule allowing org.debian.pcsc-lite.access_pcsc and org.debian.pcsc-lite.access_card to this user. If the service stopped: sudo systemctl restart pcscd.
            }
    }

service-restart =
    { $os ->
        [windows] Restart the «Smart Card» service from «Services» (services.msc), or unplug and replug the reader.
        [macos] Unplug and replug the reader; if that is not enough, restart the Mac.
       *[linux] Restart it: sudo systemctl restart pcscd
    }

install-reader-driver =
    { $os ->
        [windows] Windows installs the driver of common readers by itself: unplug and replug the reader and wait a minute; if that is not enough, install the driver from the reader maker's site.
        [macos] macOS recognises common readers without installing anything: unplug and replug the reader; if that is not enough, install the driver from the reader maker's site.
       *[linux] Install it: sudo apt install libccid (Fedora: sudo dnf install pcsc-lite-ccid), then unplug and plug the reader again.
    }

make-readable =
    { $os ->
        [windows] Make it readable by every user (Properties → Security: «Read» for «Users») or delete it.
       *[other] Make it readable by every user (sudo chmod 644 FILE) or delete it.
    }

## The service does not answer (cause not looked into): the window's status page and the command line.
## One line per step; lines starting with "sudo " are commands.

service-down-title = The smart card service is not running
# On Windows and macOS service-not-running-fix is used.
service-down-fix-pcscd =
    The program talks to the reader through the pcscd service. To install and start it:
    sudo apt install pcscd libccid
    sudo systemctl enable --now pcscd.socket

## No reader connected: the steps, one per line.

no-reader-title = No reader connected
reader-steps =
    { $os ->
        [windows]
            Connect the smart card reader to a USB port of the computer.
            Wait for Windows to install the driver (usually by itself, in under a minute).
            The Windows «Smart Card» service starts by itself. If the reader does not appear, unplug it and plug it in again.
        [macos]
            Connect the smart card reader to a USB port of the computer.
            macOS recognises common readers without installing anything.
            If the reader does not appear, unplug it and plug it in again.
       *[linux]
            Connect the smart card reader to a USB port of the computer.
            Install the smart card service and the driver: sudo apt install pcscd libccid
            Start the service: sudo systemctl enable --now pcscd.socket
    }

## The band above the page while the simulated card is shown, and why the window chose it.

demo-banner = ⚠ Demo mode – simulated card
demo-why-no-service = It started by itself because this computer's smart card service does not answer: your card cannot be read.
demo-why-no-reader = It started by itself because no smart card reader is seen.
demo-reader-without-driver = A USB reader is plugged in but the service does not see it: its driver is missing.
demo-open-diagnostics = Open Diagnostics
demo-leave = Leave the demo
