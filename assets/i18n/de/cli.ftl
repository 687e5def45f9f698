### Die Meldungen der Befehle der Befehlszeile (cli/): PIN, Lesegeräte, watch, export-cert, Fehler in der Befehlszeile.
### Hilfe und Handbuchseite stehen in cli-help.ftl.

# verify-pin, change-pin, unblock, sign: Die Codes konnten nicht gelesen werden.
cli-input-unreadable = Die Eingabe konnte nicht gelesen werden: { $error }

# Ursache in cli-input-unreadable: --stdin hat weniger Zeilen als nötig.
cli-read-missing-line = die Standardeingabe endete, bevor alle Werte gelesen waren

# Ursache in cli-input-unreadable: kein Terminal und kein --stdin.
cli-read-no-terminal = kein Terminal für die Abfrage vorhanden; verwenden Sie --stdin

# Ursache in cli-input-unreadable: eine zu lange Zeile.
cli-read-too-long = eine Zeile der Standardeingabe ist zu lang für eine PIN oder PUK

# Ursache in cli-input-unreadable: Bytes, die kein Text sind.
cli-read-not-text = die Standardeingabe ist kein Text

# Abfrage im Terminal (change-pin, unblock).
cli-prompt-new-pin = Neue PIN (5-8 Ziffern)

# Abfrage im Terminal (unblock).
cli-prompt-puk = PUK (8 Ziffern)

# Frage im Terminal (unblock) bei einer kurzen PUK; ja ist s/y/j.
cli-short-puk-ask = Eine PUK der TS-CNS hat { $digits } Ziffern, Sie haben { $typed } eingegeben: Eine falsche PUK verbraucht einen Versuch. Trotzdem senden? [j/N]

# unblock: kurze PUK nicht bestätigt.
cli-short-puk-refused = Eine PUK der TS-CNS hat { $digits } Ziffern: Sie haben { $typed } eingegeben. Es wurde nichts an die Karte gesendet. Prüfen Sie die PUK, die Ihnen übergeben wurde; wenn Sie sicher sind, wiederholen Sie den Befehl mit --confirm-short-puk.

# verify-pin, change-pin, unblock: vor der Liste der ungültigen Werte.
cli-invalid-values = Ungültige Werte, es wurde nichts an die Karte gesendet:

# Feldname in einer Zeile von cli-invalid-values.
cli-field-current-pin = aktuelle PIN

# Feldname in einer Zeile von cli-invalid-values.
cli-field-new-pin = neue PIN

# Feldname in einer Zeile von cli-invalid-values.
cli-field-repeat-pin = Wiederholung der neuen PIN

# Nach dem Feldnamen, in einer Zeile von cli-invalid-values.
cli-format-empty = ist leer

# Nach dem Feldnamen, in einer Zeile von cli-invalid-values.
cli-format-not-digits = darf nur Ziffern enthalten

# Nach dem Feldnamen, in einer Zeile von cli-invalid-values.
cli-format-too-short = muss mindestens 5 Ziffern haben

# Nach dem Feldnamen, in einer Zeile von cli-invalid-values.
cli-format-too-long = darf höchstens 8 Ziffern haben

# Eine Zeile von cli-invalid-values.
cli-new-pins-differ = die beiden neuen PINs stimmen nicht überein

# Eine Zeile von cli-invalid-values.
cli-new-pin-unchanged = die neue PIN ist dieselbe wie die aktuelle

# verify-pin erfolgreich.
cli-pin-correct = PIN richtig.

# change-pin erfolgreich.
cli-pin-changed = PIN geändert. Verwenden Sie ab jetzt die neue PIN.

# unblock erfolgreich.
cli-pin-unblocked = PIN entsperrt und durch die neue ersetzt.

# verify-pin, change-pin: Die PIN ist gesperrt.
cli-pin-blocked = Die PIN ist gesperrt. { doctor-pin-blocked-fix }.

# unblock, sign: Die PUK ist gesperrt.
cli-puk-blocked = Die PUK ist gesperrt: Die Karte kann nicht mehr entsperrt werden und muss ersetzt werden. Beantragen Sie eine neue Karte bei der Agenzia delle Entrate (online oder in einem Amt) oder bei den Schaltern Ihres Landes oder Ihrer Region. Grüne Nummer 800 030 606; Sistema TS 800 030 070.

