### Wem vertraut wird: importierte Zertifizierungsstellen (cns-manager ca, die Prüfseite des
### Fensters) und die Vertrauenslisten (TSL) der AgID.

## Mit `cns-manager ca` importierte Zertifizierungsstellen.

ca-too-large = { $path } ist größer als { $max } KiB: Das ist kein Zertifikat. Geben Sie die Zertifikatsdatei der Zertifizierungsstelle an (DER oder PEM).
ca-not-a-certificate = Kein Zertifikat: { $error }
ca-file-not-a-certificate = { $path }: kein Zertifikat: { $error }
ca-not-a-ca = Das Zertifikat gehört keiner Zertifizierungsstelle (CA): nicht importiert.
ca-trusted = Vertrauenswürdige Stelle:
ca-none = Keine vertrauenswürdige Stelle: Importieren Sie eine mit „cns-manager ca import CERT“.
ca-scope-tsl = Vertrauensliste
ca-expires = läuft ab
ca-no-such-fingerprint = Keine importierte Stelle hat diesen Fingerabdruck.
ca-no-longer-trusted = Nicht mehr vertrauenswürdig:

## Unterzeichner der Vertrauenslisten.

tsl-signers-heading = Vertrauenswürdige Unterzeichner der Vertrauenslisten
tsl-signers-user = Ihre
tsl-signers-system = des Systems
tsl-signers-built-in = im Programm enthalten

## Eine importierte Vertrauensliste.

qualified-certificate = qualifiziertes Zertifikat,
accredited-authority = akkreditierte Zertifizierungsstelle: { $tsp }
secure-signature-device = (sichere Signaturerstellungseinheit)
label-qualification = Qualifikation
tsl-imported = Vertrauensliste { $territory } Nr. { $number } vom { $date } (nächste Aktualisierung { $next }): { $cas } qualifizierte Zertifizierungsstellen und { $tsas } qualifizierte Zeitstempeldienste sind jetzt vertrauenswürdig.
tsl-imported-past =
    { $past ->
        [one] Eine weitere Stelle gilt nur für Signaturen, die ein Zeitstempel in die Jahre ihrer Akkreditierung legt.
       *[other] Weitere { $past } Stellen gelten nur für Signaturen, die ein Zeitstempel in die Jahre ihrer Akkreditierung legt.
    }
tsl-stale = Achtung: Diese Liste hätte bis { $next } ersetzt werden müssen; laden Sie die aktuelle von { $url } herunter und importieren Sie sie: Eine nach diesem Datum widerrufene Stelle erscheint noch als vertrauenswürdig.
tsl-too-large = Die Datei ist größer als { $mib } MiB: Das ist keine Vertrauensliste. Es wurde keine Stelle hinzugefügt.
tsl-malformed = Keine lesbare Vertrauensliste (TSL): { $why }. Es wurde keine Stelle hinzugefügt.
tsl-bad-signature = Die Signatur der Vertrauensliste ist nicht gültig oder stammt nicht vom Herausgeber der Liste ({ $reason }): Die Datei wurde verändert oder ist nicht die amtliche Liste. Es wurde keine Stelle hinzugefügt.
tsl-reason-unsigned = die Liste ist nicht signiert
tsl-reason-wrapped = die Signatur deckt die Liste, so wie sie gelesen wird, nicht ab
tsl-reason-other-signer = die Signatur trägt ein anderes Zertifikat als das des Unterzeichners
tsl-reason-bad-signature = die Signatur passt nicht zum Zertifikat des Unterzeichners
tsl-no-signer = Es ist kein Zertifikat des Unterzeichners der Liste eingerichtet: Geben Sie eines mit „cns-manager ca tsl-signer DATEI“ an. Es wurde keine Stelle hinzugefügt.
tsl-xmlsec-missing = Das Programm xmlsec1, das die Signatur der Vertrauensliste prüft, fehlt. Installieren Sie es (Debian/Ubuntu: „sudo apt install xmlsec1“; Fedora: „sudo dnf install xmlsec1-openssl“; macOS: „brew install libxmlsec1“; Windows: die xmlsec1-Programme mit OpenSSL im PATH) und versuchen Sie es erneut. Es wurde keine Stelle hinzugefügt.
tsl-older = Diese Liste (Nr. { $given }) ist älter als die bereits importierte (Nr. { $have }): nicht importiert. Laden Sie die aktuelle von { $url } herunter.
tsl-import-failed = Import fehlgeschlagen: { $error }. Es wurde keine Stelle hinzugefügt.

## Einer Stelle von der Prüfseite des Fensters aus vertrauen.

trust-file-unreadable = Die Datei „{ $name }“ kann nicht gelesen werden ({ $error }).
trust-not-a-certificate = „{ $name }“ ist kein Zertifikat: Benötigt wird die Datei .cer, .crt, .der oder .pem der Stelle.
trust-not-a-ca = „{ $name }“ ist keine Zertifizierungsstelle: nicht hinzugefügt.
trust-other-issuer = Das Zertifikat gehört „{ $name }“, aber die Signaturen wurden von „{ $issuers }“ ausgestellt: nicht hinzugefügt.
trust-question = Dieser Stelle vertrauen?
trust-authority = Stelle: { $name }
trust-fingerprint = SHA-256-Fingerabdruck:
trust-compare-fingerprint = Vergleichen Sie den Fingerabdruck mit dem, den die Stelle auf ihrer offiziellen Website veröffentlicht. Stimmt er nicht überein, vertrauen Sie ihr nicht: Jeder kann ein Zertifikat mit demselben Namen erstellen.
trust-confirm = Dieser Stelle vertrauen
trust-need-certificate = Um „{ $who }“ zu vertrauen, wird das Zertifikat der Stelle benötigt: Laden Sie es von ihrer offiziellen Website herunter und wählen Sie es hier aus oder ziehen Sie es in das Fenster.
trust-choose-certificate = Zertifikat der Stelle auswählen…
trust-agid-list = Für italienische qualifizierte Stellen genügt die Vertrauensliste der AgID: Laden Sie sie von { $url } herunter und wählen Sie sie hier aus oder ziehen Sie sie in das Fenster. Ihre Signatur wird geprüft, bevor ihr vertraut wird.
trust-import-tsl = Vertrauensliste (TSL) importieren…
