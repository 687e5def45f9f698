### La pagina della finestra per firmare e verificare un documento, e le parole della firma che
### la finestra e `cns-manager sign` condividono.

docs-title-sign = Firma un documento
docs-title-verify = Verifica un documento
docs-another-sign = Firma un altro documento
docs-another-verify = Verifica un altro documento
docs-choose-file = Scegli il file…
docs-or-drop = oppure trascinalo nella finestra
docs-folder-not-file = È una cartella, non un file: scegli un documento dentro «{ $path }».
docs-file-not-found = Non trovo il file «{ $path }»: controlla il percorso.
docs-path-label = Percorso del file
docs-open = Apri
docs-open-folder = Apri la cartella
docs-close = Chiudi
docs-cancel = Annulla
# Dimensione di un file sotto 1 KB; $n è scritto in cifre.
docs-size-bytes = { $n } byte

## Firmare.

sign-insert-card = Inserisci la tessera per firmare.
sign-card-certificate-expired = Il certificato della tessera è scaduto: una firma fatta ora non sarebbe valida.
sign-pin-blocked = Il PIN è bloccato: sbloccalo con il PUK, poi firma.
sign-detached-choice = Firma separata (.p7s): il documento resta a parte
sign-pin-label = PIN della tessera
sign-show-digits = Mostra le cifre
sign-pin-empty = Scrivi il PIN della tessera: da 5 a 8 cifre.
# Un PIN che non ha la forma giusta, fermato prima della tessera: finestra e riga di comando.
sign-pin-format = PIN non valido: servono da 5 a 8 cifre. Nulla è stato inviato alla tessera.
sign-button = Firma
sign-use-last-try = Usa l'ultimo tentativo
sign-card-says-last-try = La tessera dice che resta un solo tentativo per il PIN: nulla è stato inviato. Scrivi di nuovo il PIN: prima di usarlo ti verrà chiesta una conferma.
sign-working-card = Firma con la tessera…
sign-working-reading = Lettura del documento…
# Finestra e riga di comando.
document-signed = Documento firmato: { $path } (firme nel file: { $signers }).
sign-disk-error = Il documento NON è stato firmato: errore su { $path }: { $error }.
sign-card-removed = La tessera è stata rimossa: il documento NON è stato firmato.
sign-not-signed-because = Il documento NON è stato firmato ({ $detail }).
sign-pin-in-doubt = Il PIN era già stato inviato: non si può sapere se il tentativo è stato conteggiato. Reinserisci la tessera e controlla i tentativi rimasti prima di riprovare.
sign-no-try-used = Nessun tentativo del PIN è stato consumato.
sign-failed = Il documento non è stato firmato: { $error }

## Verificare, nella finestra: una riga per fatto, con ✔ o ⛔ davanti.

verify-working = Verifica in corso…
docs-timestamped-file = File con marca temporale
docs-signature-unverifiable = Firma non verificabile ({ $why })
docs-intact-and-valid = Documento integro, firma valida
docs-altered-or-invalid = Documento modificato o firma non valida
docs-certificate-valid = Certificato valido alla data della firma
docs-certificate-not-valid = Certificato non valido alla data della firma
docs-issued-by-trusted = Emesso da { $issuer }, autorità fidata
docs-issued-by-chain-invalid = Emesso da { $issuer }: il certificato di { $at } non era valido alla data della firma
docs-issued-by-not-trusted = Emesso da { $issuer }: autorità non fidata
docs-revocation-unavailable = Revoca non verificabile: { $reason }
docs-not-revoked = Non revocato
docs-revocation-not-checked = Revoca non verificata
docs-countersignature = Controfirma di { $who }: { $state }
docs-detached-checked = Firma separata, controllata sul documento «{ $name }» che le sta accanto.
docs-detached-missing = È una firma separata (.p7s) e il documento originale non è accanto con lo stesso nome: usa «cns-manager verify FILE.p7s --content DOCUMENTO».
docs-extract = Estrai il documento
docs-extracted-to = Documento estratto in { $path }
docs-tsl-checking = Controllo della firma dell'elenco di fiducia…
docs-authority-not-added = L'autorità non è stata aggiunta: { $error }.

## Firmare con `cns-manager sign`.

sign-no-file = Il file { $path } non esiste o non è un file.
sign-would-replace-document = Il file firmato non può sostituire il documento: scegli un altro nome con --out.
sign-input-unreadable = Lettura non riuscita: { $error }
sign-pin-invalid = PIN non valido: nulla è stato inviato alla tessera.
sign-no-certificate = La tessera non ha un certificato con cui firmare.
sign-card-certificate-expired-on = Il certificato della tessera è scaduto il { $date }: una firma fatta ora non sarebbe valida. Nulla è stato inviato alla tessera.
sign-reading-progress = Lettura del documento:
sign-not-signed = Il documento non è stato firmato.
sign-not-signed-try-in-doubt = { sign-not-signed } { try-counted-unknown }
sign-different-document = Il file firmato contiene un documento diverso da quello indicato: nulla è stato firmato.
sign-add-to-not-signed-file = Il file a cui aggiungere la firma non è un file firmato valido ({ $error }).
sign-pin-blocked-unblock = Il PIN è bloccato: sbloccalo con il PUK (cns-manager unblock), poi firma di nuovo.
