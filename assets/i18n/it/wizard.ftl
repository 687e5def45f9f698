### Le procedure guidate del PIN (cambio, sblocco, verifica): i passi, la conferma dell'ultimo
### tentativo, l'attesa e i pulsanti del risultato.

# Procedura, sopra la domanda quando ci sono più passi.
wizard-step-of = Passo { $step } di { $steps }
# Procedura, mentre la tessera esegue il comando.
wizard-card-working = La tessera sta lavorando…
wizard-do-not-remove = Non rimuovere la tessera
# Procedura, in fondo a ogni passo.
wizard-keys-hint = Invio per continuare, Esc per tornare indietro.

# Procedura, pulsanti per muoversi tra i passi.
wizard-back = Indietro
wizard-next = Avanti
wizard-confirm-unblock = Sblocca
wizard-confirm-verify = Verifica

# Procedura, conferma prima di usare l'ultimo tentativo. $secret è "PIN" o "PUK".
wizard-last-try-warning =
    { $secret ->
        [PUK] È l'ultimo tentativo per il PUK.
       *[other] È l'ultimo tentativo.
    }
wizard-continue-question = Continuo?
wizard-use-last-try = Sì, usa l'ultimo tentativo

wizard-try-again = Riprova
wizard-not-now = Non ora
wizard-done = Fatto
