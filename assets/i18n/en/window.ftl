### The window: top bar, reader list, card page, notices, saving the certificate, names for
### screen readers.

## Top bar

window-title = CNS Manager
window-demo = Demo
window-demo-hint = Try the program with a simulated card, no reader needed.
window-text-smaller = Make the text smaller
window-text-smaller-hint = Smaller text (Ctrl −)
window-text-size = Text size
window-text-larger = Make the text larger
window-text-larger-hint = Larger text (Ctrl +)
window-diagnostics-hint = Check the smart card service, driver, readers and cards; prepare the support report.
window-counter = Counter
window-counter-locked-hint = Counter mode was set at start (by the installer or --counter): it cannot be turned off here.
window-counter-hint = Counter mode: every datum disappears when the card is removed; nothing is saved to disk.
window-counter-mode = Counter mode
window-counter-mode-explained = For the counters that help citizens: every personal datum disappears when the card is removed and nothing is saved to disk. In offices the installer sets it for everyone (mode = "counter").
window-session-counts = Counter · Operations this session: { $total } ({ $parts })
window-session-changes =
    { $n ->
        [one] { $n } PIN change
       *[other] { $n } PIN changes
    }
window-session-unblocks =
    { $n ->
        [one] { $n } unblock
       *[other] { $n } unblocks
    }
window-session-verifies =
    { $n ->
        [one] { $n } check
       *[other] { $n } checks
    }

## Reader list

window-readers-service-down = Smart card service not running
window-readers-searching = Looking for readers…
window-reader-card-inserted = card inserted
window-simulated-card = Simulated card

## Card page

window-insert-card = Insert the card in the reader
window-insert-card-how = With the golden chip facing up and towards the reader. The card's state will appear here by itself.
window-reading-card = Reading the card…
window-do-not-remove = Do not remove the card.
window-not-cns = This card is not a Tessera Sanitaria – CNS (Italian health card).
window-not-cns-advice = Check you inserted the right health card. Other cards (bank cards, electronic identity card, digital signature) are not managed by this program.
window-verify-offer = Did you receive a signed document?
window-verify-offer-how = Checking a .p7m or .p7s file needs no card: drop it on the window or choose it.
window-read-removed = The card was removed while being read. Insert it again.
window-read-in-use = Another program is using the card. As soon as it lets go, the card is read by itself; if that does not happen, close the other program.
window-read-service-down = The smart card service does not answer.
window-read-other = The card could not be read.
window-retry = Retry
window-unblock-with-puk = Unblock with the PUK
window-change-pin = Change PIN
window-verify-pin = Check PIN
window-use-in-browser-hint = Which browsers see the card to log in to online services; add the module where it is missing.
window-drop-hint = You can also drop a file on the window: a .p7m or .p7s is checked, any other document is signed.
window-reader-appears = When the reader is ready, it appears on the left by itself.
window-try-demo = Try the demo mode
window-technical-details = Technical details

## Notices at the top of the page

window-wiped = Card removed – screen cleared
window-wiped-before-sending = Card removed before anything was sent – screen cleared. Nothing changed on the card and no try was used.
window-removed-during-operation = The card was removed: the operation may not have been completed. Insert the card again to see its state.
window-certificate-saved = Certificate saved to { $path }
window-certificate-not-saved = The certificate was not saved: { $error }

## Saving the certificate

window-save-certificate = Save the certificate

## Screen readers

window-digits-typed =
    { $n ->
        [0] No digits typed.
        [one] { $n } digit typed.
       *[other] { $n } digits typed.
    }
