### Die Karte im Browser verwenden: die Seite des Fensters und `cns-manager browser-setup` sagen
### dieselben Tatsachen mit denselben Meldungen. $surface ist "window" (das Fenster) oder "cli"
### (die Befehlszeile): nur der nächste Schritt ändert sich (Schaltfläche drücken oder Befehl wiederholen).

## Der Zustand einer Browser-Datenbank (Fenster, browser-setup, Diagnose).

browser-db-registered = Erkennt die Karte: das Modul ist registriert.
browser-db-via-p11kit = Erkennt die Karte über p11-kit (der p11-kit-Proxy ist registriert).
browser-db-stale = Erkennt die Karte nicht: das registrierte Modul ({ $library }) existiert nicht mehr.
browser-db-missing = Erkennt die Karte nicht: das Modul ist nicht registriert.
browser-db-old-format = Datenbank im alten Format: Öffnen und schließen Sie den Browser einmal, dann prüfen Sie erneut.
browser-db-unreadable = Die Liste der Module kann nicht gelesen werden: { $reason }
# Der Name eines Firefox-Profils; $browser ist der Name des Browsers (eine Marke).
browser-firefox-profile = { $browser } – Profil „{ $profile }“

## Fenster und browser-setup.

# Der nächste Schritt nach dem Schließen oder Öffnen des Browsers.
browser-then-check-again =
    { $surface ->
        [cli] wiederholen Sie den Befehl.
       *[window] drücken Sie „Erneut prüfen“.
    }
# Keine Datenbank gefunden.
browser-none-found = Kein Browser gefunden: weder Firefox-Profile noch die Datenbank von Chromium oder Chrome (~/.pki/nssdb). Öffnen Sie den Browser einmal, schließen Sie ihn, dann { browser-then-check-again }
# Firefox ist mit dem zu ändernden Profil geöffnet.
browser-firefox-open = Firefox ist mit diesem Profil geöffnet: Schließen Sie ihn vollständig (seine Datenbank kann während der Verwendung nicht geändert werden), dann { browser-then-check-again }
# Wo sich das PKCS#11-Modul der Karte befindet.
browser-module-at = Modul der Karte (PKCS#11): { $path }
browser-module-not-at = Das Modul der Karte (PKCS#11) fehlt: { $path }
browser-module-not-installed = Das Modul der Karte (PKCS#11) ist nicht installiert: Installieren Sie das Paket cns-manager, oder geben Sie die Datei mit CNS_PKCS11_MODULE oder pkcs11_module in den Einstellungen an.
# Die Frage vor dem Registrieren des Moduls; $db ist der Browser oder das Profil.
browser-register-question = Das Modul der Karte in { $db } registrieren?
# Das Ergebnis einer Registrierung.
browser-registered-restart = Erledigt: das Modul ist registriert. Starten Sie den Browser neu, damit er die Karte erkennt.
browser-already-registered = Es war bereits registriert: nichts zu tun.
browser-not-registered = Nicht registriert: { $reason }
browser-module-file-absent = das Modul { $path } existiert nicht.

## Nur das Fenster.

# Titel der Seite und Schaltfläche auf der Seite Diagnose.
browser-page-title = Karte im Browser verwenden
browser-intro = Um sich mit der Karte bei Online-Diensten anzumelden (elektronische Gesundheitsakte, Agentur der Einnahmen, Portale der Region bzw. des Landes) muss der Browser das Modul der Karte kennen. Hier sehen Sie, welche Browser dieses Computers es bereits kennen, und Sie können es hinzufügen, wo es fehlt.
browser-close-firefox-first = Schließen Sie Firefox, bevor Sie das Modul registrieren: seine Datenbank kann nicht geändert werden, solange er geöffnet ist. Danach öffnen Sie den Browser wieder.
browser-checking = Die Browser werden geprüft…
browser-registering = Registrierung läuft…
# Nach der Frage, im Fenster.
browser-must-be-closed = Der Browser muss geschlossen sein.
browser-yes-register = Ja, registrieren
browser-register-button = Modul registrieren
# Hinweis auf der Schaltfläche „Modul registrieren“.
browser-asks-first = Fragt nach, bevor etwas geändert wird.
browser-module-missing-short = Das Modul der Karte fehlt.
browser-p11kit-registered = p11-kit: das Modul ist registriert, Programme, die p11-kit verwenden, erkennen die Karte.
browser-check-again = Erneut prüfen
# Die Seite im Demo-Modus.
browser-demo-notice = Demo-Modus: die simulierte Karte wird in Browsern nicht verwendet, und eine Vorführung ändert nichts an den Browsern dieses Computers. Um das Modul Ihrer Karte zu registrieren, verlassen Sie den Demo-Modus und stecken Sie die Karte ein.

## Nur browser-setup.

# Woher das Modul stammt, in Klammern nach dem Pfad.
browser-module-from-env = aus CNS_PKCS11_MODULE
browser-module-from-settings = aus den Einstellungen (pkcs11_module)
browser-module-from-installed = installiert
browser-module-from-beside-program = neben dem Programm
# Die Antworten der Ja/Nein-Frage (der erste Buchstabe von „ja“).
cli-yes-no = [j/N]
# Die Zusammenfassung am Ende.
browser-summary-all-see = Ergebnis: alle gefundenen Browser erkennen die Karte.
browser-summary-missing =
    { $n ->
        [one] Ergebnis: ein Browser erkennt die Karte noch nicht.
       *[other] Ergebnis: { $n } Browser erkennen die Karte noch nicht.
    }
browser-summary-how-to-register = Um das Modul zu registrieren: cns-manager browser-setup
browser-summary-no-module = Es wurde nichts registriert: das PKCS#11-Modul fehlt.
browser-summary-not-asked = Es wurde nichts registriert, ohne zu fragen: Führen Sie den Befehl in einem Terminal aus, oder fügen Sie --yes hinzu.

# Unter Windows: warum Chrome und Edge nicht in der Liste stehen (browser-setup, die Browser-Seite, die Diagnose).
browser-chromium-windows = Chrome und Edge unter Windows verwenden dieses Modul nicht: Sie sehen die Karte über den Zertifikatspeicher von Windows und den Treiber der Karte (Minidriver), den Windows Update beim ersten Einstecken der Karte selbst installiert. Für sie muss nichts registriert werden.
