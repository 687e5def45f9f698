### Das Bedienfeld des Demo-Modus: die simulierte Karte, die Situationen und die Kartentypen.

# Name des virtuellen Lesegeräts der Demo (Lesegeräte, Status, Diagnose).
demo-reader-name = CNS Manager – Demo-Lesegerät

# Demo-Bedienfeld, Schaltflächen.
demo-insert-card = Karte einstecken
demo-remove-card = Karte entfernen
demo-reset-card = Karte zurücksetzen

# Demo-Bedienfeld, Titel und barrierefreier Name der Auswahl der Situation.
demo-situation = Situation

# Demo-Bedienfeld, die wählbaren Situationen.
demo-scenario-fresh = Neu
demo-scenario-last-try = PIN: nur noch ein Versuch
demo-scenario-pin-blocked = PIN gesperrt
demo-scenario-puk-blocked = PIN und PUK gesperrt

# Demo-Bedienfeld, eine Situation, die nicht in der Liste steht, mit den Zählern gesagt. $secret ist "PIN" oder "PUK".
demo-secret-tries =
    { $tries ->
        [0] { $secret } gesperrt
        [one] { $secret }: { $tries } Versuch
       *[other] { $secret }: { $tries } Versuche
    }

# Demo-Bedienfeld, unter den Auswahlen: die PIN wurde vom Benutzer geändert und wird nicht gezeigt.
demo-pin-own = PIN: die von Ihnen gewählte
# Demo-Bedienfeld, nach der PIN des Benutzers: wie man zur Test-PIN zurückkommt.
demo-pin-way-back = („Karte zurücksetzen“ stellt wieder { $pin } ein)

# Demo-Bedienfeld, Kartentypen mit zu übersetzenden Wörtern (die anderen sind Marken).
demo-mode-legacy = CRS Lombardei (Siemens)
demo-mode-no-count = Ohne Zähler

# Demo-Bedienfeld, ein Hinweis zu jedem Kartentyp.
demo-hint-standard = Athena-Karte: Standardverhalten, nennt die verbleibenden Versuche.
demo-hint-stincard = STIncard-Karte: die PIN-Befehle verlangen einen anderen Parameter.
demo-hint-siemens = Siemens CardOS: die Abfrage der Versuche verbraucht einen, daher wird nicht gefragt.
demo-hint-idemia = IDEMIA: lange Antworten in Teilen (GET RESPONSE).
demo-hint-legacy = Alte CRS der Lombardei (Siemens): wie Siemens, und lange Dateien in Teilen gelesen.
demo-hint-no-count = Sagt nie, wie viele Versuche bleiben, nicht einmal nach einer falschen PIN.
demo-hint-applet2025 = TS-CNS von 2025: nur die CNS-Anwendung, Kartennummer in einer neuen Datei.
demo-hint-st2022 = ST2022 über NFC gelesen: JSign4-Applet, ATR ohne historische Bytes.
demo-hint-idemia2021 = IDEMIA 2021: das Zertifikat in einem anderen Ordner.