# verify-pin, change-pin, unblock: Die Karte hat mit einem Fehler geantwortet (Statuswort).
cli-card-refused-status = Die Karte hat den Vorgang abgelehnt ({ $status }).

# verify-pin, change-pin, unblock: Die Verbindung zur Karte ist abgebrochen.
cli-interrupted = Vorgang unterbrochen.

# verify-pin, change-pin, unblock: Der Befehl hat die Karte möglicherweise erreicht; auch in sign-not-signed-try-in-doubt (documents.ftl).
try-counted-unknown = Es ist nicht bekannt, ob der Versuch gezählt wurde: Prüfen Sie es mit „cns-manager status“.

# cns-manager ohne Befehl und ohne Lesegerät: auf stderr, bevor sich das Fenster öffnet.
cli-demo-autostart = Kein Lesegerät verfügbar: Start im Demomodus mit einer simulierten Karte.

# cns-manager ohne Befehl: Das Fenster öffnet sich nicht.
cli-window-failed = Das Fenster kann nicht geöffnet werden: { $error }

# readers: ein Lesegerät mit einer Karte, die nicht antwortet.
cli-reader-mute-card = Karte vorhanden, aber stumm (antwortet nicht)

# --reader mit einem Namen, den es nicht gibt.
cli-reader-not-found = Lesegerät „{ $reader }“ nicht gefunden. Verfügbare Lesegeräte: { $readers }

# Karten in mehreren Lesegeräten und kein --reader.
cli-several-cards = Es stecken Karten in mehreren Lesegeräten: { $readers }. Wählen Sie eines mit --reader NAME.

# export-cert --pem: Das Zertifikat ist nicht lesbar.
cli-cert-not-parsable = Das Zertifikat auf der Karte ist nicht lesbar: Es kann nicht in PEM umgewandelt werden.

# export-cert: Die Datei kann nicht geschrieben werden.
cli-write-failed = { $file } kann nicht geschrieben werden: { $error }

# export-cert erfolgreich.
cli-cert-saved = Zertifikat in { $file } gespeichert ({ $bytes } Byte).

# watch: Die Überwachung der Lesegeräte startet nicht.
cli-watch-failed = Die Lesegeräte können nicht überwacht werden.

# watch: eine Zeile pro Ereignis.
cli-event-reader-added = Lesegerät angeschlossen
# watch: eine Zeile pro Ereignis.
cli-event-reader-removed = Lesegerät getrennt
# watch: eine Zeile pro Ereignis.
cli-event-card-inserted = Karte eingesteckt
# watch: eine Zeile pro Ereignis.
cli-event-card-removed = Karte entnommen
# watch: eine Zeile pro Ereignis.
cli-event-service-lost = Chipkartendienst nicht erreichbar
# watch: eine Zeile pro Ereignis.
cli-event-service-back = Chipkartendienst wieder verfügbar

# Fehlerhafte Befehlszeile: „Fehler: …“ auf stderr.
cli-parse-error = Fehler

# Nach cli-parse-error.
cli-parse-unknown-command = unbekannter Befehl „{ $command }“
# Nach cli-parse-error.
cli-parse-unknown-option = unbekannte Option „{ $option }“
# Nach cli-parse-error.
cli-parse-missing-value = { $option } braucht einen Wert
# Nach cli-parse-error.
cli-parse-invalid-value = ungültiger Wert „{ $value }“ für { $option }
# Nach cli-parse-error.
cli-parse-invalid-value-among = ungültiger Wert „{ $value }“ für { $option } (möglich: { $valid })
# Nach cli-parse-error.
cli-parse-missing-argument = ein notwendiges Argument fehlt: { $argument }
# Nach cli-parse-error.
cli-parse-missing-command = der Befehl fehlt
# Nach cli-parse-error.
cli-parse-conflict = { $option } kann nicht zusammen mit { $other } verwendet werden
# Nach cli-parse-error.
cli-parse-wrong-number-of-values = falsche Anzahl von Werten für { $option }
# Nach cli-parse-error.
cli-parse-invalid-arguments = ungültige Argumente

# Fehlerhafte Befehlszeile: vor dem Vorschlag.
cli-parse-did-you-mean = meinten Sie:

# Fehlerhafte Befehlszeile: letzte Zeile.
cli-parse-more-info = Weitere Informationen: cns-manager --help
