### I messaggi dei comandi della riga di comando (cli/): PIN, lettori, watch, export-cert, errori di sintassi.
### L'aiuto e la pagina di manuale sono in cli-help.ftl.

# verify-pin, change-pin, unblock, sign: i codici non si sono potuti leggere.
cli-input-unreadable = Lettura non riuscita: { $error }

# Causa di cli-input-unreadable: --stdin ha meno righe del necessario.
cli-read-missing-line = lo standard input è finito prima che tutti i valori fossero letti

# Causa di cli-input-unreadable: nessun terminale e niente --stdin.
cli-read-no-terminal = nessun terminale su cui chiederli; usa --stdin

# Causa di cli-input-unreadable: una riga troppo lunga.
cli-read-too-long = una riga dello standard input è troppo lunga per essere un PIN o un PUK

# Causa di cli-input-unreadable: byte che non sono testo.
cli-read-not-text = lo standard input non è testo

# Richiesta sul terminale (change-pin, unblock).
cli-prompt-new-pin = Nuovo PIN (5-8 cifre)

# Richiesta sul terminale (unblock).
cli-prompt-puk = PUK (8 cifre)

# Domanda sul terminale (unblock) per un PUK corto; la risposta sì è s/y/j.
cli-short-puk-ask = Il PUK della TS-CNS ha { $digits } cifre, ne hai scritte { $typed }: un PUK sbagliato consuma un tentativo. Inviarlo comunque? [s/N]

# unblock: PUK corto non confermato.
cli-short-puk-refused = Il PUK della TS-CNS ha { $digits } cifre: ne hai scritte { $typed }. Nulla è stato inviato alla tessera. Controlla il PUK che ti è stato consegnato; se sei sicuro, ripeti il comando con --confirm-short-puk.

# verify-pin, change-pin, unblock: prima della lista dei valori non validi.
cli-invalid-values = Valori non validi, nulla è stato inviato alla tessera:

# Nome del campo in una riga di cli-invalid-values.
cli-field-current-pin = PIN attuale

# Nome del campo in una riga di cli-invalid-values.
cli-field-new-pin = nuovo PIN

# Nome del campo in una riga di cli-invalid-values.
cli-field-repeat-pin = ripetizione del nuovo PIN

# Dopo il nome del campo, in una riga di cli-invalid-values.
cli-format-empty = è vuoto

# Dopo il nome del campo, in una riga di cli-invalid-values.
cli-format-not-digits = deve contenere solo cifre

# Dopo il nome del campo, in una riga di cli-invalid-values.
cli-format-too-short = deve avere almeno 5 cifre

# Dopo il nome del campo, in una riga di cli-invalid-values.
cli-format-too-long = può avere al massimo 8 cifre

# Una riga di cli-invalid-values.
cli-new-pins-differ = i due nuovi PIN non coincidono

# Una riga di cli-invalid-values.
cli-new-pin-unchanged = il nuovo PIN è uguale a quello attuale

# verify-pin riuscito.
cli-pin-correct = PIN corretto.

# change-pin riuscito.
cli-pin-changed = PIN cambiato. Usa il nuovo PIN da ora in poi.

# unblock riuscito.
cli-pin-unblocked = PIN sbloccato e sostituito con quello nuovo.

# verify-pin, change-pin: il PIN è bloccato.
cli-pin-blocked = Il PIN è bloccato. { doctor-pin-blocked-fix }.

# unblock, sign: il PUK è bloccato.
cli-puk-blocked = Il PUK è bloccato: la tessera non può più essere sbloccata e va sostituita. Chiedi una nuova tessera all'Agenzia delle Entrate (online o in ufficio) o agli sportelli della tua regione. Numero verde 800 030 606; Sistema TS 800 030 070.

# verify-pin, change-pin, unblock: la tessera ha risposto con un errore (status word).
cli-card-refused-status = La tessera ha rifiutato l'operazione ({ $status }).

# verify-pin, change-pin, unblock: il contatto con la tessera si è interrotto.
cli-interrupted = Operazione interrotta.

# verify-pin, change-pin, unblock: il comando può essere arrivato alla tessera; anche in sign-not-signed-try-in-doubt (documents.ftl).
try-counted-unknown = Non è possibile sapere se il tentativo è stato conteggiato: controlla con «cns-manager status».

# cns-manager senza comando e senza lettori: su stderr, prima che si apra la finestra.
cli-demo-autostart = Nessun lettore disponibile: avvio in modalità dimostrativa con una tessera simulata.

# cns-manager senza comando: la finestra non si apre.
cli-window-failed = Impossibile aprire la finestra: { $error }

# readers: un lettore con una tessera che non risponde.
cli-reader-mute-card = tessera muta (non risponde)

# --reader con un nome che non c'è.
cli-reader-not-found = Lettore «{ $reader }» non trovato. Lettori disponibili: { $readers }

# Tessere in più lettori e nessun --reader.
cli-several-cards = Ci sono tessere in più lettori: { $readers }. Scegli con --reader NOME.

# export-cert --pem: il certificato non si legge.
cli-cert-not-parsable = Il certificato sulla tessera non è leggibile: impossibile convertirlo in PEM.

# export-cert: il file non si può scrivere.
cli-write-failed = Impossibile scrivere { $file }: { $error }

# export-cert riuscito.
cli-cert-saved = Certificato salvato in { $file } ({ $bytes } byte).

# watch: il monitor dei lettori non parte.
cli-watch-failed = Impossibile sorvegliare i lettori.

# watch: una riga per evento.
cli-event-reader-added = Lettore collegato
# watch: una riga per evento.
cli-event-reader-removed = Lettore scollegato
# watch: una riga per evento.
cli-event-card-inserted = Tessera inserita
# watch: una riga per evento.
cli-event-card-removed = Tessera rimossa
# watch: una riga per evento.
cli-event-service-lost = Servizio smart card non raggiungibile
# watch: una riga per evento.
cli-event-service-back = Servizio smart card di nuovo attivo

# Riga di comando sbagliata: «errore: …» su stderr.
cli-parse-error = errore

# Dopo cli-parse-error.
cli-parse-unknown-command = comando sconosciuto «{ $command }»
# Dopo cli-parse-error.
cli-parse-unknown-option = opzione sconosciuta «{ $option }»
# Dopo cli-parse-error.
cli-parse-missing-value = manca il valore di { $option }
# Dopo cli-parse-error.
cli-parse-invalid-value = valore «{ $value }» non valido per { $option }
# Dopo cli-parse-error.
cli-parse-invalid-value-among = valore «{ $value }» non valido per { $option } (possibili: { $valid })
# Dopo cli-parse-error.
cli-parse-missing-argument = manca un argomento obbligatorio: { $argument }
# Dopo cli-parse-error.
cli-parse-missing-command = manca il comando
# Dopo cli-parse-error.
cli-parse-conflict = { $option } non si può usare insieme a { $other }
# Dopo cli-parse-error.
cli-parse-wrong-number-of-values = numero di valori sbagliato per { $option }
# Dopo cli-parse-error.
cli-parse-invalid-arguments = argomenti non validi

# Riga di comando sbagliata: prima del suggerimento.
cli-parse-did-you-mean = forse intendevi:

# Riga di comando sbagliata: ultima riga.
cli-parse-more-info = Per saperne di più: cns-manager --help
