### Help, manual page and completions of the command line (cli/help.rs).
### arg-<id>: an option's help, looked up by clap's id (arg-<command>-<id> applies to that command);
### cmd-<command>: a command's description. An option or command without a text fails a test.

# The program's long description (cns-manager --help, man).
cmd-long-about =
    Card manager for the Italian Tessera Sanitaria – Carta Nazionale dei Servizi (TS-CNS): the card's state, PIN change, unblock with the PUK, certificate.
    With no command it opens the window; with a command it works in the terminal.

# Before the usage line (--help, command line errors).
usage-title = Usage:

# In the usage line, standing for the options.
usage-options-placeholder = [OPTIONS]

# In the usage line, standing for the command.
usage-command-placeholder = [COMMAND]

# The command's name in the manual page (SYNOPSIS).
usage-command-value = COMMAND

# The placeholder of a name (--reader <NAME>).
usage-name-value = NAME

# The placeholder of a file (--out <FILE>).
usage-file-value = FILE

# Heading of the command list (--help).
usage-commands-heading = Commands:

# Heading of the argument list (--help).
usage-arguments-heading = Arguments:

# Heading of the option list (--help).
usage-options-heading = Options:

# Manual page: the manual's name.
man-manual = cns-manager manual

# Manual page: section headings.
man-name = NAME
# Manual page: section headings.
man-synopsis = SYNOPSIS
# Manual page: section headings.
man-description = DESCRIPTION
# Manual page: section headings.
man-options = OPTIONS
# Manual page: section headings.
man-commands = COMMANDS
# Manual page: section headings.
man-exit-status = EXIT STATUS
# Manual page: section headings.
man-files = FILES
# Manual page: section headings.
man-environment = ENVIRONMENT

# Manual page, FILES: /etc/cns-manager/config.toml.
man-file-system-settings = System-wide settings (lang, preferred_reader, mode, zoom, pkcs11_module), set by the installer.

# Manual page, FILES: ~/.config/cns-manager/config.toml.
man-file-user-settings = The user's settings, written by the app: they override the system-wide ones field by field.

# Manual page, ENVIRONMENT: CNS_LOG.
man-env-cns-log = Diagnostics on stderr, e.g. debug or cns::apdu=trace (PIN and PUK never appear).

# Manual page, ENVIRONMENT: CNS_SYSTEM_TRUSTED_CA_DIR.
man-env-system-trusted-ca-dir = The system-wide trusted-authority folder, instead of /etc/cns-manager/trusted-ca (for tests and packagers).

# Manual page, ENVIRONMENT: CNS_PKCS11_MODULE.
man-env-pkcs11-module = The PKCS#11 module browser-setup registers in the browsers, instead of the installed one.

