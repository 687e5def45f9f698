### Die Seite des Authentifizierungszertifikats: auf wen es lautet, wer es ausgestellt hat, wie
### lange es gilt, ob es zur Karte passt, und der Export.

# Titel der Zertifikatsseite.
cert-title = Authentifizierungszertifikat

# Zertifikatsseite, Namen der Zeilen.
cert-subject = Ausgestellt für
cert-issuer = Ausgestellt von
cert-valid = Gültig
cert-key = Schlüssel
cert-fingerprint = SHA-256-Fingerabdruck
# Zertifikatsseite, der Gültigkeitszeitraum; die Daten sind bereits geschrieben.
cert-valid-from-to = vom { $from } bis { $to }

# Zertifikatsseite, der Abgleich mit den Daten der Karte.
cert-match-heading = Übereinstimmung mit der Karte
cert-card-number = Kartennummer
cert-personal-data-hash = Prüfsumme der persönlichen Daten

# Zertifikatsseite, das Ergebnis eines Abgleichs.
cert-check-matches = stimmt überein
cert-check-mismatch = stimmt nicht überein
cert-check-unavailable = nicht überprüfbar
cert-hash-matches-with-header = stimmt überein (mit dem Dateikopf berechnet)
cert-hash-matches-without-header = stimmt überein (ohne den Dateikopf berechnet)

# Zertifikatsseite, im Schaltermodus anstelle der Export-Schaltflächen.
cert-counter-no-save = Im Schaltermodus wird nichts auf der Festplatte gespeichert.
# Zertifikatsseite, wenn die Dateiauswahl des Systems fehlt.
cert-no-file-chooser = Die Dateiauswahl ist nicht verfügbar. Speichern Sie das Zertifikat unter diesem Pfad:
cert-save = Speichern
cert-export-pem = PEM exportieren…
cert-export-der = DER exportieren…

# Schaltfläche unten auf den Seiten des Zertifikats und der neuen Karte.
page-back-to-card = Zurück zum Status der Karte
