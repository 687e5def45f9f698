### Die Diagnose (cns-manager doctor und die Seite Diagnose) und der Bericht für den Support.
### Die Texte zu Dienst und Treiber je System stehen in service.ftl.

level-warning = ACHTUNG
level-problem = PROBLEM
doctor-service-title = Chipkartendienst (PC/SC)
doctor-service-demo = Demomodus: Es wird die simulierte Karte verwendet, der Chipkartendienst wird nicht benötigt.
doctor-service-ok = Läuft und ist von dieser Sitzung aus erreichbar.
doctor-activation-title = Automatischer Start des Dienstes
doctor-activation-off = pcscd.socket ist nicht aktiviert: Nach einem Neustart startet der Dienst möglicherweise nicht von selbst.
doctor-ccid-title = Lesegerättreiber (CCID)
doctor-ccid-installed = Installiert.
doctor-ccid-missing = Der CCID-Treiber ist nicht installiert: USB-Lesegeräte werden nicht erkannt.
readers-title = Lesegeräte
doctor-reader-model-known = Modell wird vom CCID-Treiber unterstützt.
doctor-reader-model-unknown = Modell nicht in der Liste des CCID-Treibers (Treiber des Herstellers oder virtuelles Lesegerät).
doctor-reader-model-unknown-fix = Wenn die Karte nicht gelesen wird, versuchen Sie ein CCID-Lesegerät (die Liste finden Sie auf ccid.apdu.fr).
doctor-card-expired = Die Karte ist abgelaufen.
doctor-card-expired-fix = Beantragen Sie eine neue Karte bei Ihrem Sanitätsbetrieb oder beim Land.
doctor-puk-blocked = PUK gesperrt.
doctor-puk-blocked-fix = Die Karte muss ersetzt werden: Wenden Sie sich an Ihren Sanitätsbetrieb.
doctor-pin-blocked = PIN gesperrt.
doctor-pin-blocked-fix = Entsperren Sie sie mit der PUK: cns-manager unblock
doctor-card-unreadable-fix = Nehmen Sie die Karte heraus, prüfen Sie, ob der Chip sauber ist, und stecken Sie sie wieder ein; wenn es erneut vorkommt, senden Sie den Bericht für den Support.
doctor-card-other-kind = eine Karte anderer Art
doctor-not-cns-fix = Stecken Sie die Tessera Sanitaria – CNS ein (die mit dem goldenen Chip).
doctor-cns-in-other-reader = Eine Tessera Sanitaria – CNS steckt in einem anderen Lesegerät: Diese wird verwendet.
doctor-card-busy = Ein anderes Programm hält die Karte in einer Transaktion belegt, die nicht endet.
doctor-card-exclusive = Ein anderes Programm verwendet die Karte exklusiv (SCARD_E_SHARING_VIOLATION).
doctor-card-in-use-fix = Schließen Sie die anderen Programme, die die Karte verwenden (Browser, Signaturprogramme, Software des Landes), und versuchen Sie es erneut; oder nehmen Sie die Karte heraus und stecken Sie sie wieder ein.
doctor-card-no-contact-fix = Nehmen Sie die Karte heraus, prüfen Sie, ob der Chip sauber ist, und stecken Sie sie wieder ein.
doctor-settings-system = Systemweite Einstellungen
doctor-settings-user = Benutzereinstellungen
doctor-settings-no-location = Kein Speicherort auf dieser Plattform.
doctor-settings-invalid-fix = Korrigieren Sie die Datei (zulässige Schlüssel: lang = "it"|"en", preferred_reader, mode = "normal"|"counter", zoom, pkcs11_module) oder löschen Sie sie.
doctor-origin-user = Benutzer
doctor-origin-system = System
doctor-origin-default = Standard
doctor-settings-effective = Geltende Einstellungen
doctor-browser-no-module-fix = Installieren Sie das Paket cns-manager (es enthält das PKCS#11-Modul), danach: cns-manager browser-setup
doctor-browser-firefox-running-fix = Schließen Sie Firefox, danach: cns-manager browser-setup (oder die Seite «Karte im Browser verwenden»)
doctor-browser-setup-fix = cns-manager browser-setup (oder die Seite «Karte im Browser verwenden»)
how-to-fix = So beheben Sie das Problem
version-not-found = nicht gefunden
versions = Versionen
doctor-result-ok = Ergebnis: kein Problem.
doctor-no-problem = kein Problem
report-title = cns-manager – Bericht für den Support
report-created = Erstellt
report-system = System
report-demo = Demomodus (simulierte Karte)
report-checks = Prüfungen
report-no-readers = (keines)
report-card-present = Karte vorhanden
report-mute-card = stumme Karte
report-empty = leer
report-cards = Karten
report-no-cards = (keine gelesen)
report-yes = ja
report-no = nein
report-marker = Kennung
report-generation = Generation
report-readable = Lesbar
report-card-number = Kartennummer (nur die Ziffern der Region)
report-apdu-trace = APDU-Protokoll des Statuslesens (Antwortdaten und Geheimzahlen ausgelassen)
report-not-contained = Was er nicht enthält
report-not-contained-list = Kein Name, keine Steuernummer (codice fiscale), kein Geburtsdatum oder -ort, keine Adresse, keine vollständige Kartennummer, kein Zertifikatsinhaber, keine PIN oder PUK.
diagnostics-report-file-name = cns-manager-bericht.txt
diagnostics-title = Diagnose
diagnostics-intro = Prüft den Chipkartendienst, den Treiber, die Lesegeräte, die Karten und die Einstellungen und sagt, wie jedes Problem behoben wird.
diagnostics-demo-note = Das Fenster zeigt die simulierte Karte, aber diese Prüfungen betreffen das echte System dieses Computers.
diagnostics-checking = Prüfung läuft…
diagnostics-no-problem = Kein Problem gefunden.
diagnostics-prepare-report = Bericht für den Support vorbereiten
diagnostics-check-again = Erneut prüfen
diagnostics-report-title = Bericht für den Support
diagnostics-report-intro = Hier sehen Sie alles, was der Bericht enthält, bevor Sie ihn speichern: keinen Namen, keine Steuernummer (codice fiscale), kein Geburtsdatum oder -ort, keine Adresse, keine vollständige Kartennummer, keinen Zertifikatsinhaber, keine PIN oder PUK. Speichern Sie ihn und senden Sie die Datei an den Support, der Sie darum gebeten hat (per E-Mail, als Anhang).
diagnostics-save-to = Speichern unter:
diagnostics-file-path = Dateipfad
diagnostics-save = Bericht speichern

## Mit Variablen: $error ist die technische Kette der Ursachen, $file ein Pfad.

doctor-service-error = Der Dienst hat mit einem Fehler geantwortet: { $error }
doctor-ccid-version = Installiert, Version { $version }.
doctor-reader-without-driver = Ein USB-Lesegerät ist angeschlossen ({ $interfaces } Chipkarten-Schnittstellen), aber der Dienst sieht es nicht: Der Treiber fehlt.
doctor-readers-ok =
    { $count ->
        [one] 1 Lesegerät, von einem Treiber verwaltet.
       *[other] { $count } Lesegeräte, jedes von einem Treiber verwaltet.
    }
doctor-card-title = Karte in «{ $reader }»
# $chip und $mask: die Hersteller des Chips und seines Betriebssystems; $mask_version hexadezimal.
doctor-card-generation = Chip { $chip }, Betriebssystem { $mask } { $mask_version }, Anwendung { $app }
doctor-card-ok = TS-CNS erkannt und lesbar: Profil { $profile }; { $generation }.
doctor-card-unreadable = Als { $profile } erkannt, aber nicht lesbar: { $error }
doctor-card-other-italian = eine Karte «{ $marker }»
# $what: doctor-card-other-italian oder doctor-card-other-kind.
doctor-not-cns = Keine Tessera Sanitaria – CNS: Es ist { $what }.
doctor-card-no-contact = Keine Verbindung mit der Karte möglich: { $error }
doctor-settings-absent = { $file }: nicht vorhanden.
doctor-settings-valid = { $file }: gültig, legt { $keys } fest.
doctor-settings-invalid = { $file } ist ungültig und wird ignoriert: { $error }
doctor-settings-unreadable = { $file } kann nicht gelesen werden: { $error }
doctor-settings-effective-detail = { $list }. Die Datei des Benutzers hat Vorrang vor der systemweiten, Feld für Feld.
doctor-problems =
    { $count ->
        [one] 1 Problem
       *[other] { $count } Probleme
    }
doctor-warnings =
    { $count ->
        [one] 1 Warnung
       *[other] { $count } Warnungen
    }
# $problems: doctor-problems oder doctor-no-problem; $warnings: doctor-warnings.
doctor-result = Ergebnis: { $problems }, { $warnings }.
doctor-report-saved = Bericht für den Support gespeichert unter { $file } (ohne persönliche Daten und Geheimzahlen).
diagnostics-problems-found =
    { $count ->
        [one] 1 Problem gefunden.
       *[other] { $count } Probleme gefunden.
    }
diagnostics-report-saved = Bericht gespeichert unter { $file }
diagnostics-report-not-saved = Der Bericht wurde nicht gespeichert: { $error }
