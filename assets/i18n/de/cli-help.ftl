### Hilfe, Handbuchseite und Vervollständigungen der Befehlszeile (cli/help.rs).
### arg-<id>: die Hilfe einer Option, gesucht mit der ID von clap (arg-<Befehl>-<id> gilt für diesen Befehl);
### cmd-<Befehl>: die Beschreibung eines Befehls. Eine Option oder ein Befehl ohne Text lässt einen Test scheitern.

# Lange Beschreibung des Programms (cns-manager --help, man).
cmd-long-about =
    Verwaltung der Tessera Sanitaria – Carta Nazionale dei Servizi (TS-CNS): Zustand der Karte, Änderung der PIN, Entsperren mit der PUK, Zertifikat.
    Ohne Befehl öffnet es das Fenster; mit einem Befehl arbeitet es im Terminal.

# Vor der Aufrufzeile (--help, Fehler in der Befehlszeile).
usage-title = Aufruf:

# In der Aufrufzeile, anstelle der Optionen.
usage-options-placeholder = [OPTIONEN]

# In der Aufrufzeile, anstelle des Befehls.
usage-command-placeholder = [BEFEHL]

# Der Name des Befehls in der Handbuchseite (ÜBERSICHT).
usage-command-value = BEFEHL

# Der Platzhalter eines Namens (--reader <NAME>).
usage-name-value = NAME

# Der Platzhalter einer Datei (--out <DATEI>).
usage-file-value = DATEI

# Überschrift der Befehlsliste (--help).
usage-commands-heading = Befehle:

# Überschrift der Argumentliste (--help).
usage-arguments-heading = Argumente:

# Überschrift der Optionsliste (--help).
usage-options-heading = Optionen:

# Handbuchseite: der Name des Handbuchs.
man-manual = Handbuch von cns-manager

# Handbuchseite: Abschnittsüberschriften.
man-name = NAME
# Handbuchseite: Abschnittsüberschriften.
man-synopsis = ÜBERSICHT
# Handbuchseite: Abschnittsüberschriften.
man-description = BESCHREIBUNG
# Handbuchseite: Abschnittsüberschriften.
man-options = OPTIONEN
# Handbuchseite: Abschnittsüberschriften.
man-commands = BEFEHLE
# Handbuchseite: Abschnittsüberschriften.
man-exit-status = EXIT-STATUS
# Handbuchseite: Abschnittsüberschriften.
man-files = DATEIEN
# Handbuchseite: Abschnittsüberschriften.
man-environment = UMGEBUNG

# Handbuchseite, DATEIEN: /etc/cns-manager/config.toml.
man-file-system-settings = Einstellungen für das ganze System (lang, preferred_reader, mode, zoom, pkcs11_module), vom Installationsprogramm gesetzt.

# Handbuchseite, DATEIEN: ~/.config/cns-manager/config.toml.
man-file-user-settings = Die Einstellungen des Benutzers, von der Anwendung geschrieben: Sie haben Feld für Feld Vorrang vor denen des Systems.

# Handbuchseite, UMGEBUNG: CNS_LOG.
man-env-cns-log = Diagnose auf stderr, zum Beispiel debug oder cns::apdu=trace (PIN und PUK erscheinen nie).

# Handbuchseite, UMGEBUNG: CNS_SYSTEM_TRUSTED_CA_DIR.
man-env-system-trusted-ca-dir = Der Ordner der vertrauenswürdigen Stellen für das ganze System, anstelle von /etc/cns-manager/trusted-ca (für Tests und Pakete).

# Handbuchseite, UMGEBUNG: CNS_PKCS11_MODULE.
man-env-pkcs11-module = Das PKCS#11-Modul, das browser-setup in den Browsern registriert, anstelle des installierten.

