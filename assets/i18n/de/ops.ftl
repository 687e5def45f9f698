### Die Anwendungsfälle unter dem Fenster und der Befehlszeile (crates/cns-manager/src/ops): was
### außerhalb der Karte und der Datei schiefgehen kann.

# Fenster, Signieren eines Dokuments: der Thread, der mit der Karte spricht, ist nicht gestartet (nach „Das Dokument wurde nicht signiert:“).
ops-worker-gone = der Programmteil, der mit der Karte kommuniziert, läuft nicht
