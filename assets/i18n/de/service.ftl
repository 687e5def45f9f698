### Der Chipkartendienst und der Lesegerättreiber: was nicht stimmt und wie es behoben wird, je System.
### Fenster, Diagnose und Befehlszeile verwenden dieselben Texte.
### $os ist "linux", "windows" oder "macos": jedes System erhält nur seine eigenen Befehle.

service-error-found = Der Chipkartendienst hat mit einem Fehler geantwortet.

connect-reader-found = Kein Chipkarten-Lesegerät gefunden.
connect-reader-fix = Schließen Sie das USB-Lesegerät an (oder versuchen Sie ein anderes Kabel bzw. einen anderen Anschluss); wenn es bereits angeschlossen ist, trennen Sie es und schließen Sie es erneut an.

# Nur Linux: anderswo ist der Dienst Teil des Systems.
service-not-installed-found = Der Dienst ist nicht installiert.
service-not-installed-fix = Installieren Sie ihn: sudo apt install pcscd libccid (Fedora: sudo dnf install pcsc-lite pcsc-lite-ccid), danach sudo systemctl enable --now pcscd.socket

service-not-running-found =
    { $os ->
        [windows] Der Windows-Dienst «Smart Card» (SCardSvr) läuft nicht: Windows startet ihn, wenn ein Lesegerät angeschlossen wird, und beendet ihn, wenn das letzte getrennt wird.
        [macos] Der Chipkartendienst von macOS (CryptoTokenKit, Teil des Systems: es gibt kein pcscd, das installiert oder gestartet werden müsste) antwortet nicht.
       *[linux] Der Dienst ist installiert, läuft aber nicht.
    }
service-not-running-fix =
    { $os ->
        [windows] Schließen Sie das Lesegerät an. Wenn der Dienst nicht startet: Öffnen Sie «Dienste» (services.msc), suchen Sie «Smart Card», stellen Sie den Starttyp auf «Manuell» und klicken Sie auf Starten.
        [macos] Trennen Sie das Lesegerät und schließen Sie es erneut an; wenn das nicht reicht, starten Sie den Mac neu.
       *[linux] Starten Sie ihn und lassen Sie ihn bei Bedarf starten: sudo systemctl enable --now pcscd.socket
    }

# Nur Linux (der Socket von pcsc-lite).
service-stale-socket-found = Der Dienst läuft nicht: Sein Socket ist noch vorhanden, aber niemand antwortet (Verbindung abgelehnt). Er wurde unerwartet beendet, zum Beispiel durch einen Absturz.
service-stale-socket-fix = Starten Sie ihn neu: sudo systemctl restart pcscd; damit er bei Bedarf von selbst startet: sudo systemctl enable --now pcscd.socket

# $certain: "yes", wenn der Dienst geantwortet (und abgelehnt) hat.
service-refused-found =
    { $os ->
        [windows] Der Windows-Dienst «Smart Card» hat dieser Sitzung den Zugriff verweigert (zum Beispiel einer Remotedesktop-Sitzung, die die Lesegeräte des PCs sieht, von dem aus die Verbindung hergestellt wird).
        [macos] { service-not-running-found }
       *[linux]
            { $certain ->
                [yes] Der Dienst läuft, hat diese Sitzung aber abgelehnt: meist wegen polkit, das entfernten oder nicht lokalen Sitzungen (SSH, Remotedesktop) keinen Zugriff auf Karten gibt.
               *[no] Der Dienst antwortet dieser Sitzung nicht: meist wegen polkit, das entfernten oder nicht lokalen Sitzungen (SSH, Remotedesktop) keinen Zugriff auf Karten gibt.
            }
    }
service-refused-fix =
    { $os ->
        [windows] Verwenden Sie den PC in seiner lokalen Sitzung, oder schließen Sie das Lesegerät an den PC an, von dem aus Sie sich verbinden.
        [macos] { service-not-running-fix }
       *[linux]
            { $certain ->
                [yes] Verwenden Sie den PC in seiner lokalen Sitzung, oder bitten Sie die Systemverwaltung um eine polkit-Regel, die diesem Benutzer org.debian.pcsc-lite.access_pcsc und org.debian.pcsc-lite.access_card erlaubt.
               *[no] Verwenden Sie den PC in seiner lokalen Sitzung, oder bitten Sie die Systemverwaltung um eine polkit-Regel, die diesem Benutzer org.debian.pcsc-lite.access_pcsc und org.debian.pcsc-lite.access_card erlaubt. Wenn der Dienst beendet wurde: sudo systemctl restart pcscd.
            }
    }

