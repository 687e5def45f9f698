### Der Zustand der Karte und die Vorgänge mit PIN und PUK. Das Fenster (Kartenseite,
### geführte Schritte) und die Befehlszeile (`status`, `watch`) verwenden dieselben Texte.
### $secret ist "PIN" oder "PUK". Anrede: "Sie".

## Kartendaten: Bezeichnungen (Fenster, `status`, `watch`)

card-reader = Lesegerät
card-holder = Inhaber/in
card-holder-unreadable = Inhaber/in nicht lesbar
card-fiscal-code = Steuernummer
card-born-on = Geboren am
card-number = Karten-Nr.
card-type = Kartentyp
card-expiry = Ablauf der Karte
card-certificate = Zertifikat
card-profile = Profil
card-chip-maker = Chiphersteller
card-declared-type = Angegebener Typ

## Kartendaten: Werte (Fenster und Befehlszeile)

card-value-unreadable = nicht lesbar
card-expiry-not-stated = nicht angegeben
card-expired = abgelaufen: muss erneuert werden
card-valid = gültig
expires-in-days =
    { $days ->
        [0] läuft heute ab
        [one] läuft in { $days } Tag ab
       *[other] läuft in { $days } Tagen ab
    }
card-certificate-expired = abgelaufen
card-certificate-valid = gültig
card-certificate-ends-before-card = läuft vor der Karte ab
card-certificate-mismatch = das Zertifikat stimmt nicht mit den Daten der Karte überein
fiscal-code-valid = gültig
fiscal-code-mismatch = stimmt nicht mit den Daten der Karte überein
fiscal-code-invalid = nicht gültig

## Zustand von PIN und PUK: Titel und Einzelheiten der Felder im Fenster, Zeilen von `status`/`watch`

secret-active =
    { $secret ->
        [PUK] PUK verfügbar
       *[other] PIN aktiv
    }
secret-tries-left =
    { $tries ->
        [one] Sie haben noch { $tries } Versuch
       *[other] Sie haben noch { $tries } Versuche
    }
secret-verified = In dieser Sitzung bereits geprüft
secret-last-try = { $secret }: nur noch ein Versuch
pin-last-try-puk-blocked = Achtung: Ein weiterer Fehler sperrt die PIN, und da die PUK gesperrt ist, muss die Karte ersetzt werden.
pin-last-try-advice = Achtung: Ein weiterer Fehler sperrt die PIN. Wenn Sie unsicher sind, entsperren Sie sie mit der PUK.
secret-blocked = { $secret } gesperrt
pin-blocked-for-good = Die PIN kann nicht mehr entsperrt werden: Auch die PUK ist gesperrt
pin-unblock-with-puk = Entsperren Sie sie mit der PUK
card-must-be-replaced = Die Karte muss ersetzt werden
secret-state-unknown = { $secret }: Zustand unbekannt
secret-tries-not-told = Diese Karte gibt nicht an, wie viele Versuche bleiben und ob der Code gesperrt ist
pin-blocked-unblock-first = Die PIN ist gesperrt: Entsperren Sie sie mit der PUK.
puk-blocked-replace = PUK gesperrt: Die Karte kann nicht mehr entsperrt werden und muss ersetzt werden.

## Fehlbedienungszähler (Fenster, technische Details)

counters-read = Die Zähler wurden von der Karte gelesen, ohne Versuche zu verbrauchen.
counters-not-asked = Diese Kartenfamilie verbraucht einen Versuch, wenn man den Zähler abfragt: Wir fragen ihn nicht ab.

## Vorgänge mit PIN und PUK (geführte Schritte im Fenster)

