### Usare la tessera nel browser: la pagina della finestra e `cns-manager browser-setup` dicono
### gli stessi fatti con gli stessi messaggi. $surface è "window" (la finestra) o "cli" (la riga
### di comando): cambia solo il passo successivo (premere un pulsante o ripetere il comando).

## Lo stato di un archivio del browser (finestra, browser-setup, diagnosi).

browser-db-registered = Vede la tessera: il modulo è registrato.
browser-db-via-p11kit = Vede la tessera attraverso p11-kit (il proxy p11-kit è registrato).
browser-db-stale = Non vede la tessera: il modulo registrato ({ $library }) non esiste più.
browser-db-missing = Non vede la tessera: il modulo non è registrato.
browser-db-old-format = Archivio nel vecchio formato: apri e chiudi il browser una volta, poi ripeti il controllo.
browser-db-unreadable = Elenco dei moduli non leggibile: { $reason }
# Il nome di un profilo di Firefox; $browser è il nome del browser (un marchio).
browser-firefox-profile = { $browser } – profilo «{ $profile }»

## Finestra e browser-setup.

# Il passo successivo dopo aver chiuso o aperto il browser.
browser-then-check-again =
    { $surface ->
        [cli] ripeti il comando.
       *[window] premi «Controlla di nuovo».
    }
# Nessun archivio trovato.
browser-none-found = Nessun browser trovato: né profili di Firefox né l'archivio di Chromium o Chrome (~/.pki/nssdb). Apri il browser una volta, chiudilo, poi { browser-then-check-again }
# Firefox è aperto con il profilo da cambiare.
browser-firefox-open = Firefox è aperto con questo profilo: chiudilo del tutto (il suo archivio non si può cambiare mentre è in uso), poi { browser-then-check-again }
# Dove si trova il modulo PKCS#11 della tessera.
browser-module-at = Modulo della tessera (PKCS#11): { $path }
browser-module-not-at = Il modulo della tessera (PKCS#11) non c'è: { $path }
browser-module-not-installed = Il modulo della tessera (PKCS#11) non è installato: installa il pacchetto cns-manager, o indica il file con CNS_PKCS11_MODULE o pkcs11_module nelle impostazioni.
# La domanda prima di registrare il modulo; $db è il browser o il profilo.
browser-register-question = Registrare il modulo della tessera in { $db }?
# L'esito di una registrazione.
browser-registered-restart = Fatto: il modulo è registrato. Riavvia il browser perché veda la tessera.
browser-already-registered = Era già registrato: nulla da fare.
browser-not-registered = Non registrato: { $reason }
browser-module-file-absent = il modulo { $path } non esiste.

## Solo la finestra.

# Titolo della pagina e pulsante nella Diagnostica.
browser-page-title = Usa la tessera nel browser
browser-intro = Per entrare con la tessera nei servizi online (fascicolo sanitario, Agenzia delle Entrate, portali della Regione) il browser deve conoscere il modulo della tessera. Qui vedi quali browser di questo computer lo conoscono già, e puoi aggiungerlo dove manca.
browser-close-firefox-first = Chiudi Firefox prima di registrare il modulo: il suo archivio non si può cambiare mentre è aperto. Dopo, riapri il browser.
browser-checking = Controllo dei browser in corso…
browser-registering = Registrazione in corso…
# Dopo la domanda, nella finestra.
browser-must-be-closed = Il browser deve essere chiuso.
browser-yes-register = Sì, registra
browser-register-button = Registra il modulo
# Suggerimento sul pulsante «Registra il modulo».
browser-asks-first = Chiede conferma prima di cambiare qualcosa.
browser-module-missing-short = Manca il modulo della tessera.
browser-p11kit-registered = p11-kit: il modulo è registrato, i programmi che usano p11-kit vedono la tessera.
browser-check-again = Controlla di nuovo
# La pagina in modalità dimostrativa.
browser-demo-notice = Modalità dimostrativa: la tessera simulata non si usa nei browser, e una dimostrazione non cambia nulla dei browser di questo computer. Per registrare il modulo della tua tessera esci dalla modalità dimostrativa e inserisci la tessera.

## Solo browser-setup.

# Da dove viene il modulo, tra parentesi dopo il percorso.
browser-module-from-env = da CNS_PKCS11_MODULE
browser-module-from-settings = dalle impostazioni (pkcs11_module)
browser-module-from-installed = installato
browser-module-from-beside-program = accanto al programma
# Le risposte della domanda sì/no (la prima lettera di «sì»).
cli-yes-no = [s/N]
# Il riepilogo finale.
browser-summary-all-see = Esito: tutti i browser trovati vedono la tessera.
browser-summary-missing =
    { $n ->
        [one] Esito: un browser non vede ancora la tessera.
       *[other] Esito: { $n } browser non vedono ancora la tessera.
    }
browser-summary-how-to-register = Per registrare il modulo: cns-manager browser-setup
browser-summary-no-module = Nulla è stato registrato: manca il modulo PKCS#11.
browser-summary-not-asked = Nulla è stato registrato senza chiedere: esegui il comando in un terminale, o aggiungi --yes.

# Su Windows: perché Chrome ed Edge non sono nell'elenco (browser-setup, la pagina del browser, la diagnostica).
browser-chromium-windows = Chrome ed Edge su Windows non usano questo modulo: vedono la tessera attraverso l'archivio certificati di Windows e il driver della tessera (minidriver), che Windows Update installa da solo la prima volta che la tessera è inserita. Per loro non c'è nulla da registrare.