# Hilfe der Option (--help, man, Vervollständigungen). --lang
arg-lang = Sprache der Meldungen: it, en oder de (Standard: die der Einstellungen, dann die des Systems; sonst Italienisch).
# Hilfe der Option (--help, man, Vervollständigungen). --demo
arg-demo = Die simulierte Demokarte statt der echten Lesegeräte verwenden.
# Hilfe der Option (--help, man, Vervollständigungen). --demo-card
arg-demo-card = Die Art der Demokarte für die Befehle, mit den Kurznamen der „Kartenart“ der Demo im Fenster (standard, stincard, siemens, idemia, legacy, nocount, idemia2021, applet2025, st2022); schließt --demo ein.
# Hilfe der Option (--help, man, Vervollständigungen). --counter
arg-counter = Schaltermodus für das Fenster: Nichts Persönliches bleibt, nachdem die Karte entnommen wurde.
# Hilfe der Option (--help, man, Vervollständigungen). --json
arg-json = Ergebnis für Programme (JSON) auf der Standardausgabe.
# Hilfe der Option (--help, man, Vervollständigungen). --reader
arg-reader = Das zu verwendende Lesegerät (nur nötig, wenn mehrere Lesegeräte eine Karte enthalten).
# Hilfe der Option (--help, man, Vervollständigungen). --stdin
arg-stdin = Die Codes von der Standardeingabe lesen, einen pro Zeile, statt sie am Terminal abzufragen.
# Hilfe der Option (--help, man, Vervollständigungen). --confirm-last-attempt
arg-confirm-last-attempt = Den Vorgang erlauben, wenn nur noch ein Versuch übrig ist (ein falscher Code sperrt dann).
# Hilfe der Option (--help, man, Vervollständigungen). --confirm-short-puk
arg-confirm-short-puk = Eine PUK mit weniger als 8 Ziffern senden (jede PUK der TS-CNS hat 8: Eine kürzere ist wahrscheinlich ein Tippfehler, und eine falsche PUK verbraucht einen Versuch).
# Hilfe der Option (--help, man, Vervollständigungen). --out
arg-out = Die Datei, in die das Zertifikat geschrieben wird.
# Hilfe der Option (--help, man, Vervollständigungen). --pem
arg-pem = PEM-Format (Text) statt DER (binär).
# Hilfe der Option (--help, man, Vervollständigungen). --report
arg-report = Zusätzlich einen Bericht für den Support in DATEI schreiben: Ergebnisse, Versionen, Lesegeräte, Profil der Karte und Befehlsprotokoll, wobei alle persönlichen Daten und Codes unkenntlich gemacht sind.
# Hilfe der Option (--help, man, Vervollständigungen). --doctor-reader
arg-doctor-reader = Nur die Karte in diesem Lesegerät prüfen (die anderen Lesegeräte werden nur aufgelistet).
# Hilfe der Option (--help, man, Vervollständigungen). --shell
arg-shell = Die Shell: bash, zsh, fish, powershell oder elvish.
# Hilfe der Option (--help, man, Vervollständigungen). --check
arg-check = Nur prüfen: Es wird nichts geändert.
# Hilfe der Option (--help, man, Vervollständigungen). --yes
arg-yes = Ohne Rückfrage registrieren (für Skripte).
# Hilfe der Option (--help, man, Vervollständigungen). --file (sign)
arg-sign-file = Das zu signierende Dokument.
# Hilfe der Option (--help, man, Vervollständigungen). --out (sign)
arg-sign-out = Wohin die signierte Datei geschrieben wird (Standard: DATEI.p7m, DATEI.p7s mit --detached, nie über eine bestehende Datei: Eine zweite Signatur von x.txt ist „x (2).txt.p7m“; mit --add-to die bestehende Datei).
# Hilfe der Option (--help, man, Vervollständigungen). --detached
arg-detached = Getrennte Signatur (.p7s): Das Dokument ist nicht enthalten.
# Hilfe der Option (--help, man, Vervollständigungen). --add-to
arg-add-to = Diese Signatur einer bestehenden .p7m-Datei desselben Dokuments (DATEI) hinzufügen.
# Hilfe der Option (--help, man, Vervollständigungen). --file (verify)
arg-verify-file = Die signierte Datei (.p7m oder .p7s; DER oder Base64).
# Hilfe der Option (--help, man, Vervollständigungen). --content
arg-content = Das Originaldokument, für eine getrennte Signatur (.p7s). Standard: DATEI ohne „.p7s“ (für „x (2).txt.p7s“ x.txt, wenn es „x (2).txt“ nicht gibt).
# Hilfe der Option (--help, man, Vervollständigungen). --extract
arg-extract = Das signierte Dokument hier speichern (aus einer .p7m-Datei; verschachtelte Umschläge werden geöffnet).
# Hilfe der Option (--help, man, Vervollständigungen). --ca
arg-ca = Auch diesem CA-Zertifikat (DER oder PEM) vertrauen, zusätzlich zu den importierten. Wiederholbar.
# Hilfe der Option (--help, man, Vervollständigungen). --crl
arg-crl = Den Widerruf mit dieser Sperrliste (CRL, DER oder PEM) prüfen.
# Hilfe der Option (--help, man, Vervollständigungen). --fetch-crl
arg-fetch-crl = Die Sperrliste (CRL) vom Verteilungspunkt des Zertifikats (http://) herunterladen, um den Widerruf zu prüfen.
# Hilfe der Option (--help, man, Vervollständigungen). --file (ca import)
arg-ca-import-file = Das CA-Zertifikat (DER oder PEM; eine PEM-Datei kann mehrere enthalten).
# Hilfe der Option (--help, man, Vervollständigungen). --file (ca import-tsl)
arg-ca-import-tsl-file = Die Vertrauensliste (TSL) als XML, zum Beispiel TSL-IT.xml der AgID.
# Hilfe der Option (--help, man, Vervollständigungen). --signer (ca import-tsl)
arg-ca-import-tsl-signer = Die Signatur der Liste mit diesem Zertifikat (DER oder PEM) statt mit dem hinterlegten Unterzeichner prüfen.
# Hilfe der Option (--help, man, Vervollständigungen). --file (ca tsl-signer)
arg-ca-tsl-signer-file = Das Zertifikat (oder die Zertifikate, DER oder PEM) dessen, der die Vertrauensliste signiert.
# Hilfe der Option (--help, man, Vervollständigungen). --fingerprint
arg-fingerprint = Der SHA-256-Fingerabdruck der CA (mindestens 8 Hexadezimalziffern).
# Hilfe der Option (--help, man, Vervollständigungen). --reader (watch)
arg-watch-reader = Nur die Ereignisse dieses Lesegeräts.
# Hilfe der Option (--help, man, Vervollständigungen). --json (watch)
arg-watch-json = Ein JSON-Objekt pro Zeile.
# Hilfe der Option (--help, man, Vervollständigungen). --help
arg-help = Diese Hilfe anzeigen.
# Hilfe der Option (--help, man, Vervollständigungen). --version
arg-version = Die Version anzeigen.

# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager 
cmd-cns-manager = Verwaltung der Tessera Sanitaria – Carta Nazionale dei Servizi (TS-CNS).
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager readers
cmd-readers = Listet die Chipkartenlesegeräte auf und sagt, ob sie eine Karte enthalten.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager status
cmd-status = Inhaber, Karte, Zertifikat, Zustand von PIN und PUK. Verbraucht nie einen Versuch.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager verify-pin
cmd-verify-pin = Prüft die PIN (verbraucht einen Versuch, wenn sie falsch ist).
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager change-pin
cmd-change-pin = Ändert die PIN: die aktuelle PIN, dann zweimal die neue.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager unblock
cmd-unblock = Entsperrt die PIN mit der PUK und legt eine neue PIN fest.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager watch
cmd-watch = Verfolgt Lesegeräte und Karten: eine Zeile pro Ereignis und den Zustand jeder eingesteckten Karte (einmal gelesen, verbraucht nie einen Versuch), bis zur Unterbrechung.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager sign
cmd-sign = Signiert ein Dokument mit der Karte (CAdES: .p7m, oder .p7s mit --detached).
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager verify
cmd-verify = Prüft ein signiertes Dokument (.p7m/.p7s): wer signiert hat, wann und ob es vertrauenswürdig ist.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager ca
cmd-ca = Die Zertifizierungsstellen, denen beim Prüfen von Signaturen vertraut wird.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager ca import
cmd-ca-import = Einem CA-Zertifikat vertrauen (DER oder PEM; eine PEM-Datei kann mehrere enthalten).
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager ca list
cmd-ca-list = Listet die vertrauenswürdigen CA-Zertifikate auf (die des Systems und Ihre).
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager ca remove
cmd-ca-remove = Einer von Ihnen importierten CA nicht mehr vertrauen, angegeben durch ihren SHA-256-Fingerabdruck.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager ca import-tsl
cmd-ca-import-tsl = Den qualifizierten CAs und Zeitstempeldiensten einer EU-Vertrauensliste (TSL) vertrauen, nachdem ihre Signatur mit xmlsec1 geprüft wurde. Das Programm lädt sie nicht herunter: Speichern Sie die italienische Liste von https://eidas.agid.gov.it/TL/TSL-IT.xml mit dem Browser oder mit „curl -o TSL-IT.xml https://eidas.agid.gov.it/TL/TSL-IT.xml“. Eine neuere Liste ersetzt die vorige desselben Landes; von Hand importierte CAs bleiben.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager ca tsl-signer
cmd-ca-tsl-signer = Zeigt den hinterlegten Unterzeichner der Vertrauenslisten an oder ersetzt ihn (für Sie) durch das angegebene Zertifikat, zum Beispiel das neue der AgID aus der EU-Liste der Vertrauenslisten.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager export-cert
cmd-export-cert = Speichert das Authentifizierungszertifikat in einer Datei (DER, oder PEM mit --pem).
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager doctor
cmd-doctor = Prüft Chipkartendienst, Treiber, Lesegeräte, Karten und Einstellungen und sagt, wie jedes Problem behoben wird. Endet mit 0, wenn es kein Problem gibt, sonst mit 1.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager browser-setup
cmd-browser-setup = Sagt, welche Browser (Firefox-Profile, die Datenbank von Chromium) die Karte sehen werden, und registriert, wo es fehlt, das PKCS#11-Modul nach Rückfrage (--yes für Skripte, --check, um nichts zu ändern). Schließen Sie Firefox vorher. Endet mit 0, wenn jeder gefundene Browser die Karte sieht, sonst mit 1.
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager completions
cmd-completions = Gibt das Vervollständigungsskript für die Shell aus (bash, zsh, fish, powershell, elvish).
# Beschreibung des Befehls (--help, man, Vervollständigungen). cns-manager man
cmd-man = Gibt die Handbuchseite (roff) in der gewählten Sprache aus, zum Beispiel: cns-manager --lang en man | man -l -

# Handbuchseite, Abschnitt der Exit-Codes. 0
man-exit-0 = Erfolgreich.
# Handbuchseite, Abschnitt der Exit-Codes. 1
man-exit-1 = Jeder andere Fehler (bei doctor: mindestens ein Problem; bei browser-setup: ein Browser sieht die Karte noch nicht).
# Handbuchseite, Abschnitt der Exit-Codes. 2
man-exit-2 = Ungültige Eingabe: Es wurde nichts an die Karte gesendet.
# Handbuchseite, Abschnitt der Exit-Codes. 3
man-exit-3 = Falsche PIN oder PUK.
# Handbuchseite, Abschnitt der Exit-Codes. 4
man-exit-4 = PIN gesperrt: Entsperren Sie sie mit der PUK.
# Handbuchseite, Abschnitt der Exit-Codes. 5
man-exit-5 = PUK gesperrt: Die Karte muss ersetzt werden.
# Handbuchseite, Abschnitt der Exit-Codes. 6
man-exit-6 = Kein Lesegerät, keine Karte, oder es ist keine TS-CNS.
# Handbuchseite, Abschnitt der Exit-Codes. 7
man-exit-7 = Abgelehnt: Es ist nur noch ein Versuch übrig und --confirm-last-attempt fehlt.
# Handbuchseite, Abschnitt der Exit-Codes. 8
man-exit-8 = verify: Eine Signatur ist NICHT gültig (Dokument verändert, Signatur beschädigt, keine signierte Datei).
# Handbuchseite, Abschnitt der Exit-Codes. 9
man-exit-9 = verify: Keine Signatur ist nachweislich beschädigt, aber der Datei kann nicht vertraut werden: ein Zertifikat abgelaufen, widerrufen oder nicht vertrauenswürdig, ein verlangter Widerrufscheck nicht möglich, oder eine Signatur, die das Programm nicht prüfen kann (Algorithmus nicht unterstützt, Zertifikat fehlt).
# Handbuchseite, Abschnitt der Exit-Codes. 141
man-exit-141 = Wer die Ausgabe las, hat sie geschlossen (cns-manager status | head -1): Das Programm hält ohne Meldung an, wie bei SIGPIPE.
