### La pagina del certificato di autenticazione: chi nomina, chi l'ha emesso, quanto dura, se
### corrisponde alla tessera, e l'esportazione.

# Titolo della pagina del certificato.
cert-title = Certificato di autenticazione

# Pagina del certificato, nomi delle righe.
cert-subject = Intestato a
cert-issuer = Emesso da
cert-valid = Valido
cert-key = Chiave
cert-fingerprint = Impronta SHA-256
# Pagina del certificato, il periodo di validità; le date sono già scritte.
cert-valid-from-to = dal { $from } al { $to }

# Pagina del certificato, il confronto con i dati della tessera.
cert-match-heading = Corrispondenza con la tessera
cert-card-number = Numero della tessera
cert-personal-data-hash = Impronta dei dati personali

# Pagina del certificato, l'esito di un confronto.
cert-check-matches = corrisponde
cert-check-mismatch = non corrisponde
cert-check-unavailable = non verificabile
cert-hash-matches-with-header = corrisponde (calcolata con l'intestazione del file)
cert-hash-matches-without-header = corrisponde (calcolata senza l'intestazione del file)

# Pagina del certificato, in modalità sportello al posto dei pulsanti di esportazione.
cert-counter-no-save = In modalità sportello non si salva nulla sul disco.
# Pagina del certificato, quando manca il selettore di file del sistema.
cert-no-file-chooser = Il selettore di file non è disponibile. Salva il certificato in questo percorso:
cert-save = Salva
cert-export-pem = Esporta PEM…
cert-export-der = Esporta DER…

# Pulsante in fondo alle pagine del certificato e della nuova tessera.
page-back-to-card = Torna allo stato della tessera
