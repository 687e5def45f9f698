### Lo stato della tessera e le operazioni su PIN e PUK. La finestra (pagina della tessera,
### procedure guidate) e la riga di comando (`status`, `watch`) usano questi stessi testi.
### $secret è "PIN" o "PUK".

## Dati della tessera: etichette (finestra, `status`, `watch`)

# Finestra (dettagli tecnici), `status`: il lettore usato.
card-reader = Lettore
# `status`, `watch`: il nome del titolare.
card-holder = Titolare
# Finestra (al posto del nome), `status`: i dati anagrafici non si leggono.
card-holder-unreadable = Titolare non leggibile
# Finestra, `status`.
card-fiscal-code = Codice fiscale
# `status`, `watch`: la data di nascita.
card-born-on = Nato/a il
# Finestra, `status`: il numero della tessera.
card-number = Tessera n.
# `status`: la generazione della tessera (il nome dell'applet).
card-type = Tipo di tessera
# Finestra, `status`.
card-expiry = Scadenza tessera
# Finestra (riga e pulsante), `status`.
card-certificate = Certificato
# Finestra, dettagli tecnici: il profilo riconosciuto.
card-profile = Profilo
# Finestra, dettagli tecnici.
card-chip-maker = Produttore chip
# Finestra, dettagli tecnici di una carta che non è una CNS.
card-declared-type = Tipo dichiarato

## Dati della tessera: valori (finestra e riga di comando)

# Un dato che la tessera non lascia leggere.
card-value-unreadable = non leggibile
# La tessera non indica la scadenza.
card-expiry-not-stated = non indicata
card-expired = scaduta: va rinnovata
card-valid = valida
# Tessera o certificato che scade entro 30 giorni.
expires-in-days =
    { $days ->
        [0] scade oggi
        [one] scade tra { $days } giorno
       *[other] scade tra { $days } giorni
    }
card-certificate-expired = scaduto
card-certificate-valid = valido
card-certificate-ends-before-card = scade prima della tessera
# `status`: il certificato porta un codice fiscale o un numero diverso da quelli della tessera.
card-certificate-mismatch = il certificato non corrisponde ai dati della tessera
fiscal-code-valid = valido
fiscal-code-mismatch = non corrisponde ai dati della tessera
fiscal-code-invalid = non valido

## Stato di PIN e PUK: titolo e dettaglio dei riquadri della finestra, e righe di `status`/`watch`

# Titolo: il codice funziona.
secret-active =
    { $secret ->
        [PUK] PUK disponibile
       *[other] PIN attivo
    }
# Dettaglio: i tentativi rimasti (2 o più).
secret-tries-left =
    { $tries ->
        [one] Ti resta { $tries } tentativo
       *[other] Ti restano { $tries } tentativi
    }
secret-verified = Già verificato in questa sessione
# Titolo: un solo tentativo.
secret-last-try = { $secret }: ti resta un solo tentativo
pin-last-try-puk-blocked = Attenzione: se sbagli ancora, il PIN si blocca e, con il PUK bloccato, la tessera va sostituita.
pin-last-try-advice = Attenzione: se sbagli ancora, il PIN si blocca. Se non sei sicuro, sbloccalo con il PUK.
secret-blocked = { $secret } bloccato
pin-blocked-for-good = Non si può più sbloccare: anche il PUK è bloccato
pin-unblock-with-puk = Sbloccalo con il PUK
card-must-be-replaced = La tessera va sostituita
# Tessere che non dicono i tentativi rimasti.
secret-state-unknown = { $secret }: stato non noto
secret-tries-not-told = Questa tessera non dice quanti tentativi restano, né se è bloccato
# Finestra (suggerimento e riga sotto i pulsanti), procedure guidate: il PIN bloccato.
pin-blocked-unblock-first = Il PIN è bloccato: sbloccalo con il PUK.
# Finestra (avviso), procedure guidate: il PUK bloccato.
puk-blocked-replace = PUK bloccato: la tessera non può più essere sbloccata e va sostituita.

## Letture dei contatori (finestra, dettagli tecnici)

counters-read = Contatori letti dalla tessera senza consumare tentativi.
counters-not-asked = Questa famiglia di tessere consuma un tentativo se le si chiede il contatore: non lo chiediamo.

## Operazioni su PIN e PUK (procedure guidate della finestra)