pin-op-unknown-tries-puk = Diese Karte gibt nicht an, wie viele Versuche für die PUK bleiben: Es könnte der letzte sein. Ist die PUK falsch, lässt sich die Karte möglicherweise nie mehr entsperren.
pin-op-unknown-tries-pin = Diese Karte gibt nicht an, wie viele Versuche bleiben: Es könnte der letzte sein. Ist die PIN falsch, kann die PIN gesperrt werden.
pin-op-title-change = PIN ändern
pin-op-title-unblock = PIN mit der PUK entsperren
pin-op-title-verify = PIN prüfen
pin-op-current-pin = Aktuelle PIN
pin-op-current-pin-guide = Geben Sie die PIN ein, die Sie derzeit verwenden (5 bis 8 Ziffern).
pin-op-puk = PUK
pin-op-puk-guide = Geben Sie die PUK ein (8 Ziffern): Die PUK steht im Brief oder in der E-Mail, die Sie mit der PIN erhalten haben.
pin-op-pin = PIN
pin-op-verify-guide = Geben Sie die PIN ein, um zu prüfen, ob sie stimmt. Eine falsche PIN verbraucht einen Versuch.
pin-op-new-pin = Neue PIN
pin-op-new-pin-guide = Wählen Sie eine neue PIN mit 5 bis 8 Ziffern, die Sie sich leicht merken, andere aber nicht leicht erraten können.
pin-op-repeat-pin = Neue PIN wiederholen
pin-op-repeat-pin-guide = Geben Sie sie noch einmal ein, damit sich kein Tippfehler einschleicht.
pin-op-not-a-digit = Nur Ziffern: Die { $secret } besteht aus Zahlen. Buchstaben wurden nicht übernommen.
pin-op-too-long = Höchstens 8 Ziffern: Die eingegebene { $secret } ist länger. Löschen Sie sie und geben Sie sie erneut ein.
pin-op-send-short-puk = Trotzdem fortfahren
pin-op-field-empty = Das Feld ist leer.
pin-op-too-short = Zu kurz: Es sind mindestens 5 Ziffern nötig.
pin-op-mismatch = Die beiden PINs stimmten nicht überein: Wählen Sie die neue PIN und wiederholen Sie sie.
pin-op-puk-length = Die PUK hat { $len } Ziffern: Sie haben { $typed } eingegeben. Prüfen Sie den Brief oder die E-Mail mit der PUK. Hat Ihre PUK wirklich { $typed } Ziffern, wählen Sie „{ pin-op-send-short-puk }“.
pin-op-unchanged = Die neue PIN ist gleich der aktuellen: Wählen Sie eine andere.
pin-op-busy = Die Karte arbeitet bereits.
pin-op-finished = Der Vorgang ist bereits abgeschlossen.
pin-op-weak-repeated = Tipp: Eine PIN aus lauter gleichen Ziffern ist leicht zu erraten.
pin-op-weak-sequence = Tipp: Eine Folge wie 12345 ist leicht zu erraten.
pin-op-weak-birth-date = Tipp: Das Geburtsdatum ist für Personen, die Sie kennen, leicht zu erraten.
pin-op-changed = PIN geändert
pin-op-changed-next = Verwenden Sie ab jetzt die neue PIN.
pin-op-unblocked = PIN entsperrt
pin-op-unblocked-next = Die neue PIN ist aktiv und Sie haben wieder 3 Versuche.
pin-op-verified = Die PIN ist richtig
pin-op-verified-next = Die Versuche sind wieder auf dem Höchststand.
pin-op-pin-blocked-next = Sie haben keine Versuche mehr. Sie können die PIN mit der PUK entsperren und eine neue PIN wählen.
pin-op-puk-blocked = PUK gesperrt: Die Karte muss ersetzt werden
pin-op-puk-blocked-next = Die Karte kann nicht mehr entsperrt werden, und das lässt sich nicht rückgängig machen.
pin-op-card-refused = Die Karte hat den Vorgang abgelehnt
pin-op-card-refused-next = Es scheint kein Versuch verbraucht worden zu sein. Versuchen Sie es erneut; geschieht es wieder, sehen Sie sich die technischen Details an.
pin-op-card-removed = Karte während des Vorgangs entfernt
pin-op-card-removed-next = Die Karte wurde entfernt: Der Vorgang wurde möglicherweise nicht abgeschlossen, und der Versuch wurde möglicherweise gezählt. Stecken Sie die Karte wieder ein, um ihren Zustand zu sehen.
pin-op-interrupted = Verbindung unterbrochen
pin-op-interrupted-next = Der Vorgang wurde möglicherweise nicht abgeschlossen. Prüfen Sie den Zustand der Karte, bevor Sie es erneut versuchen.
pin-op-card-left-change = Karte entfernt: PIN nicht geändert
pin-op-card-left-unblock = Karte entfernt: PIN nicht entsperrt
pin-op-card-left-verify = Karte entfernt: PIN nicht geprüft
pin-op-card-left-next = Es wurde nichts an die Karte gesendet: Kein Versuch wurde verbraucht. Stecken Sie die Karte wieder ein, um es erneut zu versuchen.
