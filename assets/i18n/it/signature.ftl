### La verifica di una firma: esiti, rilievi, marche temporali, revoca, fiducia. La finestra e la
### riga di comando usano questi stessi testi. Le date arrivano già scritte in ora italiana.

## Rilievi della libreria su una firma o una marca temporale (dopo «Dettagli:»).

finding-signer-info-unreadable = i dati della firma non si possono leggere ({ $error })
finding-digest-unsupported = algoritmo di impronta { $algorithm } non supportato
finding-digest-not-announced = algoritmo di impronta { $algorithm } non dichiarato nel file
finding-no-message-digest = manca l'impronta del documento firmato (attributo message-digest)
finding-content-altered = il documento non corrisponde alla firma (modificato)
finding-content-type-mismatch = il tipo di contenuto firmato è diverso da quello del documento (attributo content-type)
finding-content-type-missing = il documento corrisponde alla firma, ma il programma di firma ha omesso l'attributo content-type che lo standard richiede: la firma non è conforme
finding-signing-certificate-unreadable = l'attributo che indica il certificato del firmatario non si può leggere ({ $error })
finding-attributes-not-encodable = gli attributi firmati non si possono ricodificare
finding-certificate-missing = il certificato del firmatario non è nel file
finding-signature-algorithm-unsupported = algoritmo di firma { $algorithm } non supportato da questo programma
finding-key-unsupported = il tipo di chiave del certificato non è supportato ({ $error })
finding-key-too-short = la chiave RSA del certificato è di { $bits } bit, troppo corta per potersene fidare (ne servono almeno 1024)
finding-too-many-checks = troppe firme e certificati nel file: questa firma non è stata controllata
finding-too-many-checks-for-issuer = troppe firme e certificati nel file: l'emittente non è stato controllato
finding-signature-does-not-verify = la firma non corrisponde alla chiave del certificato
finding-signing-certificate-mismatch = la firma indica un certificato diverso da quello allegato (signing-certificate)
finding-timestamp-unreadable = la marca temporale non si può leggere ({ $error })
finding-imprint-mismatch = la marca temporale non riguarda questa firma o questo documento (impronta diversa)
finding-tsa-not-for-timestamping = il certificato dell'ente non è un certificato per marche temporali

## Perché la revoca non si è potuta controllare.

