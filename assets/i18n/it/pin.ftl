### Esiti delle operazioni su PIN e PUK: la finestra e la riga di comando usano questi stessi testi.
### $secret è "PIN" o "PUK".

# Titolo di un codice sbagliato.
secret-wrong = { $secret } errato

# Quanti tentativi restano, dopo un codice sbagliato.
tries-left =
    { $tries ->
        [one] Ti resta un solo tentativo.
       *[other] Ti restano { $tries } tentativi.
    }

# Sotto il campo che può consumare un tentativo.
tries-left-for =
    { $tries ->
        [one] Attenzione: ti resta un solo tentativo per il { $secret }.
       *[other] Ti restano { $tries } tentativi per il { $secret }.
    }

# Cosa fa un altro errore: le stesse parole ovunque si parli dell'ultimo tentativo.
last-try-consequence =
    { $secret ->
        [PUK] Se sbagli ancora, il PUK si blocca e la tessera va sostituita.
       *[other] Se sbagli ancora, il PIN si blocca e servirà il PUK.
    }

tries-unknown = La tessera non dice quanti tentativi restano: controlla bene prima di riprovare.

# Firma con un PIN sbagliato.
sign-wrong-pin = PIN errato: il documento non è stato firmato.

# La riga di comando non usa l'ultimo tentativo senza conferma.
cli-last-try-not-sent = Nulla è stato inviato alla tessera. Se sei sicuro, ripeti il comando con --confirm-last-attempt.
