### Errori di comunicazione con il lettore e la tessera (TransportError): la riga di comando; una tessera che non risponde o non è leggibile anche nella finestra.

transport-no-card = Nessuna tessera nel lettore. Inserisci la tessera con il chip rivolto verso il lettore.
transport-card-removed = La tessera è stata rimossa durante l'operazione: l'operazione potrebbe non essere stata completata. Reinserisci la tessera e controlla lo stato con «cns-manager status».
transport-card-reset = Un altro programma ha reimpostato la tessera durante l'operazione. Riprova.
transport-card-in-use = Un altro programma sta usando la tessera (per esempio il browser o un programma di firma). Chiudilo e riprova.
# Una transazione tenuta più a lungo di quanto cns-pcsc attende.
transport-card-busy = Un altro programma sta lavorando con la tessera in questo momento (per esempio il browser o un programma di firma) e non l'ha liberata entro qualche secondo. Nulla è stato inviato alla tessera. Chiudi l'altro programma o attendi che finisca, poi riprova.
transport-service-lost = Il servizio smart card (pcscd) si è interrotto durante l'operazione: l'operazione potrebbe non essere stata completata. Quando il servizio è di nuovo attivo (su Linux: sudo systemctl restart pcscd), controlla lo stato con «cns-manager status» prima di riprovare.
transport-cancelled = Operazione annullata.
transport-card-unresponsive = La tessera non risponde. Estraila, controlla il verso (chip in alto) e che il chip sia pulito, poi reinseriscila.
transport-other = Errore di comunicazione con il lettore.
card-unreadable = Tessera non leggibile: le sue risposte non seguono lo standard. Estraila, controlla che il chip sia pulito e reinseriscila; se succede ancora, la tessera potrebbe essere danneggiata: rivolgiti alla tua ASL o allo sportello della regione.
card-not-cns = Questa carta non è una Tessera Sanitaria – CNS (o non è leggibile come tale).
card-refused = La tessera ha rifiutato l'operazione.
# Prima della catena delle cause, per l'assistenza.
technical-detail = dettaglio tecnico
