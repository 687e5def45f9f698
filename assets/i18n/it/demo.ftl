### Il pannello della modalità dimostrativa: la tessera simulata, le situazioni e i tipi di tessera.

# Nome del lettore virtuale della demo (lettori, stato, diagnosi).
demo-reader-name = CNS Manager – lettore dimostrativo

# Pannello demo, pulsanti.
demo-insert-card = Inserisci la tessera
demo-remove-card = Rimuovi la tessera
demo-reset-card = Reimposta la tessera

# Pannello demo, titolo e nome accessibile del selettore della situazione.
demo-situation = Situazione

# Pannello demo, le situazioni tra cui scegliere.
demo-scenario-fresh = Nuova
demo-scenario-last-try = PIN: un solo tentativo
demo-scenario-pin-blocked = PIN bloccato
demo-scenario-puk-blocked = PIN e PUK bloccati

# Pannello demo, una situazione che non è nella lista, detta con i contatori. $secret è "PIN" o "PUK".
demo-secret-tries =
    { $tries ->
        [0] { $secret } bloccato
        [one] { $secret }: { $tries } tentativo
       *[other] { $secret }: { $tries } tentativi
    }

# Pannello demo, sotto i selettori: il PIN è stato cambiato dall'utente e non si mostra.
demo-pin-own = PIN: quello che hai scelto
# Pannello demo, dopo il PIN dell'utente: come tornare al PIN di prova.
demo-pin-way-back = («Reimposta la tessera» torna a { $pin })

# Pannello demo, tipi di tessera che hanno parole da tradurre (gli altri sono marchi).
demo-mode-legacy = CRS Lombardia (Siemens)
demo-mode-no-count = Senza contatore

# Pannello demo, suggerimento su ogni tipo di tessera.
demo-hint-standard = Tessera Athena: comportamento standard, dice i tentativi rimasti.
demo-hint-stincard = Tessera STIncard: i comandi del PIN vogliono un parametro diverso.
demo-hint-siemens = Siemens CardOS: chiedere i tentativi ne consuma uno, quindi non si chiedono.
demo-hint-idemia = IDEMIA: risposte lunghe a pezzi (GET RESPONSE).
demo-hint-legacy = Vecchia CRS della Lombardia (Siemens): come Siemens, e file lunghi letti a pezzi.
demo-hint-no-count = Non dice mai quanti tentativi restano, nemmeno dopo un PIN sbagliato.
demo-hint-applet2025 = TS-CNS del 2025: solo l'applicazione CNS, numero della tessera in un file nuovo.
demo-hint-st2022 = ST2022 letta via NFC: applet JSign4, ATR senza byte storici.
demo-hint-idemia2021 = IDEMIA 2021: il certificato in una cartella diversa.
