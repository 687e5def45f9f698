### The messages of the command line's commands (cli/): PIN, readers, watch, export-cert, command line errors.
### The help and the manual page are in cli-help.ftl.

# verify-pin, change-pin, unblock, sign: the secrets could not be read.
cli-input-unreadable = Could not read the input: { $error }

# Cause in cli-input-unreadable: --stdin has fewer lines than needed.
cli-read-missing-line = standard input ended before all values were read

# Cause in cli-input-unreadable: no terminal and no --stdin.
cli-read-no-terminal = no terminal to ask on; use --stdin

# Cause in cli-input-unreadable: a line too long.
cli-read-too-long = a line of standard input is too long to be a PIN or PUK

# Cause in cli-input-unreadable: bytes that are not text.
cli-read-not-text = standard input is not text

# Terminal prompt (change-pin, unblock).
cli-prompt-new-pin = New PIN (5-8 digits)

# Terminal prompt (unblock).
cli-prompt-puk = PUK (8 digits)

# Terminal question (unblock) for a short PUK; yes is s/y/j.
cli-short-puk-ask = A TS-CNS PUK has { $digits } digits and you typed { $typed }: a wrong PUK spends a try. Send it anyway? [y/N]

# unblock: short PUK not confirmed.
cli-short-puk-refused = A TS-CNS PUK has { $digits } digits: you typed { $typed }. Nothing was sent to the card. Check the PUK you were given; if you are sure, run the command again with --confirm-short-puk.

# verify-pin, change-pin, unblock: before the list of invalid values.
cli-invalid-values = Invalid values, nothing was sent to the card:

# Field name in a line of cli-invalid-values.
cli-field-current-pin = current PIN

# Field name in a line of cli-invalid-values.
cli-field-new-pin = new PIN

# Field name in a line of cli-invalid-values.
cli-field-repeat-pin = repeated new PIN

# After the field name, in a line of cli-invalid-values.
cli-format-empty = is empty

# After the field name, in a line of cli-invalid-values.
cli-format-not-digits = must contain digits only

# After the field name, in a line of cli-invalid-values.
cli-format-too-short = must have at least 5 digits

# After the field name, in a line of cli-invalid-values.
cli-format-too-long = may have at most 8 digits

# A line of cli-invalid-values.
cli-new-pins-differ = the two new PINs differ

# A line of cli-invalid-values.
cli-new-pin-unchanged = the new PIN equals the current one

# verify-pin succeeded.
cli-pin-correct = PIN correct.

# change-pin succeeded.
cli-pin-changed = PIN changed. Use the new PIN from now on.

# unblock succeeded.
cli-pin-unblocked = PIN unblocked and replaced with the new one.

# verify-pin, change-pin: the PIN is blocked.
cli-pin-blocked = The PIN is blocked. { doctor-pin-blocked-fix }.

# unblock, sign: the PUK is blocked.
cli-puk-blocked = The PUK is blocked: the card can no longer be unblocked and must be replaced. Ask the Agenzia delle Entrate (online or at its offices) or your region's offices for a new card. Toll-free 800 030 606; Sistema TS 800 030 070.

# verify-pin, change-pin, unblock: the card answered with an error (status word).
cli-card-refused-status = The card refused the operation ({ $status }).

# verify-pin, change-pin, unblock: the contact with the card was lost.
cli-interrupted = Operation interrupted.

# verify-pin, change-pin, unblock: the command may have reached the card; also in sign-not-signed-try-in-doubt (documents.ftl).
try-counted-unknown = It is not known whether the try was counted: check with "cns-manager status".

# cns-manager with no command and no reader: on stderr, before the window opens.
cli-demo-autostart = No reader available: starting in demo mode with a simulated card.

# cns-manager with no command: the window does not open.
cli-window-failed = Cannot open the window: { $error }

# readers: a reader holding a card that does not answer.
cli-reader-mute-card = card present but mute

# --reader with a name that is not there.
cli-reader-not-found = Reader "{ $reader }" not found. Available readers: { $readers }

# Cards in several readers and no --reader.
cli-several-cards = Cards are present in several readers: { $readers }. Choose one with --reader NAME.

# export-cert --pem: the certificate cannot be parsed.
cli-cert-not-parsable = The certificate on the card cannot be parsed: cannot convert it to PEM.

# export-cert: the file cannot be written.
cli-write-failed = Cannot write { $file }: { $error }

# export-cert succeeded.
cli-cert-saved = Certificate saved to { $file } ({ $bytes ->
        [one] { $bytes } byte
       *[other] { $bytes } bytes
    }).

# watch: the reader monitor does not start.
cli-watch-failed = Cannot watch the readers.

# watch: one line per event.
cli-event-reader-added = Reader connected
# watch: one line per event.
cli-event-reader-removed = Reader disconnected
# watch: one line per event.
cli-event-card-inserted = Card inserted
# watch: one line per event.
cli-event-card-removed = Card removed
# watch: one line per event.
cli-event-service-lost = Smart card service unreachable
# watch: one line per event.
cli-event-service-back = Smart card service back

# Mistyped command line: "error: …" on stderr.
cli-parse-error = error

# After cli-parse-error.
cli-parse-unknown-command = unknown command '{ $command }'
# After cli-parse-error.
cli-parse-unknown-option = unknown option '{ $option }'
# After cli-parse-error.
cli-parse-missing-value = { $option } needs a value
# After cli-parse-error.
cli-parse-invalid-value = '{ $value }' is not a valid value for { $option }
# After cli-parse-error.
cli-parse-invalid-value-among = '{ $value }' is not a valid value for { $option } (possible: { $valid })
# After cli-parse-error.
cli-parse-missing-argument = a required argument is missing: { $argument }
# After cli-parse-error.
cli-parse-missing-command = the command is missing
# After cli-parse-error.
cli-parse-conflict = { $option } cannot be used together with { $other }
# After cli-parse-error.
cli-parse-wrong-number-of-values = wrong number of values for { $option }
# After cli-parse-error.
cli-parse-invalid-arguments = invalid arguments

# Mistyped command line: before the suggestion.
cli-parse-did-you-mean = did you mean:

# Mistyped command line: the last line.
cli-parse-more-info = For more information: cns-manager --help
