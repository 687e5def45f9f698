### Ergebnisse der PIN- und PUK-Vorgänge: Fenster und Befehlszeile verwenden dieselben Texte.
### $secret ist "PIN" oder "PUK". Anrede: "Sie", wie in der Südtiroler Landesverwaltung üblich.

secret-wrong = Falsche { $secret }

tries-left =
    { $tries ->
        [one] Sie haben nur noch einen Versuch.
       *[other] Sie haben noch { $tries } Versuche.
    }

tries-left-for =
    { $tries ->
        [one] Achtung: Sie haben nur noch einen Versuch für die { $secret }.
       *[other] Sie haben noch { $tries } Versuche für die { $secret }.
    }

last-try-consequence =
    { $secret ->
        [PUK] Ein weiterer Fehler sperrt die PUK, und die Karte muss ersetzt werden.
       *[other] Ein weiterer Fehler sperrt die PIN, und Sie brauchen dann die PUK.
    }

tries-unknown = Die Karte gibt nicht an, wie viele Versuche bleiben: Prüfen Sie sorgfältig, bevor Sie es erneut versuchen.

sign-wrong-pin = Falsche PIN: Das Dokument wurde nicht signiert.

cli-last-try-not-sent = Es wurde nichts an die Karte gesendet. Wenn Sie sicher sind, wiederholen Sie den Befehl mit --confirm-last-attempt.
