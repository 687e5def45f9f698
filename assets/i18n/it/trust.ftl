### Di chi fidarsi: le autorità importate (cns-manager ca, la finestra di verifica) e gli elenchi
### di fiducia (TSL) di AgID.

## Autorità di certificazione importate con `cns-manager ca`.

ca-too-large = { $path } è più grande di { $max } KiB: non è un certificato. Indica il file del certificato della CA (DER o PEM).
ca-not-a-certificate = Non è un certificato: { $error }
# Un file tra quelli indicati, con il suo percorso davanti.
ca-file-not-a-certificate = { $path }: non è un certificato: { $error }
ca-not-a-ca = Il certificato non è di un'autorità di certificazione (CA): non importato.
ca-trusted = Autorità fidata:
ca-none = Nessuna autorità fidata: importane una con «cns-manager ca import CERT».
ca-scope-tsl = elenco di fiducia
ca-expires = scade
ca-no-such-fingerprint = Nessuna autorità importata con questa impronta.
ca-no-longer-trusted = Non più fidata:

## Firmatari degli elenchi di fiducia.

tsl-signers-heading = Firmatari fidati degli elenchi di fiducia
tsl-signers-user = i tuoi
tsl-signers-system = del sistema
tsl-signers-built-in = inclusi nel programma

## Un elenco di fiducia importato.

# «certificato qualificato, certificatore accreditato: InfoCert S.p.A. (dispositivo sicuro di firma)»
qualified-certificate = certificato qualificato,
accredited-authority = certificatore accreditato: { $tsp }
secure-signature-device = (dispositivo sicuro di firma)
label-qualification = Qualifica
tsl-imported = Elenco di fiducia { $territory } n. { $number } del { $date } (prossimo aggiornamento { $next }): { $cas } autorità di certificazione qualificate e { $tsas } servizi di marca temporale qualificati ora fidati.
tsl-imported-past =
    { $past ->
        [one] Un'altra autorità vale solo per le firme che una marca temporale colloca negli anni in cui era accreditata.
       *[other] Altre { $past } autorità valgono solo per le firme che una marca temporale colloca negli anni in cui erano accreditate.
    }
tsl-stale = Attenzione: questo elenco doveva essere sostituito entro il { $next }; scarica quello attuale da { $url } e importalo: un'autorità revocata dopo quella data risulta ancora fidata.
tsl-too-large = Il file è più grande di { $mib } MiB: non è un elenco di fiducia. Nessuna autorità aggiunta.
tsl-malformed = Non è un elenco di fiducia (TSL) leggibile: { $why }. Nessuna autorità aggiunta.
tsl-bad-signature = La firma dell'elenco di fiducia non è valida o non è di chi pubblica l'elenco ({ $reason }): il file è stato alterato o non è l'elenco ufficiale. Nessuna autorità aggiunta.
tsl-reason-unsigned = l'elenco non è firmato
tsl-reason-wrapped = la firma non copre l'elenco così come viene letto
tsl-reason-other-signer = la firma porta un certificato diverso da quello del firmatario
tsl-reason-bad-signature = la firma non corrisponde al certificato del firmatario
tsl-no-signer = Nessun certificato del firmatario dell'elenco è configurato: indicane uno con «cns-manager ca tsl-signer FILE». Nessuna autorità aggiunta.
tsl-xmlsec-missing = Manca il programma xmlsec1, che controlla la firma dell'elenco di fiducia. Installalo (Debian/Ubuntu: «sudo apt install xmlsec1»; Fedora: «sudo dnf install xmlsec1-openssl»; macOS: «brew install libxmlsec1»; Windows: i binari di xmlsec1 con OpenSSL nel PATH) e riprova. Nessuna autorità aggiunta.
tsl-older = Questo elenco (n. { $given }) è più vecchio di quello già importato (n. { $have }): non importato. Scarica quello attuale da { $url }.
tsl-import-failed = Importazione non riuscita: { $error }. Nessuna autorità aggiunta.

## Fidarsi di un'autorità dalla pagina di verifica della finestra.

trust-file-unreadable = Il file «{ $name }» non si può leggere ({ $error }).
trust-not-a-certificate = «{ $name }» non è un certificato: serve il file .cer, .crt, .der o .pem dell'autorità.
trust-not-a-ca = «{ $name }» non è un'autorità di certificazione: non è stato aggiunto.
trust-other-issuer = Il certificato è di «{ $name }», ma le firme sono state emesse da «{ $issuers }»: non è stato aggiunto.
trust-question = Fidarti di questa autorità?
trust-authority = Autorità: { $name }
trust-fingerprint = Impronta SHA-256:
trust-compare-fingerprint = Confronta l'impronta con quella pubblicata dall'autorità sul suo sito ufficiale. Se non coincide, non fidarti: chiunque può creare un certificato con lo stesso nome.
trust-confirm = Fidati di questa autorità
trust-need-certificate = Per fidarti di «{ $who }» serve il certificato dell'autorità: scaricalo dal suo sito ufficiale e sceglilo qui, o trascinalo nella finestra.
trust-choose-certificate = Scegli il certificato dell'autorità…
trust-agid-list = Per le autorità qualificate italiane basta l'elenco di fiducia di AgID: scaricalo da { $url } e sceglilo qui, o trascinalo nella finestra. La sua firma viene controllata prima di fidarsi.
trust-import-tsl = Importa l'elenco di fiducia (TSL)…
