### Die Seite des Fensters zum Signieren und Prüfen eines Dokuments, und die Texte zum Signieren,
### die Fenster und `cns-manager sign` gemeinsam verwenden.

docs-title-sign = Ein Dokument signieren
docs-title-verify = Ein signiertes Dokument prüfen
docs-another-sign = Ein weiteres Dokument signieren
docs-another-verify = Ein weiteres Dokument prüfen
docs-choose-file = Datei auswählen…
docs-or-drop = oder in das Fenster ziehen
docs-folder-not-file = Das ist ein Ordner, keine Datei: Wählen Sie ein Dokument in „{ $path }“.
docs-file-not-found = Die Datei „{ $path }“ wurde nicht gefunden: Prüfen Sie den Pfad.
docs-path-label = Dateipfad
docs-open = Öffnen
docs-open-folder = Ordner öffnen
docs-close = Schließen
docs-cancel = Abbrechen
docs-size-bytes = { $n } Byte

## Signieren.

sign-insert-card = Stecken Sie die Karte ein, um zu signieren.
sign-card-certificate-expired = Das Zertifikat der Karte ist abgelaufen: Eine jetzt geleistete Signatur wäre nicht gültig.
sign-pin-blocked = Die PIN ist gesperrt: Entsperren Sie sie mit der PUK und signieren Sie dann.
sign-detached-choice = Getrennte Signatur (.p7s): Das Dokument bleibt separat
sign-pin-label = PIN der Karte
sign-show-digits = Ziffern anzeigen
sign-pin-empty = Geben Sie die PIN der Karte ein: 5 bis 8 Ziffern.
sign-pin-format = Ungültige PIN: Es sind 5 bis 8 Ziffern nötig. Es wurde nichts an die Karte gesendet.
sign-button = Signieren
sign-use-last-try = Letzten Versuch verwenden
sign-card-says-last-try = Die Karte meldet, dass nur noch ein PIN-Versuch bleibt: Es wurde nichts gesendet. Geben Sie die PIN erneut ein: Vor der Verwendung werden Sie um Bestätigung gebeten.
sign-working-card = Signieren mit der Karte…
sign-working-reading = Dokument wird gelesen…
document-signed = Dokument signiert: { $path } (Signaturen in der Datei: { $signers }).
sign-disk-error = Das Dokument wurde NICHT signiert: Fehler bei { $path }: { $error }.
sign-card-removed = Die Karte wurde entfernt: Das Dokument wurde NICHT signiert.
sign-not-signed-because = Das Dokument wurde NICHT signiert ({ $detail }).
sign-pin-in-doubt = Die PIN war bereits gesendet: Es ist nicht bekannt, ob der Versuch gezählt wurde. Stecken Sie die Karte erneut ein und prüfen Sie die verbleibenden Versuche, bevor Sie es noch einmal versuchen.
sign-no-try-used = Es wurde kein PIN-Versuch verbraucht.
sign-failed = Das Dokument wurde nicht signiert: { $error }

## Prüfen, im Fenster: eine Zeile pro Tatsache, mit ✔ oder ⛔ davor.

verify-working = Prüfung läuft…
docs-timestamped-file = Datei mit Zeitstempel
docs-signature-unverifiable = Signatur nicht prüfbar ({ $why })
docs-intact-and-valid = Dokument unversehrt, Signatur gültig
docs-altered-or-invalid = Dokument verändert oder Signatur nicht gültig
docs-certificate-valid = Zertifikat zum Zeitpunkt der Signatur gültig
docs-certificate-not-valid = Zertifikat zum Zeitpunkt der Signatur nicht gültig
docs-issued-by-trusted = Ausgestellt von { $issuer }, einer vertrauenswürdigen Stelle
docs-issued-by-chain-invalid = Ausgestellt von { $issuer }: Das Zertifikat von { $at } war zum Zeitpunkt der Signatur nicht gültig
docs-issued-by-not-trusted = Ausgestellt von { $issuer }: Stelle nicht vertrauenswürdig
docs-revocation-unavailable = Widerruf nicht prüfbar: { $reason }
docs-not-revoked = Nicht widerrufen
docs-revocation-not-checked = Widerruf nicht geprüft
docs-countersignature = Gegensignatur von { $who }: { $state }
docs-detached-checked = Getrennte Signatur, geprüft anhand des Dokuments „{ $name }“ daneben.
docs-detached-missing = Dies ist eine getrennte Signatur (.p7s), und das Originaldokument liegt nicht unter demselben Namen daneben: Verwenden Sie „cns-manager verify DATEI.p7s --content DOKUMENT“.
docs-extract = Dokument extrahieren
docs-extracted-to = Dokument extrahiert nach { $path }
docs-tsl-checking = Die Signatur der Vertrauensliste wird geprüft…
docs-authority-not-added = Die Stelle wurde nicht hinzugefügt: { $error }.

## Signieren mit `cns-manager sign`.

sign-no-file = Die Datei { $path } existiert nicht oder ist keine Datei.
sign-would-replace-document = Die signierte Datei darf das Dokument nicht ersetzen: Wählen Sie mit --out einen anderen Namen.
sign-input-unreadable = Lesen fehlgeschlagen: { $error }
sign-pin-invalid = Ungültige PIN: Es wurde nichts an die Karte gesendet.
sign-no-certificate = Die Karte hat kein Zertifikat zum Signieren.
sign-card-certificate-expired-on = Das Zertifikat der Karte ist am { $date } abgelaufen: Eine jetzt geleistete Signatur wäre nicht gültig. Es wurde nichts an die Karte gesendet.
sign-reading-progress = Dokument wird gelesen:
sign-not-signed = Das Dokument wurde nicht signiert.
sign-not-signed-try-in-doubt = { sign-not-signed } { try-counted-unknown }
sign-different-document = Die signierte Datei enthält ein anderes als das angegebene Dokument: Es wurde nichts signiert.
sign-add-to-not-signed-file = Die Datei, der die Signatur hinzugefügt werden soll, ist keine gültige signierte Datei ({ $error }).
sign-pin-blocked-unblock = Die PIN ist gesperrt: Entsperren Sie sie mit der PUK (cns-manager unblock) und signieren Sie dann erneut.
