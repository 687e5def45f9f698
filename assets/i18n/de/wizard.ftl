### Die PIN-Assistenten (Ändern, Entsperren, Prüfen): die Schritte, die Bestätigung des letzten
### Versuchs, das Warten und die Schaltflächen des Ergebnisses.

# Assistent, über der Frage, wenn es mehrere Schritte gibt.
wizard-step-of = Schritt { $step } von { $steps }
# Assistent, während die Karte den Befehl ausführt.
wizard-card-working = Die Karte arbeitet…
wizard-do-not-remove = Entfernen Sie die Karte nicht
# Assistent, unten bei jedem Schritt.
wizard-keys-hint = Eingabetaste zum Fortfahren, Esc zum Zurückgehen.

# Assistent, Schaltflächen zwischen den Schritten.
wizard-back = Zurück
wizard-next = Weiter
wizard-confirm-unblock = Entsperren
wizard-confirm-verify = Prüfen

# Assistent, Bestätigung, bevor der letzte Versuch verwendet wird. $secret ist "PIN" oder "PUK".
wizard-last-try-warning =
    { $secret ->
        [PUK] Dies ist der letzte Versuch für die PUK.
       *[other] Dies ist der letzte Versuch.
    }
wizard-continue-question = Fortfahren?
wizard-use-last-try = Ja, den letzten Versuch verwenden

wizard-try-again = Erneut versuchen
wizard-not-now = Nicht jetzt
wizard-done = Fertig
