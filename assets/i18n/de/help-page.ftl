### Die Seite „neue Karte“ (PUK gesperrt oder Karte abgelaufen) und die Hilfenummern, auch auf
### der Seite Diagnose und im Entsperr-Assistenten gezeigt.

# Titel der Seite zur neuen Karte.
new-card-title = So beantragen Sie eine neue Karte
# Seite zur neuen Karte, der Hinweis oben.
new-card-puk-blocked = Mit gesperrtem PUK kann die Karte nicht mehr entsperrt werden: Sie muss ersetzt werden. Dies lässt sich nicht rückgängig machen.

# Wo eine neue Karte beantragt wird: je ein Listenpunkt.
new-card-online = Online, auf der Website der Agentur der Einnahmen (Agenzia delle Entrate, Dienst „Richiesta duplicato Tessera Sanitaria“), mit SPID, CIE oder CNS: Die neue Karte wird per Post an Ihre Wohnsitzadresse geschickt.
new-card-in-person = Persönlich, in einem Amt der Agentur der Einnahmen, mit einem Ausweisdokument.
new-card-region = An den Schaltern Ihrer Region bzw. Autonomen Provinz oder Ihres Sanitätsbetriebs, die auch die Dienste der neuen Karte (PIN und PUK) aktivieren.

# Die kostenlosen Hilfenummern: neue Karte, Diagnose, neben dem Bericht für den Kundendienst.
help-lines-title = Hilfenummern (kostenlos)
help-line-toll-free = Grüne Nummer 800 030 606
help-line-sistema-ts = Sistema TS 800 030 070
