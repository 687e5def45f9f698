### „Keine PIN oder PUK?“ und „Karte verwenden“: die Worte um die Hinweise der Regionen (die
### Texte der Regionen sind Daten, in assets/guidance/*.toml). Die Seite im Fenster und
### `cns-manager help-pin` verwenden dieselben Meldungen.

## Die Seite „Keine PIN oder PUK?“ (und die Schaltfläche, die sie öffnet: Kartenstatus,
## Entsperren neben der PUK, PIN gesperrt, Diagnose).

# Titel der Seite, und Text der Schaltflächen und Verweise, die sie öffnen.
guidance-title = Keine PIN oder PUK?
# Unter dem Titel (auch help-pin): warum das Programm sie nicht geben kann.
guidance-intro = PIN und PUK stehen nicht auf der Karte, und kein Programm kann sie auslesen: Die Region stellt sie aus, nachdem sie Ihre Identität geprüft hat. Hier erfahren Sie, wo Sie sie erhalten.
# Die Region der angezeigten Hinweise (Fenster und help-pin).
guidance-for-region = Hinweise für Karten der { $region }
# Fenster und help-pin: keine Region bekannt (keine Karte oder keine regionale Karte).
guidance-national-only = Keine Region gewählt: Unten stehen die Hinweise, die in ganz Italien gelten.
# Wahl der Region, wenn keine Karte gelesen werden kann: die Beschriftung.
guidance-region-label = Region der Karte
# Wahl der Region: der Eintrag „keine“.
guidance-region-none = Weiß ich nicht
# Unter der Wahl der Region.
guidance-region-choose-hint = Wählen Sie die Region, die die Karte aktiviert hat: Ihr Logo steht auf der Vorderseite der Karte.
# Eine auf diesem Computer installierte Hinweisdatei ist ungültig (Fenster, help-pin, Diagnose).
guidance-installed-invalid = Einige auf diesem Computer installierte Hinweise sind ungültig: Angezeigt werden die im Programm enthaltenen. Einzelheiten finden Sie unter Diagnose.
# Die Schaltfläche neben einer Nummer oder E-Mail-Adresse, auf dem Bildschirm.
guidance-copy-button = Kopieren
# Die Schaltfläche neben einer Nummer oder E-Mail-Adresse; ihr Name für Bildschirmleser.
guidance-copy = { $value } kopieren
# Nach „kopieren“.
guidance-copied = Kopiert: { $value }
# Neben einem Verweis (Hinweis): wohin er führt.
guidance-opens-in-browser = Öffnet sich im Browser: { $url }
# Ein Verweis hat sich nicht geöffnet.
guidance-open-failed = Der Browser hat sich nicht geöffnet ({ $error }). Öffnen Sie diese Adresse selbst: { $url }
# help-pin, Fenster: wann eine Hilfenummer erreichbar ist.
guidance-hours = Erreichbar: { $hours }

## Die Befehlszeile: cns-manager help-pin.

# help-pin: die Region aus der Karte im Lesegerät.
cli-help-pin-from-card = (Region aus der Karte im Lesegerät gelesen.)
# help-pin ohne lesbare Karte und ohne --region.
cli-help-pin-no-card = Keine Karte gelesen. Für die Hinweise Ihrer Region: cns-manager help-pin --region lombardia (oder der Name Ihrer Region).
# help-pin --region mit einem Wert, der keine Region ist.
cli-help-pin-unknown-region = „{ $region }“ ist keine Region: Geben Sie den Namen (zum Beispiel lombardia) oder den Code aus der Kartennummer (010 bis 200) an.
# help-pin: der Titel der Liste der Dienste.
cli-help-pin-services = Online-Dienste, die die Karte annehmen
# Beschreibung des Befehls (--help, man, Vervollständigung). cns-manager help-pin
cmd-help-pin = Wo und wie Sie PIN und PUK erhalten, wer Ihnen hilft und welche Online-Dienste die Karte annehmen, für die Region der Karte im Lesegerät (liest nur die Kartennummer, nie die Versuche) oder die angegebene.
# help-pin --region
arg-help-pin-region = Die Region: ihr Name (lombardia) oder der Code aus der Kartennummer (030).
# Die Handbuchseite, Abschnitt UMGEBUNG.
man-env-system-guidance-dir = Der Ordner der systemweiten Hinweise zu PIN, PUK und Diensten, anstelle von /etc/cns-manager/guidance (für Tests und Pakete).
# Die Handbuchseite, Abschnitt DATEIEN.
man-file-guidance = Vom Installationsprogramm abgelegte Hinweise zu PIN, PUK und Diensten: Eine Datei mit demselben Namen ersetzt die mitgelieferte (national.toml, lombardia.toml), eine neue Datei fügt eine Region hinzu.