# The option's help (--help, man, completions). --lang
arg-lang = Language of messages: it, en or de (default: the one in the settings, then the system's locale; Italian otherwise).
# The option's help (--help, man, completions). --demo
arg-demo = Use the simulated demo card instead of real readers.
# The option's help (--help, man, completions). --demo-card
arg-demo-card = The demo card's type for the commands, by the short names of the window's demo "Card type" (standard, stincard, siemens, idemia, legacy, nocount, idemia2021, applet2025, st2022); implies --demo.
# The option's help (--help, man, completions). --counter
arg-counter = Counter (sportello) mode for the window: nothing personal survives the card's removal.
# The option's help (--help, man, completions). --json
arg-json = Machine-readable output (JSON) on stdout.
# The option's help (--help, man, completions). --reader
arg-reader = The reader to use (needed only when several hold a card).
# The option's help (--help, man, completions). --stdin
arg-stdin = Read the secrets from standard input, one per line, instead of asking on the terminal.
# The option's help (--help, man, completions). --confirm-last-attempt
arg-confirm-last-attempt = Allow the operation when exactly one try is left (a wrong value then blocks).
# The option's help (--help, man, completions). --confirm-short-puk
arg-confirm-short-puk = Send a PUK of fewer than 8 digits (every TS-CNS PUK has 8: a shorter one is likely a typo, and a wrong PUK spends a try).
# The option's help (--help, man, completions). --out
arg-out = Where to write the certificate.
# The option's help (--help, man, completions). --pem
arg-pem = PEM (text) instead of DER (binary).
# The option's help (--help, man, completions). --report
arg-report = Also write a support report to FILE: results, versions, readers, the card's profile and a command trace, with every personal datum and secret redacted.
# The option's help (--help, man, completions). --doctor-reader
arg-doctor-reader = Check only the card in this reader (the other readers are only listed).
# The option's help (--help, man, completions). --shell
arg-shell = The shell: bash, zsh, fish, powershell or elvish.
# The option's help (--help, man, completions). --check
arg-check = Only check: never change anything.
# The option's help (--help, man, completions). --yes
arg-yes = Register without asking (for scripts).
# The option's help (--help, man, completions). --file (sign)
arg-sign-file = The document to sign.
# The option's help (--help, man, completions). --out (sign)
arg-sign-out = Where to write the signed file (default: FILE.p7m, FILE.p7s with --detached, never over an existing file: a second signature of x.txt is "x (2).txt.p7m"; the existing file with --add-to).
# The option's help (--help, man, completions). --detached
arg-detached = A detached signature (.p7s): the document is not included.
# The option's help (--help, man, completions). --add-to
arg-add-to = Add this signature to an existing .p7m of the same document (FILE).
# The option's help (--help, man, completions). --file (verify)
arg-verify-file = The signed file (.p7m or .p7s; DER or Base64).
# The option's help (--help, man, completions). --content
arg-content = The original document, for a detached signature (.p7s). Default: FILE without ".p7s" (for "x (2).txt.p7s", x.txt when there is no "x (2).txt").
# The option's help (--help, man, completions). --extract
arg-extract = Save the signed document here (from a .p7m; nested envelopes are opened).
# The option's help (--help, man, completions). --ca
arg-ca = Also trust this CA certificate (DER or PEM), besides the imported ones. Repeatable.
# The option's help (--help, man, completions). --crl
arg-crl = Check revocation against this CRL (DER or PEM).
# The option's help (--help, man, completions). --fetch-crl
arg-fetch-crl = Download the CRL from the certificate's distribution point (http://) to check revocation.
# The option's help (--help, man, completions). --file (ca import)
arg-ca-import-file = The CA certificate (DER or PEM; a PEM may hold several).
# The option's help (--help, man, completions). --file (ca import-tsl)
arg-ca-import-tsl-file = The trusted list (TSL) in XML, e.g. AgID's TSL-IT.xml.
# The option's help (--help, man, completions). --signer (ca import-tsl)
arg-ca-import-tsl-signer = Check the list's signature with this certificate (DER or PEM) instead of the pinned signer.
# The option's help (--help, man, completions). --file (ca tsl-signer)
arg-ca-tsl-signer-file = The certificate(s) (DER or PEM) of whoever signs the trusted list.
# The option's help (--help, man, completions). --fingerprint
arg-fingerprint = The CA's SHA-256 fingerprint (at least 8 hex digits).
# The option's help (--help, man, completions). --reader (watch)
arg-watch-reader = Only this reader's events.
# The option's help (--help, man, completions). --json (watch)
arg-watch-json = One JSON object per line.
# The option's help (--help, man, completions). --help
arg-help = Print this help.
# The option's help (--help, man, completions). --version
arg-version = Print the version.

# The command's description (--help, man, completions). cns-manager 
cmd-cns-manager = Card manager for the Italian Tessera Sanitaria – Carta Nazionale dei Servizi (TS-CNS).
# The command's description (--help, man, completions). cns-manager readers
cmd-readers = List the smart card readers and whether each holds a card.
# The command's description (--help, man, completions). cns-manager status
cmd-status = Holder, card, certificate, PIN and PUK state. Never spends a try.
# The command's description (--help, man, completions). cns-manager verify-pin
cmd-verify-pin = Check the PIN (spends a try if it is wrong).
# The command's description (--help, man, completions). cns-manager change-pin
cmd-change-pin = Change the PIN: current PIN, then the new one twice.
# The command's description (--help, man, completions). cns-manager unblock
cmd-unblock = Unblock the PIN with the PUK and set a new PIN.
# The command's description (--help, man, completions). cns-manager watch
cmd-watch = Follow readers and cards: one line per event, and the status of each card inserted (read once, never spends a try), until interrupted.
# The command's description (--help, man, completions). cns-manager sign
cmd-sign = Sign a document with the card (CAdES: .p7m, or .p7s with --detached).
# The command's description (--help, man, completions). cns-manager verify
cmd-verify = Check a signed document (.p7m/.p7s): who signed, when, whether to trust it.
# The command's description (--help, man, completions). cns-manager ca
cmd-ca = The certification authorities trusted for checking signatures.
# The command's description (--help, man, completions). cns-manager ca import
cmd-ca-import = Trust a CA certificate (DER or PEM; a PEM may hold several) for checking signatures.
# The command's description (--help, man, completions). cns-manager ca list
cmd-ca-list = List the trusted CA certificates (system-wide and yours).
# The command's description (--help, man, completions). cns-manager ca remove
cmd-ca-remove = Stop trusting a CA you imported, named by its SHA-256 fingerprint.
# The command's description (--help, man, completions). cns-manager ca import-tsl
cmd-ca-import-tsl = Trust the qualified CAs and timestamp services of an EU trusted list (TSL), after checking its signature with xmlsec1. This program does not download it: save the Italian list from https://eidas.agid.gov.it/TL/TSL-IT.xml with a browser or with "curl -o TSL-IT.xml https://eidas.agid.gov.it/TL/TSL-IT.xml". A newer list replaces the previous one of its country; CAs imported by hand stay.
# The command's description (--help, man, completions). cns-manager ca tsl-signer
cmd-ca-tsl-signer = Show the trusted lists' pinned signer, or replace it (for you) with the given certificate, e.g. AgID's new one published in the EU list of trusted lists.
# The command's description (--help, man, completions). cns-manager export-cert
cmd-export-cert = Save the authentication certificate to a file (DER, or PEM with --pem).
# The command's description (--help, man, completions). cns-manager doctor
cmd-doctor = Check the smart card service, driver, readers, cards and settings, and say how to fix each problem. Exits 0 when there is no problem, 1 otherwise.
# The command's description (--help, man, completions). cns-manager browser-setup
cmd-browser-setup = Say which browsers (Firefox profiles, the Chromium database) will see the card and, where it is missing, register the PKCS#11 module after asking (--yes for scripts, --check to change nothing). Close Firefox first. Exits 0 when every browser found sees the card, 1 otherwise.
# The command's description (--help, man, completions). cns-manager completions
cmd-completions = Print the shell completion script (bash, zsh, fish, powershell, elvish).
# The command's description (--help, man, completions). cns-manager man
cmd-man = Print the manual page (roff) in the language chosen, for example: cns-manager --lang it man | man -l -

# Manual page, exit status section. 0
man-exit-0 = Success.
# Manual page, exit status section. 1
man-exit-1 = Any other error (for doctor: at least one problem; for browser-setup: a browser does not see the card yet).
# Manual page, exit status section. 2
man-exit-2 = Invalid input: nothing was sent to the card.
# Manual page, exit status section. 3
man-exit-3 = Wrong PIN or PUK.
# Manual page, exit status section. 4
man-exit-4 = PIN blocked: unblock it with the PUK.
# Manual page, exit status section. 5
man-exit-5 = PUK blocked: the card must be replaced.
# Manual page, exit status section. 6
man-exit-6 = No reader, no card, or not a TS-CNS card.
# Manual page, exit status section. 7
man-exit-7 = Refused: exactly one try left and --confirm-last-attempt not given.
# Manual page, exit status section. 8
man-exit-8 = verify: a signature is NOT valid (document altered, signature broken, not a signed file).
# Manual page, exit status section. 9
man-exit-9 = verify: no signature is shown broken, but the file cannot be relied on: a certificate expired, revoked or not trusted, a revocation check asked for but not possible, or a signature this program cannot check (algorithm not supported, certificate missing).
# Manual page, exit status section. 141
man-exit-141 = The output's reader went away (cns-manager status | head -1): the program stops quietly, as on SIGPIPE.
