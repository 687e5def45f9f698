### The demo mode's panel: the simulated card, the situations and the card types.

# The demo's virtual reader's name (readers, status, diagnosis).
demo-reader-name = CNS Manager – demo reader

# Demo panel, buttons.
demo-insert-card = Insert the card
demo-remove-card = Remove the card
demo-reset-card = Reset the card

# Demo panel, title and accessible name of the situation chooser.
demo-situation = Situation

# Demo panel, the situations to choose from.
demo-scenario-fresh = New
demo-scenario-last-try = PIN: one try left
demo-scenario-pin-blocked = PIN blocked
demo-scenario-puk-blocked = PIN and PUK blocked

# Demo panel, a situation not in the list, said with the counters. $secret is "PIN" or "PUK".
demo-secret-tries =
    { $tries ->
        [0] { $secret } blocked
        [one] { $secret }: { $tries } try
       *[other] { $secret }: { $tries } tries
    }

# Demo panel, under the choosers: the PIN was changed by the user and is not shown.
demo-pin-own = PIN: the one you chose
# Demo panel, after the user's PIN: how to get the test PIN back.
demo-pin-way-back = ("Reset the card" goes back to { $pin })

# Demo panel, card types with words to translate (the others are brands).
demo-mode-legacy = Lombardy CRS (Siemens)
demo-mode-no-count = No counter

# Demo panel, a hint on each card type.
demo-hint-standard = Athena card: standard behaviour, tells the tries left.
demo-hint-stincard = STIncard card: PIN commands need a different parameter.
demo-hint-siemens = Siemens CardOS: asking for the tries uses one up, so they are not asked.
demo-hint-idemia = IDEMIA: long answers in pieces (GET RESPONSE).
demo-hint-legacy = Old Lombardy CRS (Siemens): like Siemens, and long files read in pieces.
demo-hint-no-count = Never tells how many tries are left, not even after a wrong PIN.
demo-hint-applet2025 = 2025 TS-CNS: the CNS application only, card number in a new file.
demo-hint-st2022 = ST2022 read over NFC: JSign4 applet, ATR with no historical bytes.
demo-hint-idemia2021 = IDEMIA 2021: the certificate in another folder.
