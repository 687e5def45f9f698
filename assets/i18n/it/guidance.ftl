### «Non hai il PIN o il PUK?» e «Servizi online con la tessera»: le parole attorno alle indicazioni delle
### Regioni (i testi delle Regioni sono dati, in assets/guidance/*.toml). La pagina della
### finestra e `cns-manager help-pin` usano gli stessi messaggi.

## La pagina «Non hai il PIN o il PUK?» (e il pulsante che la apre: stato della tessera,
## procedura di sblocco accanto al PUK, PIN bloccato, Diagnostica).

# Titolo della pagina, e testo dei pulsanti e dei collegamenti che la aprono.
guidance-title = Non hai il PIN o il PUK?
# Sotto il titolo (anche in help-pin): perché il programma non può darli.
guidance-intro = PIN e PUK non sono scritti sulla tessera e nessun programma può leggerli: li rilascia la Regione, dopo aver controllato la tua identità. Ecco dove chiederli.
# La Regione delle indicazioni mostrate (finestra e help-pin).
guidance-for-region = Indicazioni per le tessere della { $region }
# Finestra e help-pin: nessuna Regione nota (nessuna tessera, o tessera non regionale).
guidance-national-only = Nessuna Regione scelta: qui sotto le indicazioni valide in tutta Italia.
# La scelta della Regione quando non c'è una tessera da leggere: l'etichetta.
guidance-region-label = Regione della tessera
# La scelta della Regione: la voce «nessuna».
guidance-region-none = Non lo so
# Sotto la scelta della Regione.
guidance-region-choose-hint = Scegli la Regione che ha attivato la tessera: lo dice il logo sul fronte della tessera.
# Un file di indicazioni installato su questo computer non è valido (finestra, help-pin, diagnosi).
guidance-installed-invalid = Alcune indicazioni installate su questo computer non sono valide: mostro quelle incluse nel programma. I dettagli sono in Diagnostica.
# Il pulsante accanto a un numero o a un indirizzo e-mail, sullo schermo.
guidance-copy-button = Copia
# Il pulsante accanto a un numero o a un indirizzo e-mail; il suo nome per i lettori di schermo.
guidance-copy = Copia { $value }
# Dopo «Copia».
guidance-copied = Copiato: { $value }
# Accanto a un collegamento (suggerimento): dove porta.
guidance-opens-in-browser = Si apre nel browser: { $url }
# Un collegamento non si è aperto.
guidance-open-failed = Il browser non si è aperto ({ $error }). Apri tu questo indirizzo: { $url }
# help-pin, finestra: l'orario di un numero di aiuto.
guidance-hours = Orario: { $hours }

## La riga di comando: cns-manager help-pin.

# help-pin: la Regione letta dalla tessera nel lettore.
cli-help-pin-from-card = (Regione letta dalla tessera nel lettore.)
# help-pin senza tessera leggibile e senza --region.
cli-help-pin-no-card = Nessuna tessera letta. Per le indicazioni della tua Regione: cns-manager help-pin --region lombardia (o il nome della tua Regione).
# help-pin --region con un valore che non è una Regione.
cli-help-pin-unknown-region = «{ $region }» non è una Regione: scrivi il nome (per esempio lombardia) o il codice del numero della tessera (da 010 a 200).
# help-pin: il titolo dell'elenco dei servizi.
cli-help-pin-services = Servizi online che accettano la tessera
# Descrizione del comando (--help, man, completamenti). cns-manager help-pin
cmd-help-pin = Dove e come avere il PIN e il PUK, chi può aiutarti e quali servizi online accettano la tessera, per la Regione della tessera nel lettore (legge solo il numero della tessera, mai i tentativi) o per quella indicata.
# help-pin --region
arg-help-pin-region = La Regione: il nome (lombardia) o il codice del numero della tessera (030).
# La pagina man, sezione AMBIENTE.
man-env-system-guidance-dir = La cartella delle indicazioni su PIN, PUK e servizi installate per tutto il sistema, al posto di /etc/cns-manager/guidance (per prove e pacchetti).
# La pagina man, sezione FILE.
man-file-guidance = Indicazioni su PIN, PUK e servizi messe dall'installatore: un file con lo stesso nome sostituisce quello incluso (national.toml, lombardia.toml), un file nuovo aggiunge una Regione.

## La pagina «Servizi online con la tessera»: i servizi online della Regione, aperti nel browser dopo aver
## controllato che il browser veda la tessera.

# Titolo della pagina e testo del pulsante che la apre (stato della tessera, dopo un cambio
# o uno sblocco del PIN riuscito).
services-title = Servizi online con la tessera
# Sotto il titolo.
services-intro = Questi servizi online accettano la tessera: scegli «Accedi con TS-CNS» o «Entra con CNS». Si aprono nel tuo browser.
# Sotto il titolo e prima di aprire: cosa succederà.
services-how = Tieni la tessera nel lettore finché usi il servizio. Quando il browser lo chiede, scrivi il PIN della tessera: lo chiede il browser, non questo programma.
# Il pulsante di un servizio.
services-open = Apri { $service }
# Mentre il programma guarda i browser.
services-checking = Controllo che il browser veda la tessera…
# Il browser vede la tessera: il pulsante che apre davvero.
services-ready = Il browser vede la tessera.
# Il pulsante che apre il servizio nel browser, dopo il controllo.
services-open-now = Apri nel browser
# Nessun browser vede la tessera.
services-needs-setup = Il browser non vede ancora la tessera: senza configurarlo non potrai accedere con la tessera.
# Nessun browser trovato (né Firefox né Chromium).
services-none-found = Non ho trovato Firefox né Chromium per questo utente: con un altro browser l'accesso con la tessera potrebbe non funzionare.
# Il pulsante che porta alla configurazione del browser.
services-set-up = Configura il browser
# Il pulsante che apre il servizio senza che il browser veda la tessera.
services-open-anyway = Apri comunque
# Dopo l'apertura.
services-opened = Aperto nel browser: { $service }.
# In modalità dimostrativa.
services-demo-note = Modalità dimostrativa: la tessera simulata non accede ai servizi veri, ma puoi vederne i siti.

## La diagnosi (doctor, pagina Diagnostica): le indicazioni in uso.

# Titolo del controllo.
doctor-guidance-title = Indicazioni su PIN, PUK e servizi
# Il controllo è andato bene: i file in uso.
doctor-guidance-files = In uso: { $files }.
# Un file in uso, incluso nel programma.
doctor-guidance-built-in = { $file } (incluso nel programma)
# Un file in uso, messo dall'installatore.
doctor-guidance-installed = { $file } (installato)
# Un file installato non valido: l'errore (file, campo, problema) e cosa si fa.
doctor-guidance-invalid = { $error }. Al suo posto uso le indicazioni incluse nel programma.
# Come correggerlo.
doctor-guidance-invalid-fix = Correggi il campo indicato (il formato è descritto all'inizio di national.toml, tra i sorgenti del programma) oppure togli il file.