## Die Seite „Karte verwenden“: die Online-Dienste der Region, im Browser geöffnet, nachdem
## geprüft wurde, dass der Browser die Karte erkennt.

# Titel der Seite und Text der Schaltfläche, die sie öffnet (Kartenstatus, nach einer
# erfolgreichen Änderung oder Entsperrung der PIN).
services-title = Online-Dienste mit der Karte
# Unter dem Titel.
services-intro = Diese Online-Dienste nehmen die Karte an: Wählen Sie „Accedi con TS-CNS“ oder „Entra con CNS“. Sie öffnen sich in Ihrem Browser.
# Unter dem Titel und vor dem Öffnen: was geschehen wird.
services-how = Lassen Sie die Karte im Lesegerät, solange Sie den Dienst nutzen. Wenn der Browser danach fragt, geben Sie die PIN der Karte ein: Der Browser fragt danach, nicht dieses Programm.
# Die Schaltfläche eines Dienstes.
services-open = { $service } öffnen
# Während das Programm die Browser prüft.
services-checking = Es wird geprüft, ob der Browser die Karte erkennt …
# Der Browser erkennt die Karte: die Schaltfläche, die wirklich öffnet.
services-ready = Der Browser erkennt die Karte.
# Die Schaltfläche, die den Dienst nach der Prüfung im Browser öffnet.
services-open-now = Im Browser öffnen
# Kein Browser erkennt die Karte.
services-needs-setup = Der Browser erkennt die Karte noch nicht: Ohne Einrichtung können Sie sich nicht mit der Karte anmelden.
# Kein Browser gefunden (weder Firefox noch Chromium).
services-none-found = Für diesen Benutzer wurde weder Firefox noch Chromium gefunden: Mit einem anderen Browser funktioniert die Anmeldung mit der Karte womöglich nicht.
# Die Schaltfläche, die zur Einrichtung des Browsers führt.
services-set-up = Browser einrichten
# Die Schaltfläche, die den Dienst öffnet, obwohl kein Browser die Karte erkennt.
services-open-anyway = Trotzdem öffnen
# Nach dem Öffnen.
services-opened = Im Browser geöffnet: { $service }.
# Im Demo-Modus.
services-demo-note = Demo-Modus: Die simulierte Karte meldet sich bei keinem echten Dienst an, aber Sie können deren Websites ansehen.

## Die Diagnose (doctor, Seite Diagnose): die verwendeten Hinweise.

# Titel der Prüfung.
doctor-guidance-title = Hinweise zu PIN, PUK und Diensten
# Die Prüfung war erfolgreich: die verwendeten Dateien.
doctor-guidance-files = Verwendet: { $files }.
# Eine verwendete Datei, im Programm enthalten.
doctor-guidance-built-in = { $file } (im Programm enthalten)
# Eine verwendete Datei, vom Installationsprogramm abgelegt.
doctor-guidance-installed = { $file } (installiert)
# Eine ungültige installierte Datei: der Fehler (Datei, Feld, Problem) und was geschieht.
doctor-guidance-invalid = { $error }. Stattdessen werden die im Programm enthaltenen Hinweise verwendet.
# Wie man es behebt.
doctor-guidance-invalid-fix = Korrigieren Sie das genannte Feld (das Format ist am Anfang von national.toml in den Quellen des Programms beschrieben) oder entfernen Sie die Datei.