# Sopra il primo passo, su una tessera che non dice i tentativi.
pin-op-unknown-tries-puk = Questa tessera non dice quanti tentativi restano per il PUK: potrebbe essere l'ultimo. Se il PUK è sbagliato, la tessera potrebbe non sbloccarsi più.
pin-op-unknown-tries-pin = Questa tessera non dice quanti tentativi restano: potrebbe essere l'ultimo. Se il PIN è sbagliato, il PIN potrebbe bloccarsi.
# Titoli delle procedure.
pin-op-title-change = Cambia il PIN
pin-op-title-unblock = Sblocca il PIN con il PUK
pin-op-title-verify = Verifica il PIN
# Etichette dei campi (anche le richieste sul terminale di change-pin e unblock) e guida di ogni passo.
pin-op-current-pin = PIN attuale
pin-op-current-pin-guide = Scrivi il PIN che usi adesso (da 5 a 8 cifre).
pin-op-puk = PUK
pin-op-puk-guide = Scrivi il PUK (8 cifre): lo trovi nella lettera o email ricevuta con il PIN.
pin-op-pin = PIN
pin-op-verify-guide = Scrivi il PIN per controllare che sia quello giusto. Un PIN sbagliato consuma un tentativo.
pin-op-new-pin = Nuovo PIN
pin-op-new-pin-guide = Scegli un nuovo PIN da 5 a 8 cifre, facile da ricordare per te ma non per gli altri.
pin-op-repeat-pin = Ripeti il nuovo PIN
pin-op-repeat-pin-guide = Scrivilo di nuovo, per essere sicuri che non ci siano errori.
# Campo del PIN o del PUK (procedure e firma): una lettera scritta o incollata.
pin-op-not-a-digit = Solo cifre: il { $secret } è fatto di numeri. Le lettere non sono state scritte.
pin-op-too-long = Al massimo 8 cifre: il { $secret } che hai scritto è più lungo. Cancella e scrivilo di nuovo.
# Pulsante che conferma un PUK più corto di 8 cifre.
pin-op-send-short-puk = Continua comunque
pin-op-field-empty = Il campo è vuoto.
pin-op-too-short = Troppo corto: servono almeno 5 cifre.
pin-op-mismatch = I due PIN non erano uguali: scegli il nuovo PIN e poi ripetilo.
pin-op-puk-length = Il PUK ha { $len } cifre: ne hai scritte { $typed }. Controlla la lettera o l'email del PUK. Se il tuo ha davvero { $typed } cifre, scegli «{ pin-op-send-short-puk }».
pin-op-unchanged = Il nuovo PIN è uguale a quello attuale: scegline uno diverso.
pin-op-busy = La tessera sta già lavorando.
pin-op-finished = L'operazione è già conclusa.
# Suggerimenti su un nuovo PIN debole.
pin-op-weak-repeated = Suggerimento: un PIN di cifre tutte uguali è facile da indovinare.
pin-op-weak-sequence = Suggerimento: una sequenza come 12345 è facile da indovinare.
pin-op-weak-birth-date = Suggerimento: la data di nascita è facile da indovinare per chi ti conosce.
# Esiti: titolo e cosa fare adesso.
pin-op-changed = PIN cambiato
pin-op-changed-next = Da ora usa il nuovo PIN.
pin-op-unblocked = PIN sbloccato
pin-op-unblocked-next = Il nuovo PIN è attivo e i tentativi sono di nuovo 3.
pin-op-verified = Il PIN è corretto
pin-op-verified-next = I tentativi sono di nuovo al massimo.
pin-op-pin-blocked-next = Hai esaurito i tentativi. Puoi sbloccarlo con il PUK e scegliere un nuovo PIN.
pin-op-puk-blocked = PUK bloccato: la tessera va sostituita
pin-op-puk-blocked-next = Non si può più sbloccare e non è un errore che si possa annullare.
pin-op-card-refused = La tessera ha rifiutato l'operazione
pin-op-card-refused-next = Nessun tentativo risulta consumato. Riprova; se succede ancora, vedi i dettagli tecnici.
pin-op-card-removed = Tessera rimossa durante l'operazione
pin-op-card-removed-next = La tessera è stata rimossa: l'operazione potrebbe non essere stata completata e il tentativo potrebbe essere stato contato. Reinserisci la tessera per vedere lo stato.
pin-op-interrupted = Comunicazione interrotta
pin-op-interrupted-next = L'operazione potrebbe non essere stata completata. Controlla lo stato della tessera prima di riprovare.
# La tessera è stata tolta prima che si inviasse qualcosa.
pin-op-card-left-change = Tessera rimossa: PIN non cambiato
pin-op-card-left-unblock = Tessera rimossa: PIN non sbloccato
pin-op-card-left-verify = Tessera rimossa: PIN non verificato
pin-op-card-left-next = Non è stato inviato nulla alla tessera: nessun tentativo è stato usato. Reinserisci la tessera per riprovare.
