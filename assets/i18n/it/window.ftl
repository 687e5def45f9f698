### La finestra: barra in alto, elenco dei lettori, pagina della tessera, avvisi, salvataggio del
### certificato, nomi per i lettori di schermo.

## Barra in alto

# Titolo della finestra e suo nome accessibile.
window-title = Gestione Tessera Sanitaria
# Casella della modalità dimostrativa e suo suggerimento.
window-demo = Dimostrazione
window-demo-hint = Prova il programma con una tessera simulata, senza lettore.
# Pulsanti A− e A+: nome accessibile e suggerimento; il valore in mezzo.
window-text-smaller = Riduci il testo
window-text-smaller-hint = Testo più piccolo (Ctrl −)
window-text-size = Dimensione del testo
window-text-larger = Ingrandisci il testo
window-text-larger-hint = Testo più grande (Ctrl +)
# Suggerimento del pulsante Diagnostica (il pulsante dice `diagnostics-title`).
window-diagnostics-hint = Controlla servizio smart card, driver, lettori e tessere; prepara il rapporto per l'assistenza.
# Casella della modalità sportello (barra in alto e pagina Diagnostica).
window-counter = Sportello
window-counter-locked-hint = Modalità sportello impostata all'avvio (dall'installatore o con --counter): non si può disattivare qui.
window-counter-hint = Modalità sportello: ogni dato sparisce quando la tessera viene tolta; nulla è salvato su disco.
# Pagina Diagnostica: la modalità sportello spiegata.
window-counter-mode = Modalità sportello
window-counter-mode-explained = Per gli sportelli che aiutano i cittadini: ogni dato personale sparisce quando la tessera viene tolta e nulla è salvato su disco. Negli uffici la imposta l'installatore per tutti (mode = "counter").
# Barra in basso in modalità sportello: le operazioni della sessione.
window-session-counts = Sportello · Operazioni in questa sessione: { $total } ({ $parts })
window-session-changes =
    { $n ->
        [one] { $n } cambio PIN
       *[other] { $n } cambi PIN
    }
window-session-unblocks =
    { $n ->
        [one] { $n } sblocco
       *[other] { $n } sblocchi
    }
window-session-verifies =
    { $n ->
        [one] { $n } verifica
       *[other] { $n } verifiche
    }

## Elenco dei lettori

window-readers-service-down = Servizio smart card non attivo
window-readers-searching = Ricerca dei lettori…
# Sotto il nome di un lettore.
window-reader-card-inserted = tessera inserita
# Titolo dei comandi della modalità dimostrativa.
window-simulated-card = Tessera simulata

## Pagina della tessera

window-insert-card = Inserisci la tessera nel lettore
window-insert-card-how = Con il chip dorato verso l'alto e rivolto verso il lettore. Lo stato della tessera comparirà qui da solo.
window-reading-card = Lettura della tessera…
window-do-not-remove = Non rimuovere la tessera.
window-not-cns = Questa carta non è una Tessera Sanitaria – CNS.
window-not-cns-advice = Controlla di aver inserito la tessera sanitaria giusta. Altre carte (bancomat, carta d'identità elettronica, firma digitale) non si gestiscono con questo programma.
# Sotto ogni stato della pagina: verificare un documento non richiede la tessera.
window-verify-offer = Hai ricevuto un documento firmato?
window-verify-offer-how = Per verificare un file .p7m o .p7s non serve la tessera: trascinalo nella finestra oppure sceglilo.
# La lettura della tessera non è riuscita.
window-read-removed = La tessera è stata rimossa durante la lettura. Reinseriscila.
window-read-in-use = Un altro programma sta usando la tessera. Appena la lascia libera la leggo da solo; se non succede, chiudi l'altro programma.
window-read-service-down = Il servizio smart card non risponde.
window-read-other = Non riesco a leggere la tessera.
window-retry = Riprova
window-unblock-with-puk = Sblocca con il PUK
window-change-pin = Cambia PIN
window-verify-pin = Verifica PIN
window-use-in-browser-hint = Quali browser vedono la tessera per entrare nei servizi online; aggiungi il modulo dove manca.
window-drop-hint = Puoi anche trascinare un file nella finestra: un .p7m o .p7s si verifica, un altro documento si firma.
# Senza lettore.
window-reader-appears = Quando il lettore è pronto, compare a sinistra da solo.
window-try-demo = Prova la modalità dimostrativa
# Il riquadro che si apre con i dettagli tecnici.
window-technical-details = Dettagli tecnici

## Avvisi in cima alla pagina

window-wiped = Tessera rimossa – schermo pulito
window-wiped-before-sending = Tessera rimossa prima dell'invio – schermo pulito. Nulla è cambiato sulla tessera e nessun tentativo è stato usato.
window-removed-during-operation = La tessera è stata rimossa: l'operazione potrebbe non essere stata completata. Reinserisci la tessera per vedere lo stato.
window-certificate-saved = Certificato salvato in { $path }
window-certificate-not-saved = Il certificato non è stato salvato: { $error }

## Salvataggio del certificato

# Titolo della finestra di dialogo.
window-save-certificate = Salva il certificato

## Lettori di schermo

# Descrizione di un campo del PIN: quante cifre contiene, mai quali.
window-digits-typed =
    { $n ->
        [0] Nessuna cifra scritta.
        [one] { $n } cifra scritta.
       *[other] { $n } cifre scritte.
    }