service-restart =
    { $os ->
        [windows] Starten Sie den Dienst «Smart Card» unter «Dienste» (services.msc) neu, oder trennen Sie das Lesegerät und schließen Sie es erneut an.
        [macos] Trennen Sie das Lesegerät und schließen Sie es erneut an; wenn das nicht reicht, starten Sie den Mac neu.
       *[linux] Starten Sie ihn neu: sudo systemctl restart pcscd
    }

install-reader-driver =
    { $os ->
        [windows] Windows installiert den Treiber gängiger Lesegeräte selbst: Trennen Sie das Lesegerät, schließen Sie es erneut an und warten Sie eine Minute; wenn das nicht reicht, installieren Sie den Treiber von der Website des Herstellers.
        [macos] macOS erkennt gängige Lesegeräte, ohne dass etwas installiert werden muss: Trennen Sie das Lesegerät und schließen Sie es erneut an; wenn das nicht reicht, installieren Sie den Treiber von der Website des Herstellers.
       *[linux] Installieren Sie ihn: sudo apt install libccid (Fedora: sudo dnf install pcsc-lite-ccid), danach trennen Sie das Lesegerät und schließen es erneut an.
    }

make-readable =
    { $os ->
        [windows] Machen Sie die Datei für alle Benutzer lesbar (Eigenschaften → Sicherheit: «Lesen» für «Benutzer») oder löschen Sie sie.
       *[other] Machen Sie die Datei für alle Benutzer lesbar (sudo chmod 644 DATEI) oder löschen Sie sie.
    }

## Der Dienst antwortet nicht (Ursache nicht untersucht): die Statusseite des Fensters und die Befehlszeile.
## Eine Zeile je Schritt; Zeilen, die mit "sudo " beginnen, sind Befehle.

service-down-title = Der Chipkartendienst ist nicht aktiv
# Unter Windows und macOS wird service-not-running-fix verwendet.
service-down-fix-pcscd =
    Das Programm spricht über den Dienst pcscd mit dem Lesegerät. So installieren und starten Sie ihn:
    sudo apt install pcscd libccid
    sudo systemctl enable --now pcscd.socket

## Kein Lesegerät angeschlossen: die Schritte, einer je Zeile.

no-reader-title = Kein Lesegerät angeschlossen
reader-steps =
    { $os ->
        [windows]
            Schließen Sie das Chipkarten-Lesegerät an einen USB-Anschluss des Computers an.
            Warten Sie, bis Windows den Treiber installiert (meist von selbst, in weniger als einer Minute).
            Der Windows-Dienst «Smart Card» startet von selbst. Wenn das Lesegerät nicht erscheint, trennen Sie es und schließen Sie es erneut an.
        [macos]
            Schließen Sie das Chipkarten-Lesegerät an einen USB-Anschluss des Computers an.
            macOS erkennt gängige Lesegeräte, ohne dass etwas installiert werden muss.
            Wenn das Lesegerät nicht erscheint, trennen Sie es und schließen Sie es erneut an.
       *[linux]
            Schließen Sie das Chipkarten-Lesegerät an einen USB-Anschluss des Computers an.
            Installieren Sie den Chipkartendienst und den Treiber: sudo apt install pcscd libccid
            Starten Sie den Dienst: sudo systemctl enable --now pcscd.socket
    }

## Der Streifen über der Seite, solange die simulierte Karte angezeigt wird, und warum das Fenster sie gewählt hat.

demo-banner = ⚠ Demomodus – simulierte Karte
demo-why-no-service = Der Demomodus wurde automatisch gestartet, weil der Chipkartendienst dieses Computers nicht antwortet: Ihre Karte kann nicht gelesen werden.
demo-why-no-reader = Der Demomodus wurde automatisch gestartet, weil kein Chipkarten-Lesegerät zu sehen ist.
demo-reader-without-driver = Ein USB-Lesegerät ist angeschlossen, aber der Dienst sieht es nicht: Der Treiber fehlt.
demo-open-diagnostics = Diagnose öffnen
demo-leave = Demo verlassen
