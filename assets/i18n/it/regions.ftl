### Le regioni e le province autonome che emettono la tessera, come le legge l'utente (stato
### della tessera, `cns-manager status`). Il JSON tiene il nome italiano della tessera.
### Una riga per regione, nell'ordine dei codici del numero della tessera (010 … 200).

region-piemonte = Regione Piemonte
region-valle-d-aosta = Regione Valle d'Aosta
region-lombardia = Regione Lombardia
region-bolzano = Provincia autonoma di Bolzano
region-trento = Provincia autonoma di Trento
region-veneto = Regione Veneto
region-friuli-venezia-giulia = Regione Friuli Venezia Giulia
region-liguria = Regione Liguria
region-emilia-romagna = Regione Emilia-Romagna
region-toscana = Regione Toscana
region-umbria = Regione Umbria
region-marche = Regione Marche
region-lazio = Regione Lazio
region-abruzzo = Regione Abruzzo
region-molise = Regione Molise
region-campania = Regione Campania
region-puglia = Regione Puglia
region-basilicata = Regione Basilicata
region-calabria = Regione Calabria
region-sicilia = Regione Sicilia
region-sardegna = Regione Sardegna
