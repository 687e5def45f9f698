### Fehler bei der Verbindung mit Lesegerät und Karte (TransportError): die Befehlszeile; eine Karte, die nicht antwortet oder nicht lesbar ist, auch im Fenster.

transport-no-card = Keine Karte im Lesegerät. Stecken Sie die Karte mit dem Chip zum Lesegerät hin ein.
transport-card-removed = Die Karte wurde während des Vorgangs entfernt: Der Vorgang wurde möglicherweise nicht abgeschlossen. Stecken Sie die Karte wieder ein und prüfen Sie den Zustand mit «cns-manager status».
transport-card-reset = Ein anderes Programm hat die Karte während des Vorgangs zurückgesetzt. Versuchen Sie es erneut.
transport-card-in-use = Ein anderes Programm verwendet die Karte (zum Beispiel der Browser oder ein Signaturprogramm). Schließen Sie es und versuchen Sie es erneut.
# Eine Transaktion, die länger dauert, als cns-pcsc wartet.
transport-card-busy = Ein anderes Programm arbeitet gerade mit der Karte (zum Beispiel der Browser oder ein Signaturprogramm) und hat sie nicht innerhalb einiger Sekunden freigegeben. Es wurde nichts an die Karte gesendet. Schließen Sie das andere Programm oder warten Sie, bis es fertig ist, und versuchen Sie es dann erneut.
transport-service-lost = Der Chipkartendienst (pcscd) wurde während des Vorgangs beendet: Der Vorgang wurde möglicherweise nicht abgeschlossen. Sobald der Dienst wieder läuft (unter Linux: sudo systemctl restart pcscd), prüfen Sie den Zustand mit «cns-manager status», bevor Sie es erneut versuchen.
transport-cancelled = Vorgang abgebrochen.
transport-card-unresponsive = Die Karte antwortet nicht. Nehmen Sie sie heraus, prüfen Sie die Richtung (Chip oben) und ob der Chip sauber ist, und stecken Sie sie wieder ein.
transport-other = Fehler bei der Verbindung mit dem Lesegerät.
card-unreadable = Karte nicht lesbar: Ihre Antworten entsprechen nicht dem Standard. Nehmen Sie sie heraus, prüfen Sie, ob der Chip sauber ist, und stecken Sie sie wieder ein; wenn es erneut vorkommt, ist die Karte möglicherweise beschädigt: Wenden Sie sich an Ihren Sanitätsbetrieb oder an den Schalter des Landes.
card-not-cns = Diese Karte ist keine Tessera Sanitaria – CNS (oder kann nicht als solche gelesen werden).
card-refused = Die Karte hat den Vorgang abgelehnt.
# Vor der Kette der Ursachen, für den Support.
technical-detail = technisches Detail