revocation-gap-crl-of-another-issuer = la lista di revoca data è di { $crl_issuers }, non dell'emittente del certificato { $cert_issuer }
revocation-gap-issuer-not-trusted = l'emittente non è un'autorità fidata, quindi la sua lista di revoca non si può controllare
revocation-gap-crl-expired = la lista di revoca è scaduta il { $date }: non dice nulla delle revoche successive, procurane una aggiornata
revocation-gap-crl-invalid = la lista di revoca non è valida o non è firmata dall'emittente ({ $error })
revocation-gap-no-distribution-point = il certificato non indica da dove scaricare la lista di revoca (nessun indirizzo http://)
revocation-gap-download-failed = lo scaricamento di { $url } non è riuscito ({ $error })

## Un file firmato che non si è potuto leggere.

file-malformed = Il file non è un file firmato valido oppure è danneggiato.
file-too-large = Il file non è un file firmato valido: una sua parte ({ $what }) è più grande di quanto serva a qualsiasi file firmato vero ({ $len } byte).
file-damaged = Il file firmato è danneggiato.
file-unsupported = Il file usa una funzione che questo programma non gestisce.
file-io = Errore di lettura o scrittura del file.
file-detached-content-missing = È una firma separata (.p7s): serve anche il documento originale.
file-not-checkable = Il file firmato non si può controllare.

## La prima cosa da sapere su un file controllato.

headline-valid = Tutte le firme sono valide.
headline-timestamped-document = Marca temporale valida: il documento esisteva a quella data (il documento non è firmato).
headline-bundle-altered = La marca temporale NON riguarda il documento contenuto: il file è stato modificato o sostituito.
headline-altered = Una firma NON è valida: il documento è stato modificato o la firma è danneggiata.
headline-not-checkable = Una firma NON è verificabile con questo programma: non risulta alterata, ma non è confermata.
headline-revoked = Certificato REVOCATO: la firma è integra, ma il certificato del firmatario è stato revocato.
headline-expired = Certificato SCADUTO: la firma è integra, ma il certificato era scaduto alla data della firma.
headline-not-yet-valid = Certificato non ancora valido alla data della firma: la firma è integra, ma non ci si può fidare.
headline-chain-not-valid = Un certificato dell'autorità non era valido alla data della firma: la firma è integra, ma non ci si può fidare.
headline-not-trusted = Autorità non fidata: la firma è integra, ma chi ha emesso il certificato non è tra le autorità di cui ti fidi.
headline-timestamp-not-valid = Marca temporale NON valida o non fidata: le firme sono integre, ma l'ora della marca non è garantita.
headline-revocation-unknown = Revoca non verificabile: la firma è integra, ma non si è potuto controllare se il certificato è stato revocato.

## Una marca temporale in una riga: «Marca temporale: 12/03/2020 10:15 (InfoCert TSA) ✓».

timestamp-label = Marca temporale
timestamp-label-content = Marca temporale del contenuto
timestamp-unknown-authority = ente sconosciuto
timestamp-not-valid = { $head } ✗ NON valida: { $why }; l'ora non è garantita
timestamp-unverifiable = { $label }: ? non verificabile ({ $why })
timestamp-not-trusted = { $head } ⚠ non fidata: { $why }
timestamp-authority-not-trusted = ente non fidato
timestamp-authority-certificate-not-valid = certificato dell'ente non valido a quella data
timestamp-authority-certificate-revoked = certificato dell'ente revocato
# Sotto le marche di un file .tsd o .m7m, quando dentro c'è un documento non firmato.
container-inner-not-signed = Il documento contenuto non è firmato: la marca ne attesta solo l'esistenza a quella data.

## Chi ha firmato.

fiscal-code = codice fiscale
signer-unknown = sconosciuto

## Revoca del certificato del firmatario.

revoked-after-timestamp = revocato il { $when }, dopo la marca temporale del { $stamp }: la firma era già stata fatta
revoked-after-signing = REVOCATO il { $when }, dopo la data della firma; quella data è dichiarata dal firmatario, non garantita: la firma non è confermata
revoked-before-signing = REVOCATO il { $when }, prima della data della firma
revoked-on = REVOCATO il { $when }

## Perché firme integre non sono affidabili, nell'esito della riga di comando.

reason-timestamp-not-valid = marca temporale non valida o non fidata
reason-certificate-expired = certificato scaduto
reason-certificate-not-yet-valid = certificato non ancora valido
reason-authority-not-trusted = autorità non fidata
reason-chain-not-valid = catena non valida alla data della firma
reason-revoked-after-stated-time = certificato revocato dopo la data dichiarata della firma
reason-revoked = certificato revocato
reason-revocation-unknown = revoca non verificabile

## Un firmatario, riga per riga, come lo scrive `cns-manager verify` («Etichetta: valore»).

signature-of = Firma { $n } di { $total }
envelope-of = Busta { $n } di { $total }:
label-signer = Firmatario
# Anche nella finestra: «Firmato il 12/03/2020 10:15».
signed-on = Firmato il
signing-time-as-stated = (ora italiana, dichiarata dal firmatario)
signing-time-not-stated = Data della firma: non indicata
label-document = Documento
document-not-confirmed = ? non confermato: la firma non può essere controllata
document-intact = ✓ integro, non modificato dopo la firma
document-altered = ✗ NON corrisponde alla firma (modificato o danneggiato)
label-signature = Firma
signature-unverifiable = ? NON VERIFICABILE con questo programma ({ $why }): non risulta alterata, ma non è confermata
label-details = Dettagli
certificate-valid-until = ✓ valido alla data della firma (scade il { $date })
certificate-expired-on = ✗ SCADUTO alla data della firma (scaduto il { $date })
certificate-not-yet-valid = ✗ non ancora valido alla data della firma
label-issued-by = Emesso da
trust-trusted = ✓ autorità fidata
trust-none-imported = ⚠ non verificato: nessuna autorità importata (cns-manager ca import CERT, o --ca CERT)
trust-not-trusted = ⚠ autorità NON fidata (non tra quelle importate)
trust-chain-invalid = ⚠ la catena non era valida alla data della firma ({ $at })
label-revocation = Revoca
revocation-not-checked-use-crl = non verificata (usa --crl FILE o --fetch-crl)
revocation-good = ✓ non revocato (lista di revoca del { $date })
revocation-unavailable = ⚠ NON verificabile: { $reason }
label-countersignature = Controfirma
# Anche nella finestra, sotto il firmatario.
read-not-checked = Letti ma non controllati
unchecked-signers =
    { $n ->
        [one] Un'altra firma NON controllata: oltre { $max } firme per busta.
       *[other] Altre { $n } firme NON controllate: oltre { $max } firme per busta.
    }

## L'esito di una firma o controfirma; ciascuna superficie vi mette il suo simbolo davanti.

verdict-valid = valida
verdict-not-trusted = integra, non fidata
verdict-unverifiable = non verificabile
verdict-invalid = NON valida

## L'esito finale di `cns-manager verify`.

result-headline = Esito: { $mark } { $headline }
result-valid = Esito: ✓ tutte le firme sono valide e i certificati fidati.
result-not-trusted = Esito: ⚠ le firme sono integre, ma non ci si può fidare ({ $reasons }): non fidarti del documento senza controllare.
result-unverifiable = Esito: ⚠ una firma NON è verificabile con questo programma (vedi sopra): non risulta alterata, ma non è confermata. Non fidarti del documento senza controllarlo con un altro strumento.
result-invalid = Esito: ✗ una firma NON è valida: il documento è stato modificato dopo la firma o la firma è danneggiata.

## Errori di `cns-manager verify` prima della verifica, e l'estrazione.

verify-no-file = Il file { $path } non esiste.
verify-ca-unreadable = Certificato CA { $path } non leggibile: { $error }
verify-crl-unreadable = CRL { $path } non leggibile: { $error }
# Anche `cns-manager sign`.
file-error-on = Errore su { $path }: { $error }
verify-detached-give-content = È una firma separata (.p7s): indica il documento originale con --content FILE.
verify-timestamped-file = File con marca temporale ({ $kind }):
verify-extracted = Documento estratto in { $path } ({ $bytes } byte).
