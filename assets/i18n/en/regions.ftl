### The regions and autonomous provinces that issue the card, as the user reads them (the
### card's state, `cns-manager status`), with the English names English texts use. JSON keeps
### the card's Italian name. One line per region, in the order of the card number's codes.

region-piemonte = Piedmont region
region-valle-d-aosta = Aosta Valley region
region-lombardia = Lombardy region
region-bolzano = Autonomous Province of Bolzano
region-trento = Autonomous Province of Trento
region-veneto = Veneto region
region-friuli-venezia-giulia = Friuli Venezia Giulia region
region-liguria = Liguria region
region-emilia-romagna = Emilia-Romagna region
region-toscana = Tuscany region
region-umbria = Umbria region
region-marche = Marche region
region-lazio = Lazio region
region-abruzzo = Abruzzo region
region-molise = Molise region
region-campania = Campania region
region-puglia = Apulia region
region-basilicata = Basilicata region
region-calabria = Calabria region
region-sicilia = Sicily region
region-sardegna = Sardinia region
