### Aiuto, pagina di manuale e completamenti della riga di comando (cli/help.rs).
### arg-<id>: l'aiuto di un'opzione, cercato con l'id di clap (arg-<comando>-<id> vale per quel comando);
### cmd-<comando>: la descrizione di un comando. Un'opzione o un comando senza testo fa fallire un test.

# Descrizione lunga del programma (cns-manager --help, man).
cmd-long-about =
    Gestione della Tessera Sanitaria – Carta Nazionale dei Servizi (TS-CNS): stato della tessera, cambio del PIN, sblocco con il PUK, certificato.
    Senza comando apre la finestra; con un comando lavora da terminale.

# Prima della riga d'uso (--help, errori di sintassi).
usage-title = Uso:

# Nella riga d'uso, al posto delle opzioni.
usage-options-placeholder = [OPZIONI]

# Nella riga d'uso, al posto del comando.
usage-command-placeholder = [COMANDO]

# Il nome del comando nella pagina di manuale (SINTASSI).
usage-command-value = COMANDO

# Il segnaposto di un nome (--reader <NOME>).
usage-name-value = NOME

# Il segnaposto di un file (--out <FILE>).
usage-file-value = FILE

# Titolo della lista dei comandi (--help).
usage-commands-heading = Comandi:

# Titolo della lista degli argomenti (--help).
usage-arguments-heading = Argomenti:

# Titolo della lista delle opzioni (--help).
usage-options-heading = Opzioni:

# Pagina di manuale: il nome del manuale.
man-manual = Manuale di cns-manager

# Pagina di manuale: titoli delle sezioni.
man-name = NOME
# Pagina di manuale: titoli delle sezioni.
man-synopsis = SINTASSI
# Pagina di manuale: titoli delle sezioni.
man-description = DESCRIZIONE
# Pagina di manuale: titoli delle sezioni.
man-options = OPZIONI
# Pagina di manuale: titoli delle sezioni.
man-commands = COMANDI
# Pagina di manuale: titoli delle sezioni.
man-exit-status = CODICI DI USCITA
# Pagina di manuale: titoli delle sezioni.
man-files = FILE
# Pagina di manuale: titoli delle sezioni.
man-environment = AMBIENTE

# Pagina di manuale, FILE: /etc/cns-manager/config.toml.
man-file-system-settings = Impostazioni per tutto il sistema (lang, preferred_reader, mode, zoom, pkcs11_module), messe dall'installatore.

# Pagina di manuale, FILE: ~/.config/cns-manager/config.toml.
man-file-user-settings = Impostazioni dell'utente, scritte dall'applicazione: prevalgono campo per campo.

# Pagina di manuale, AMBIENTE: CNS_LOG.
man-env-cns-log = Diagnostica su stderr, per esempio debug o cns::apdu=trace (PIN e PUK non compaiono mai).

# Pagina di manuale, AMBIENTE: CNS_SYSTEM_TRUSTED_CA_DIR.
man-env-system-trusted-ca-dir = La cartella delle autorità fidate per tutto il sistema, al posto di /etc/cns-manager/trusted-ca (per prove e pacchetti).

# Pagina di manuale, AMBIENTE: CNS_PKCS11_MODULE.
man-env-pkcs11-module = Il modulo PKCS#11 che browser-setup registra nei browser, al posto di quello installato.

