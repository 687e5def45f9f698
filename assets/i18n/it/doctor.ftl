### Il dottore (cns-manager doctor e la pagina Diagnostica) e il rapporto per l'assistenza.
### Le parole su servizio e driver per sistema sono in service.ftl.

level-warning = ATTENZIONE
level-problem = PROBLEMA
doctor-service-title = Servizio smart card (PC/SC)
doctor-service-demo = Modalità dimostrativa: si usa la tessera simulata, il servizio smart card non serve.
doctor-service-ok = In esecuzione e raggiungibile da questa sessione.
doctor-activation-title = Avvio automatico del servizio
doctor-activation-off = pcscd.socket non è abilitato: dopo un riavvio il servizio potrebbe non partire da solo.
doctor-ccid-title = Driver dei lettori (CCID)
doctor-ccid-installed = Installato.
doctor-ccid-missing = Il driver CCID non è installato: i lettori USB non vengono visti.
readers-title = Lettori
doctor-reader-model-known = Modello supportato dal driver CCID.
doctor-reader-model-unknown = Modello non presente nell'elenco del driver CCID (driver del produttore o lettore virtuale).
doctor-reader-model-unknown-fix = Se la tessera non viene letta, prova un lettore CCID (l'elenco è su ccid.apdu.fr).
doctor-card-expired = La tessera è scaduta.
doctor-card-expired-fix = Chiedi una nuova tessera alla tua ASL o Regione.
doctor-puk-blocked = PUK bloccato.
doctor-puk-blocked-fix = La tessera va sostituita: rivolgiti alla tua ASL.
doctor-pin-blocked = PIN bloccato.
doctor-pin-blocked-fix = Sbloccalo con il PUK: cns-manager unblock
doctor-card-unreadable-fix = Estrai la tessera, controlla che il chip sia pulito e reinseriscila; se succede ancora, manda il rapporto per l'assistenza.
doctor-card-other-kind = una carta di altro tipo
doctor-not-cns-fix = Inserisci la Tessera Sanitaria – CNS (quella con il chip dorato).
doctor-cns-in-other-reader = Una Tessera Sanitaria – CNS è in un altro lettore: si usa quella.
doctor-card-busy = Un altro programma tiene la tessera occupata in una transazione che non finisce.
doctor-card-exclusive = Un altro programma tiene la tessera in uso esclusivo (SCARD_E_SHARING_VIOLATION).
doctor-card-in-use-fix = Chiudi gli altri programmi che usano la tessera (browser, programmi di firma, software della Regione) e riprova; oppure estrai e reinserisci la tessera.
doctor-card-no-contact-fix = Estrai la tessera, controlla che il chip sia pulito e reinseriscila.
doctor-settings-system = Impostazioni di sistema
doctor-settings-user = Impostazioni dell'utente
doctor-settings-no-location = Nessun percorso su questa piattaforma.
doctor-settings-invalid-fix = Correggilo (chiavi ammesse: lang = "it"|"en", preferred_reader, mode = "normal"|"counter", zoom, pkcs11_module) oppure eliminalo.
doctor-origin-user = utente
doctor-origin-system = sistema
doctor-origin-default = predefinito
doctor-settings-effective = Impostazioni in vigore
doctor-browser-no-module-fix = Installa il pacchetto cns-manager (contiene il modulo PKCS#11), poi: cns-manager browser-setup
doctor-browser-firefox-running-fix = Chiudi Firefox, poi: cns-manager browser-setup (o la pagina «Usa la tessera nel browser»)
doctor-browser-setup-fix = cns-manager browser-setup (o la pagina «Usa la tessera nel browser»)
how-to-fix = Come risolvere
version-not-found = non trovato
versions = Versioni
doctor-result-ok = Esito: nessun problema.
doctor-no-problem = nessun problema
report-title = cns-manager – rapporto per l'assistenza
report-created = Creato
report-system = Sistema
report-demo = Modalità dimostrativa (tessera simulata)
report-checks = Controlli
report-no-readers = (nessuno)
report-card-present = tessera presente
report-mute-card = tessera muta
report-empty = vuoto
report-cards = Tessere
report-no-cards = (nessuna letta)
report-yes = sì
report-no = no
report-marker = Marcatore
report-generation = Generazione
report-readable = Leggibile
report-card-number = Numero tessera (solo le cifre della regione)
report-apdu-trace = Traccia APDU della lettura dello stato (dati delle risposte e codici omessi)
report-not-contained = Cosa non contiene
report-not-contained-list = Nessun nome, codice fiscale, data o luogo di nascita, indirizzo, numero completo della tessera, soggetto del certificato, PIN o PUK.
diagnostics-report-file-name = rapporto-cns-manager.txt
diagnostics-title = Diagnostica
diagnostics-intro = Controlla il servizio smart card, il driver, i lettori, le tessere e le impostazioni, e dice come risolvere ogni problema.
diagnostics-demo-note = La finestra mostra la tessera simulata, ma questi controlli riguardano il sistema vero di questo computer.
diagnostics-checking = Controllo in corso…
diagnostics-no-problem = Nessun problema trovato.
diagnostics-prepare-report = Prepara il rapporto per l'assistenza
diagnostics-check-again = Ripeti i controlli
diagnostics-report-title = Rapporto per l'assistenza
diagnostics-report-intro = Ecco tutto ciò che il rapporto contiene, prima di salvarlo: nessun nome, codice fiscale, data o luogo di nascita, indirizzo, numero completo della tessera, soggetto del certificato, PIN o PUK. Salvalo, poi manda il file all'assistenza che te lo ha chiesto (per e-mail, come allegato).
diagnostics-save-to = Salva in:
diagnostics-file-path = percorso del file
diagnostics-save = Salva il rapporto

## Con variabili: $error è la catena tecnica delle cause, $file un percorso.

doctor-service-error = Il servizio ha risposto con un errore: { $error }
doctor-ccid-version = Installato, versione { $version }.
doctor-reader-without-driver = Un lettore USB è collegato ({ $interfaces } interfacce smart card) ma il servizio non lo vede: manca il driver.
doctor-readers-ok =
    { $count ->
        [one] 1 lettore, gestito da un driver.
       *[other] { $count } lettori, ciascuno gestito da un driver.
    }
doctor-card-title = Tessera in «{ $reader }»
# $chip e $mask: i produttori del chip e del sistema operativo; $mask_version in esadecimale.
doctor-card-generation = chip { $chip }, sistema operativo { $mask } { $mask_version }, applicazione { $app }
doctor-card-ok = TS-CNS riconosciuta e leggibile: profilo { $profile }; { $generation }.
doctor-card-unreadable = Riconosciuta come { $profile } ma non leggibile: { $error }
doctor-card-other-italian = una carta «{ $marker }»
# $what: doctor-card-other-italian o doctor-card-other-kind.
doctor-not-cns = Non è una Tessera Sanitaria – CNS: è { $what }.
doctor-card-no-contact = Impossibile comunicare con la tessera: { $error }
doctor-settings-absent = { $file }: non presente.
doctor-settings-valid = { $file }: valido, imposta { $keys }.
doctor-settings-invalid = { $file } non è valido e viene ignorato: { $error }
doctor-settings-unreadable = { $file } non è leggibile: { $error }
doctor-settings-effective-detail = { $list }. Il file dell'utente prevale su quello di sistema, campo per campo.
doctor-problems =
    { $count ->
        [one] 1 problema
       *[other] { $count } problemi
    }
doctor-warnings =
    { $count ->
        [one] 1 avviso
       *[other] { $count } avvisi
    }
# $problems: doctor-problems o doctor-no-problem; $warnings: doctor-warnings.
doctor-result = Esito: { $problems }, { $warnings }.
doctor-report-saved = Rapporto per l'assistenza salvato in { $file } (senza dati personali né codici).
diagnostics-problems-found =
    { $count ->
        [one] Trovato 1 problema.
       *[other] Trovati { $count } problemi.
    }
diagnostics-report-saved = Rapporto salvato in { $file }
diagnostics-report-not-saved = Il rapporto non è stato salvato: { $error }
