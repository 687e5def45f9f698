### Das Fenster: obere Leiste, Liste der Lesegeräte, Kartenseite, Hinweise, Speichern des
### Zertifikats, Namen für Bildschirmleser. Anrede: "Sie".

## Obere Leiste

window-title = Verwaltung der Gesundheitskarte
window-demo = Vorführung
window-demo-hint = Probieren Sie das Programm mit einer simulierten Karte aus, ohne Lesegerät.
window-text-smaller = Text verkleinern
window-text-smaller-hint = Kleinerer Text (Strg −)
window-text-size = Textgröße
window-text-larger = Text vergrößern
window-text-larger-hint = Größerer Text (Strg +)
window-diagnostics-hint = Prüft Smartcard-Dienst, Treiber, Lesegeräte und Karten; erstellt den Bericht für den Kundendienst.
window-counter = Schalter
window-counter-locked-hint = Der Schaltermodus wurde beim Start festgelegt (bei der Installation oder mit --counter): Er kann hier nicht ausgeschaltet werden.
window-counter-hint = Schaltermodus: Alle Daten verschwinden, sobald die Karte entfernt wird; nichts wird auf der Festplatte gespeichert.
window-counter-mode = Schaltermodus
window-counter-mode-explained = Für Schalter, an denen Bürgerinnen und Bürgern geholfen wird: Alle persönlichen Daten verschwinden, sobald die Karte entfernt wird, und nichts wird auf der Festplatte gespeichert. In Ämtern legt ihn die Installation für alle fest (mode = "counter").
window-session-counts = Schalter · Vorgänge in dieser Sitzung: { $total } ({ $parts })
window-session-changes =
    { $n ->
        [one] { $n } PIN-Änderung
       *[other] { $n } PIN-Änderungen
    }
window-session-unblocks =
    { $n ->
        [one] { $n } Entsperrung
       *[other] { $n } Entsperrungen
    }
window-session-verifies =
    { $n ->
        [one] { $n } Prüfung
       *[other] { $n } Prüfungen
    }

## Liste der Lesegeräte

window-readers-service-down = Smartcard-Dienst nicht aktiv
window-readers-searching = Lesegeräte werden gesucht…
window-reader-card-inserted = Karte eingesteckt
window-simulated-card = Simulierte Karte

## Kartenseite

window-insert-card = Stecken Sie die Karte in das Lesegerät
window-insert-card-how = Mit dem goldenen Chip nach oben und zum Lesegerät hin. Der Zustand der Karte erscheint dann hier von selbst.
window-reading-card = Die Karte wird gelesen…
window-do-not-remove = Entfernen Sie die Karte nicht.
window-not-cns = Diese Karte ist keine Gesundheitskarte – CNS (Tessera Sanitaria).
window-not-cns-advice = Prüfen Sie, ob Sie die richtige Gesundheitskarte eingesteckt haben. Andere Karten (Bankkarten, elektronische Identitätskarte, digitale Signatur) werden mit diesem Programm nicht verwaltet.
window-verify-offer = Haben Sie ein signiertes Dokument erhalten?
window-verify-offer-how = Um eine .p7m- oder .p7s-Datei zu prüfen, brauchen Sie keine Karte: Ziehen Sie sie in das Fenster oder wählen Sie sie aus.
window-read-removed = Die Karte wurde während des Lesens entfernt. Stecken Sie sie wieder ein.
window-read-in-use = Ein anderes Programm verwendet die Karte. Sobald es sie freigibt, wird sie von selbst gelesen; geschieht das nicht, schließen Sie das andere Programm.
window-read-service-down = Der Smartcard-Dienst antwortet nicht.
window-read-other = Die Karte konnte nicht gelesen werden.
window-retry = Erneut versuchen
window-unblock-with-puk = Mit der PUK entsperren
window-change-pin = PIN ändern
window-verify-pin = PIN prüfen
window-use-in-browser-hint = Welche Browser die Karte für die Anmeldung bei Online-Diensten sehen; fügen Sie das Modul hinzu, wo es fehlt.
window-drop-hint = Sie können auch eine Datei in das Fenster ziehen: Eine .p7m- oder .p7s-Datei wird geprüft, jedes andere Dokument wird signiert.
window-reader-appears = Sobald das Lesegerät bereit ist, erscheint es von selbst links.
window-try-demo = Vorführmodus ausprobieren
window-technical-details = Technische Details

## Hinweise oben auf der Seite

window-wiped = Karte entfernt – Bildschirm geleert
window-wiped-before-sending = Karte vor dem Senden entfernt – Bildschirm geleert. Auf der Karte hat sich nichts geändert, und kein Versuch wurde verbraucht.
window-removed-during-operation = Die Karte wurde entfernt: Der Vorgang wurde möglicherweise nicht abgeschlossen. Stecken Sie die Karte wieder ein, um ihren Zustand zu sehen.
window-certificate-saved = Zertifikat gespeichert unter { $path }
window-certificate-not-saved = Das Zertifikat wurde nicht gespeichert: { $error }

## Speichern des Zertifikats

window-save-certificate = Zertifikat speichern

## Bildschirmleser

window-digits-typed =
    { $n ->
        [0] Keine Ziffer eingegeben.
        [one] { $n } Ziffer eingegeben.
       *[other] { $n } Ziffern eingegeben.
    }