# Aiuto dell'opzione (--help, man, completamenti). --lang
arg-lang = Lingua dei messaggi: it, en o de (predefinita: quella delle impostazioni, poi quella del sistema; altrimenti italiano).
# Aiuto dell'opzione (--help, man, completamenti). --demo
arg-demo = Usa la tessera dimostrativa simulata invece dei lettori veri.
# Aiuto dell'opzione (--help, man, completamenti). --demo-card
arg-demo-card = Il tipo della tessera dimostrativa per i comandi, con i nomi brevi del «Tipo di tessera» della dimostrazione nella finestra (standard, stincard, siemens, idemia, legacy, nocount, idemia2021, applet2025, st2022); implica --demo.
# Aiuto dell'opzione (--help, man, completamenti). --counter
arg-counter = Modalità sportello per la finestra: nulla di personale resta dopo che la tessera è stata tolta.
# Aiuto dell'opzione (--help, man, completamenti). --json
arg-json = Risultato per i programmi (JSON) sullo standard output.
# Aiuto dell'opzione (--help, man, completamenti). --reader
arg-reader = Il lettore da usare (serve solo quando più lettori contengono una tessera).
# Aiuto dell'opzione (--help, man, completamenti). --stdin
arg-stdin = Leggi i codici dallo standard input, uno per riga, invece di chiederli sul terminale.
# Aiuto dell'opzione (--help, man, completamenti). --confirm-last-attempt
arg-confirm-last-attempt = Consenti l'operazione quando resta un solo tentativo (un codice sbagliato allora blocca).
# Aiuto dell'opzione (--help, man, completamenti). --confirm-short-puk
arg-confirm-short-puk = Invia un PUK di meno di 8 cifre (ogni PUK della TS-CNS ne ha 8: uno più corto è probabilmente un errore di battitura, e un PUK sbagliato consuma un tentativo).
# Aiuto dell'opzione (--help, man, completamenti). --out
arg-out = Il file in cui scrivere il certificato.
# Aiuto dell'opzione (--help, man, completamenti). --pem
arg-pem = Formato PEM (testo) invece di DER (binario).
# Aiuto dell'opzione (--help, man, completamenti). --report
arg-report = Scrivi anche un rapporto per l'assistenza in FILE: risultati, versioni, lettori, profilo della tessera e traccia dei comandi, con ogni dato personale e codice oscurato.
# Aiuto dell'opzione (--help, man, completamenti). --doctor-reader
arg-doctor-reader = Controlla solo la tessera in questo lettore (gli altri lettori sono solo elencati).
# Aiuto dell'opzione (--help, man, completamenti). --shell
arg-shell = La shell: bash, zsh, fish, powershell o elvish.
# Aiuto dell'opzione (--help, man, completamenti). --check
arg-check = Controlla soltanto: non cambia nulla.
# Aiuto dell'opzione (--help, man, completamenti). --yes
arg-yes = Registra senza chiedere (per gli script).
# Aiuto dell'opzione (--help, man, completamenti). --file (sign)
arg-sign-file = Il documento da firmare.
# Aiuto dell'opzione (--help, man, completamenti). --out (sign)
arg-sign-out = Dove scrivere il file firmato (predefinito: FILE.p7m, FILE.p7s con --detached, mai sopra un file che c'è già: una seconda firma di x.txt è «x (2).txt.p7m»; il file esistente con --add-to).
# Aiuto dell'opzione (--help, man, completamenti). --detached
arg-detached = Firma separata (.p7s): il documento non è incluso.
# Aiuto dell'opzione (--help, man, completamenti). --add-to
arg-add-to = Aggiungi questa firma a un .p7m esistente dello stesso documento (FILE).
# Aiuto dell'opzione (--help, man, completamenti). --file (verify)
arg-verify-file = Il file firmato (.p7m o .p7s; DER o Base64).
# Aiuto dell'opzione (--help, man, completamenti). --content
arg-content = Il documento originale, per una firma separata (.p7s). Predefinito: FILE senza ".p7s" (per «x (2).txt.p7s», x.txt se non c'è «x (2).txt»).
# Aiuto dell'opzione (--help, man, completamenti). --extract
arg-extract = Salva qui il documento firmato (da un .p7m; le buste annidate vengono aperte).
# Aiuto dell'opzione (--help, man, completamenti). --ca
arg-ca = Considera affidabile anche questo certificato di CA (DER o PEM), oltre a quelli importati. Ripetibile.
# Aiuto dell'opzione (--help, man, completamenti). --crl
arg-crl = Controlla la revoca con questa CRL (DER o PEM).
# Aiuto dell'opzione (--help, man, completamenti). --fetch-crl
arg-fetch-crl = Scarica la CRL dal punto di distribuzione del certificato (http://) per controllare la revoca.
# Aiuto dell'opzione (--help, man, completamenti). --file (ca import)
arg-ca-import-file = Il certificato di CA (DER o PEM; un PEM può contenerne più d'uno).
# Aiuto dell'opzione (--help, man, completamenti). --file (ca import-tsl)
arg-ca-import-tsl-file = L'elenco di fiducia (TSL) in XML, ad esempio TSL-IT.xml di AgID.
# Aiuto dell'opzione (--help, man, completamenti). --signer (ca import-tsl)
arg-ca-import-tsl-signer = Controlla la firma dell'elenco con questo certificato (DER o PEM) invece del firmatario fidato.
# Aiuto dell'opzione (--help, man, completamenti). --file (ca tsl-signer)
arg-ca-tsl-signer-file = Il certificato (o i certificati, DER o PEM) di chi firma l'elenco di fiducia.
# Aiuto dell'opzione (--help, man, completamenti). --fingerprint
arg-fingerprint = L'impronta SHA-256 della CA (almeno 8 cifre esadecimali).
# Aiuto dell'opzione (--help, man, completamenti). --reader (watch)
arg-watch-reader = Solo gli eventi di questo lettore.
# Aiuto dell'opzione (--help, man, completamenti). --json (watch)
arg-watch-json = Un oggetto JSON per riga.
# Aiuto dell'opzione (--help, man, completamenti). --help
arg-help = Mostra questo aiuto.
# Aiuto dell'opzione (--help, man, completamenti). --version
arg-version = Mostra la versione.

# Descrizione del comando (--help, man, completamenti). cns-manager 
cmd-cns-manager = Gestione della Tessera Sanitaria – Carta Nazionale dei Servizi (TS-CNS).
# Descrizione del comando (--help, man, completamenti). cns-manager readers
cmd-readers = Elenca i lettori di smart card e dice se contengono una tessera.
# Descrizione del comando (--help, man, completamenti). cns-manager status
cmd-status = Titolare, tessera, certificato, stato di PIN e PUK. Non consuma mai un tentativo.
# Descrizione del comando (--help, man, completamenti). cns-manager verify-pin
cmd-verify-pin = Controlla il PIN (consuma un tentativo se è sbagliato).
# Descrizione del comando (--help, man, completamenti). cns-manager change-pin
cmd-change-pin = Cambia il PIN: il PIN attuale, poi quello nuovo due volte.
# Descrizione del comando (--help, man, completamenti). cns-manager unblock
cmd-unblock = Sblocca il PIN con il PUK e imposta un nuovo PIN.
# Descrizione del comando (--help, man, completamenti). cns-manager watch
cmd-watch = Segue lettori e tessere: una riga per evento e lo stato di ogni tessera inserita (letto una volta, non consuma mai un tentativo), finché non viene interrotto.
# Descrizione del comando (--help, man, completamenti). cns-manager sign
cmd-sign = Firma un documento con la tessera (CAdES: .p7m, o .p7s con --detached).
# Descrizione del comando (--help, man, completamenti). cns-manager verify
cmd-verify = Controlla un documento firmato (.p7m/.p7s): chi ha firmato, quando, se è affidabile.
# Descrizione del comando (--help, man, completamenti). cns-manager ca
cmd-ca = Le autorità di certificazione considerate affidabili per controllare le firme.
# Descrizione del comando (--help, man, completamenti). cns-manager ca import
cmd-ca-import = Considera affidabile un certificato di CA (DER o PEM; un PEM può contenerne più d'uno).
# Descrizione del comando (--help, man, completamenti). cns-manager ca list
cmd-ca-list = Elenca i certificati di CA affidabili (di sistema e tuoi).
# Descrizione del comando (--help, man, completamenti). cns-manager ca remove
cmd-ca-remove = Smetti di considerare affidabile una CA che hai importato, indicata dalla sua impronta SHA-256.
# Descrizione del comando (--help, man, completamenti). cns-manager ca import-tsl
cmd-ca-import-tsl = Considera affidabili le CA qualificate e i servizi di marca temporale di un elenco di fiducia UE (TSL), dopo averne controllato la firma con xmlsec1. Il programma non lo scarica: salva l'elenco italiano da https://eidas.agid.gov.it/TL/TSL-IT.xml con il browser o con «curl -o TSL-IT.xml https://eidas.agid.gov.it/TL/TSL-IT.xml». Un elenco più recente sostituisce il precedente dello stesso paese; le CA importate a mano restano.
# Descrizione del comando (--help, man, completamenti). cns-manager ca tsl-signer
cmd-ca-tsl-signer = Mostra il firmatario fidato degli elenchi di fiducia, o sostituiscilo (per te) con il certificato indicato, ad esempio il nuovo di AgID pubblicato nell'elenco UE degli elenchi di fiducia.
# Descrizione del comando (--help, man, completamenti). cns-manager export-cert
cmd-export-cert = Salva il certificato di autenticazione in un file (DER, o PEM con --pem).
# Descrizione del comando (--help, man, completamenti). cns-manager doctor
cmd-doctor = Controlla servizio smart card, driver, lettori, tessere e impostazioni, e dice come risolvere ogni problema. Esce con 0 se non ci sono problemi, 1 altrimenti.
# Descrizione del comando (--help, man, completamenti). cns-manager browser-setup
cmd-browser-setup = Dice quali browser (profili di Firefox, archivio di Chromium) vedranno la tessera e, dove manca, registra il modulo PKCS#11 dopo averlo chiesto (--yes per gli script, --check per non cambiare nulla). Firefox va chiuso prima. Esce con 0 se ogni browser trovato vede la tessera, 1 altrimenti.
# Descrizione del comando (--help, man, completamenti). cns-manager completions
cmd-completions = Stampa lo script di completamento per la shell (bash, zsh, fish, powershell, elvish).
# Descrizione del comando (--help, man, completamenti). cns-manager man
cmd-man = Stampa la pagina di manuale (roff) nella lingua scelta, per esempio: cns-manager --lang en man | man -l -

# Pagina di manuale, sezione dei codici di uscita. 0
man-exit-0 = Riuscito.
# Pagina di manuale, sezione dei codici di uscita. 1
man-exit-1 = Qualsiasi altro errore (per doctor: almeno un problema; per browser-setup: un browser non vede ancora la tessera).
# Pagina di manuale, sezione dei codici di uscita. 2
man-exit-2 = Dati non validi: nulla è stato inviato alla tessera.
# Pagina di manuale, sezione dei codici di uscita. 3
man-exit-3 = PIN o PUK sbagliato.
# Pagina di manuale, sezione dei codici di uscita. 4
man-exit-4 = PIN bloccato: sbloccalo con il PUK.
# Pagina di manuale, sezione dei codici di uscita. 5
man-exit-5 = PUK bloccato: la tessera va sostituita.
# Pagina di manuale, sezione dei codici di uscita. 6
man-exit-6 = Nessun lettore, nessuna tessera, o non è una TS-CNS.
# Pagina di manuale, sezione dei codici di uscita. 7
man-exit-7 = Rifiutato: resta un solo tentativo e manca --confirm-last-attempt.
# Pagina di manuale, sezione dei codici di uscita. 8
man-exit-8 = verify: una firma NON è valida (documento modificato, firma alterata, non è un file firmato).
# Pagina di manuale, sezione dei codici di uscita. 9
man-exit-9 = verify: nessuna firma risulta alterata, ma il file non è affidabile: certificato scaduto, revocato o non fidato, revoca chiesta ma non verificabile, o una firma che il programma non sa controllare (algoritmo non supportato, certificato mancante).
# Pagina di manuale, sezione dei codici di uscita. 141
man-exit-141 = Chi leggeva l'output ha chiuso (cns-manager status | head -1): il programma si ferma senza messaggi, come con SIGPIPE.
