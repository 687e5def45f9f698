### Die Regionen und Autonomen Provinzen, die die Karte ausgeben, wie der Benutzer sie liest
### (Status der Karte, `cns-manager status`), mit den deutschen Namen (Exonyme). JSON behält den
### italienischen Namen der Karte. Eine Zeile je Region, in der Reihenfolge der Codes.

region-piemonte = Region Piemont
region-valle-d-aosta = Region Aostatal
region-lombardia = Region Lombardei
region-bolzano = Autonome Provinz Bozen
region-trento = Autonome Provinz Trient
region-veneto = Region Venetien
region-friuli-venezia-giulia = Region Friaul-Julisch Venetien
region-liguria = Region Ligurien
region-emilia-romagna = Region Emilia-Romagna
region-toscana = Region Toskana
region-umbria = Region Umbrien
region-marche = Region Marken
region-lazio = Region Latium
region-abruzzo = Region Abruzzen
region-molise = Region Molise
region-campania = Region Kampanien
region-puglia = Region Apulien
region-basilicata = Region Basilikata
region-calabria = Region Kalabrien
region-sicilia = Region Sizilien
region-sardegna = Region Sardinien
