### Il servizio smart card e il driver dei lettori: cosa non va e come si risolve, per sistema.
### La finestra, il dottore e la riga di comando usano questi stessi testi.
### $os è "linux", "windows" o "macos": ogni sistema riceve solo i propri comandi.

service-error-found = Il servizio smart card ha risposto con un errore.

connect-reader-found = Nessun lettore di smart card trovato.
connect-reader-fix = Collega il lettore USB (o un altro cavo/porta); se è già collegato, scollegalo e ricollegalo.

# Solo Linux: altrove il servizio fa parte del sistema.
service-not-installed-found = Il servizio non è installato.
service-not-installed-fix = Installalo: sudo apt install pcscd libccid (Fedora: sudo dnf install pcsc-lite pcsc-lite-ccid), poi sudo systemctl enable --now pcscd.socket

service-not-running-found =
    { $os ->
        [windows] Il servizio «Smart Card» di Windows (SCardSvr) non è in esecuzione: Windows lo avvia quando si collega un lettore e lo ferma quando si scollega l'ultimo.
        [macos] Il servizio smart card di macOS (CryptoTokenKit, parte del sistema: non c'è un pcscd da installare o avviare) non risponde.
       *[linux] Il servizio è installato ma non è in esecuzione.
    }
service-not-running-fix =
    { $os ->
        [windows] Collega il lettore. Se il servizio non parte: apri «Servizi» (services.msc), cerca «Smart Card», imposta il tipo di avvio «Manuale» e premi Avvia.
        [macos] Scollega e ricollega il lettore; se non basta, riavvia il Mac.
       *[linux] Avvialo e fallo partire a richiesta: sudo systemctl enable --now pcscd.socket
    }

# Solo Linux (il socket di pcsc-lite).
service-stale-socket-found = Il servizio non è in esecuzione: il suo socket c'è ancora, ma nessuno risponde (connessione rifiutata). Si è fermato in modo anomalo, per esempio per un crash.
service-stale-socket-fix = Riavvialo: sudo systemctl restart pcscd; perché riparta da solo a richiesta: sudo systemctl enable --now pcscd.socket

# $certain: "yes" se il servizio è stato visto rispondere (e dire di no).
service-refused-found =
    { $os ->
        [windows] Il servizio «Smart Card» di Windows ha rifiutato l'accesso a questa sessione (per esempio una sessione di desktop remoto, che vede i lettori del PC da cui ci si collega).
        [macos] { service-not-running-found }
       *[linux]
            { $certain ->
                [yes] Il servizio è in esecuzione ma ha rifiutato questa sessione: di solito è polkit, che non dà le tessere alle sessioni remote o non locali (SSH, desktop remoto).
               *[no] Il servizio non risponde a questa sessione: di solito è polkit, che non dà le tessere alle sessioni remote o non locali (SSH, desktop remoto).
            }
    }
service-refused-fix =
    { $os ->
        [windows] Usa il PC dalla sua sessione locale, oppure collega il lettore al PC da cui ti colleghi.
        [macos] { service-not-running-fix }
       *[linux]
            { $certain ->
                [yes] Usa il PC dalla sua sessione locale, oppure chiedi all'amministratore una regola polkit che consenta org.debian.pcsc-lite.access_pcsc e org.debian.pcsc-lite.access_card a questo utente.
               *[no] Usa il PC dalla sua sessione locale, oppure chiedi all'amministratore una regola polkit che consenta org.debian.pcsc-lite.access_pcsc e org.debian.pcsc-lite.access_card a questo utente. Se il servizio si è fermato: sudo systemctl restart pcscd.
            }
    }

service-restart =
    { $os ->
        [windows] Riavvia il servizio «Smart Card» da «Servizi» (services.msc), oppure scollega e ricollega il lettore.
        [macos] Scollega e ricollega il lettore; se non basta, riavvia il Mac.
       *[linux] Riavvialo: sudo systemctl restart pcscd
    }

install-reader-driver =
    { $os ->
        [windows] Windows installa da solo il driver dei lettori comuni: scollega e ricollega il lettore e attendi un minuto; se non basta, installa il driver dal sito del produttore del lettore.
        [macos] macOS riconosce i lettori comuni senza installare nulla: scollega e ricollega il lettore; se non basta, installa il driver dal sito del produttore del lettore.
       *[linux] Installalo: sudo apt install libccid (Fedora: sudo dnf install pcsc-lite-ccid), poi scollega e ricollega il lettore.
    }

make-readable =
    { $os ->
        [windows] Rendilo leggibile a tutti gli utenti (Proprietà → Sicurezza: «Lettura» per «Users») o eliminalo.
       *[other] Rendilo leggibile a tutti gli utenti (sudo chmod 644 FILE) o eliminalo.
    }

## Il servizio non risponde (causa non indagata): la pagina di stato della finestra e la riga di comando.
## Una riga per passo; le righe che iniziano con "sudo " sono comandi.

service-down-title = Il servizio smart card non è attivo
# Su Windows e macOS si usa service-not-running-fix.
service-down-fix-pcscd =
    Il programma usa il servizio pcscd per parlare con il lettore. Per installarlo e avviarlo:
    sudo apt install pcscd libccid
    sudo systemctl enable --now pcscd.socket

## Nessun lettore collegato: i passi, uno per riga.

no-reader-title = Nessun lettore collegato
reader-steps =
    { $os ->
        [windows]
            Collega il lettore di smart card a una porta USB del computer.
            Attendi che Windows installi il driver (di solito da solo, in meno di un minuto).
            Il servizio «Smart Card» di Windows si avvia da solo. Se il lettore non compare, scollegalo e ricollegalo.
        [macos]
            Collega il lettore di smart card a una porta USB del computer.
            macOS riconosce i lettori comuni senza installare nulla.
            Se il lettore non compare, scollegalo e ricollegalo.
       *[linux]
            Collega il lettore di smart card a una porta USB del computer.
            Installa il servizio smart card e il driver: sudo apt install pcscd libccid
            Avvia il servizio: sudo systemctl enable --now pcscd.socket
    }

## La fascia sopra la pagina mentre si vede la tessera simulata, e perché la finestra l'ha scelta.

demo-banner = ⚠ Modalità dimostrativa – tessera simulata
demo-why-no-service = Si è avviata da sola perché il servizio smart card di questo computer non risponde: la tua tessera non può essere letta.
demo-why-no-reader = Si è avviata da sola perché non si vede nessun lettore di smart card.
demo-reader-without-driver = Un lettore USB è collegato ma il servizio non lo vede: manca il driver.
demo-open-diagnostics = Apri la Diagnostica
demo-leave = Esci dalla dimostrazione
