### The card's state and the PIN and PUK operations. The window (card page, wizards) and the
### command line (`status`, `watch`) use these same texts. $secret is "PIN" or "PUK".

## Card data: labels (window, `status`, `watch`)

card-reader = Reader
card-holder = Holder
card-holder-unreadable = Holder not readable
card-fiscal-code = Fiscal code
card-born-on = Born on
card-number = Card no.
card-type = Card type
card-expiry = Card expiry
card-certificate = Certificate
card-profile = Profile
card-chip-maker = Chip maker
card-declared-type = Declared type

## Card data: values (window and command line)

card-value-unreadable = not readable
card-expiry-not-stated = not stated
card-expired = expired: it must be renewed
card-valid = valid
expires-in-days =
    { $days ->
        [0] expires today
        [one] expires in { $days } day
       *[other] expires in { $days } days
    }
card-certificate-expired = expired
card-certificate-valid = valid
card-certificate-ends-before-card = ends before the card
card-certificate-mismatch = the certificate does not match the card's data
fiscal-code-valid = valid
fiscal-code-mismatch = does not match the card's data
fiscal-code-invalid = not valid

## PIN and PUK state: headline and detail of the window's boxes, and lines of `status`/`watch`

secret-active =
    { $secret ->
        [PUK] PUK available
       *[other] PIN active
    }
secret-tries-left =
    { $tries ->
        [one] You have { $tries } try left
       *[other] You have { $tries } tries left
    }
secret-verified = Already verified in this session
secret-last-try = { $secret }: only one try left
pin-last-try-puk-blocked = Careful: one more mistake blocks the PIN and, with the PUK blocked, the card must be replaced.
pin-last-try-advice = Careful: one more mistake blocks the PIN. If unsure, unblock it with the PUK.
secret-blocked = { $secret } blocked
pin-blocked-for-good = It can no longer be unblocked: the PUK is blocked too
pin-unblock-with-puk = Unblock it with the PUK
card-must-be-replaced = The card must be replaced
secret-state-unknown = { $secret }: state unknown
secret-tries-not-told = This card does not tell how many tries are left, nor whether it is blocked
pin-blocked-unblock-first = The PIN is blocked: unblock it with the PUK.
puk-blocked-replace = PUK blocked: the card can no longer be unblocked and must be replaced.

## Counters (window, technical details)

counters-read = Counters read from the card without using tries.
counters-not-asked = This card family uses up a try when asked for the counter: we do not ask.

## PIN and PUK operations (the window's wizards)

pin-op-unknown-tries-puk = This card does not tell how many PUK tries are left: this may be the last one. If the PUK is wrong, the card may never be unblocked again.
pin-op-unknown-tries-pin = This card does not tell how many tries are left: this may be the last one. If the PIN is wrong, the PIN may get blocked.
pin-op-title-change = Change the PIN
pin-op-title-unblock = Unblock the PIN with the PUK
pin-op-title-verify = Check the PIN
pin-op-current-pin = Current PIN
pin-op-current-pin-guide = Type the PIN you use now (5 to 8 digits).
pin-op-puk = PUK
pin-op-puk-guide = Type the PUK (8 digits): it is in the letter or email you received with the PIN.
pin-op-pin = PIN
pin-op-verify-guide = Type the PIN to check it is the right one. A wrong PIN uses up one try.
pin-op-new-pin = New PIN
pin-op-new-pin-guide = Choose a new PIN of 5 to 8 digits, easy for you to remember but not for others.
pin-op-repeat-pin = Repeat the new PIN
pin-op-repeat-pin-guide = Type it again, to be sure there are no typos.
pin-op-not-a-digit = Digits only: the { $secret } is made of numbers. Letters were left out.
pin-op-too-long = At most 8 digits: the { $secret } you typed is longer. Delete it and type it again.
pin-op-send-short-puk = Continue anyway
pin-op-field-empty = The field is empty.
pin-op-too-short = Too short: at least 5 digits.
pin-op-mismatch = The two PINs did not match: choose the new PIN, then repeat it.
pin-op-puk-length = The PUK has { $len } digits: you typed { $typed }. Check the letter or email with your PUK. If yours really has { $typed } digits, choose “{ pin-op-send-short-puk }”.
pin-op-unchanged = The new PIN equals the current one: choose another.
pin-op-busy = The card is already working.
pin-op-finished = The operation has already ended.
pin-op-weak-repeated = Hint: a PIN of identical digits is easy to guess.
pin-op-weak-sequence = Hint: a run like 12345 is easy to guess.
pin-op-weak-birth-date = Hint: your birth date is easy to guess for people who know you.
pin-op-changed = PIN changed
pin-op-changed-next = From now on, use the new PIN.
pin-op-unblocked = PIN unblocked
pin-op-unblocked-next = The new PIN is active and the tries are back to 3.
pin-op-verified = The PIN is correct
pin-op-verified-next = The tries are back to the maximum.
pin-op-pin-blocked-next = No tries left. You can unblock it with the PUK and choose a new PIN.
pin-op-puk-blocked = PUK blocked: the card must be replaced
pin-op-puk-blocked-next = It can no longer be unblocked, and this cannot be undone.
pin-op-card-refused = The card refused the operation
pin-op-card-refused-next = No try appears to be used up. Try again; if it happens again, see the technical details.
pin-op-card-removed = Card removed during the operation
pin-op-card-removed-next = The card was removed: the operation may not have been completed, and the try may have been counted. Insert the card again to see its state.
pin-op-interrupted = Communication interrupted
pin-op-interrupted-next = The operation may not have been completed. Check the card's state before trying again.
pin-op-card-left-change = Card removed: PIN not changed
pin-op-card-left-unblock = Card removed: PIN not unblocked
pin-op-card-left-verify = Card removed: PIN not checked
pin-op-card-left-next = Nothing was sent to the card: no try was used. Insert the card again to try again.
