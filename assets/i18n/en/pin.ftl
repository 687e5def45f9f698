### Outcomes of PIN and PUK operations: the window and the command line use these same texts.
### $secret is "PIN" or "PUK".

secret-wrong = Wrong { $secret }

tries-left =
    { $tries ->
        [one] Only one try left.
       *[other] You have { $tries } tries left.
    }

tries-left-for =
    { $tries ->
        [one] Careful: only one { $secret } try left.
       *[other] You have { $tries } { $secret } tries left.
    }

last-try-consequence =
    { $secret ->
        [PUK] One more mistake blocks the PUK, and the card must be replaced.
       *[other] One more mistake blocks the PIN, and you will need the PUK.
    }

tries-unknown = The card does not say how many tries are left: check carefully before trying again.

sign-wrong-pin = Wrong PIN: the document was not signed.

cli-last-try-not-sent = Nothing was sent to the card. If you are sure, run the command again with --confirm-last-attempt.
