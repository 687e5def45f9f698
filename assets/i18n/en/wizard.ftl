### The PIN wizards (change, unblock, check): the steps, the last-try confirmation, the wait and
### the result's buttons.

# Wizard, above the question when there are several steps.
wizard-step-of = Step { $step } of { $steps }
# Wizard, while the card runs the command.
wizard-card-working = The card is working…
wizard-do-not-remove = Do not remove the card
# Wizard, at the bottom of each step.
wizard-keys-hint = Enter to continue, Esc to go back.

# Wizard, buttons to move between steps.
wizard-back = Back
wizard-next = Next
wizard-confirm-unblock = Unblock
wizard-confirm-verify = Check

# Wizard, confirmation before the last try is used. $secret is "PIN" or "PUK".
wizard-last-try-warning =
    { $secret ->
        [PUK] This is the last PUK try.
       *[other] This is the last try.
    }
wizard-continue-question = Continue?
wizard-use-last-try = Yes, use the last try

wizard-try-again = Try again
wizard-not-now = Not now
wizard-done = Done
