### Die Prüfung einer Signatur: Ergebnisse, Befunde, Zeitstempel, Widerruf, Vertrauen. Fenster und
### Befehlszeile verwenden dieselben Texte. Datum und Uhrzeit kommen bereits in italienischer Zeit.

## Befunde der Bibliothek zu einer Signatur oder einem Zeitstempel (nach „Details:“).

finding-signer-info-unreadable = die Daten der Signatur können nicht gelesen werden ({ $error })
finding-digest-unsupported = Hash-Algorithmus { $algorithm } wird nicht unterstützt
finding-digest-not-announced = Hash-Algorithmus { $algorithm } ist in der Datei nicht angegeben
finding-no-message-digest = der Hashwert des signierten Dokuments fehlt (Attribut message-digest)
finding-content-altered = das Dokument stimmt nicht mit der Signatur überein (verändert)
finding-content-type-mismatch = der signierte Inhaltstyp weicht von dem des Dokuments ab (Attribut content-type)
finding-content-type-missing = das Dokument stimmt mit der Signatur überein, aber das Signaturprogramm hat das vom Standard verlangte Attribut content-type weggelassen: Die Signatur ist nicht konform
finding-signing-certificate-unreadable = das Attribut, das das Zertifikat des Unterzeichners angibt, kann nicht gelesen werden ({ $error })
finding-attributes-not-encodable = die signierten Attribute können nicht neu kodiert werden
finding-certificate-missing = das Zertifikat des Unterzeichners ist nicht in der Datei
finding-signature-algorithm-unsupported = Signaturalgorithmus { $algorithm } wird von diesem Programm nicht unterstützt
finding-key-unsupported = der Schlüsseltyp des Zertifikats wird nicht unterstützt ({ $error })
finding-key-too-short = der RSA-Schlüssel des Zertifikats hat { $bits } Bit und ist zu kurz, um ihm zu vertrauen (mindestens 1024 sind nötig)
finding-too-many-checks = zu viele Signaturen und Zertifikate in der Datei: Diese Signatur wurde nicht geprüft
finding-too-many-checks-for-issuer = zu viele Signaturen und Zertifikate in der Datei: Der Aussteller wurde nicht geprüft
finding-signature-does-not-verify = die Signatur passt nicht zum Schlüssel des Zertifikats
finding-signing-certificate-mismatch = die Signatur nennt ein anderes Zertifikat als das beigefügte (signing-certificate)
finding-timestamp-unreadable = der Zeitstempel kann nicht gelesen werden ({ $error })
finding-imprint-mismatch = der Zeitstempel betrifft nicht diese Signatur oder dieses Dokument (anderer Hashwert)
finding-tsa-not-for-timestamping = das Zertifikat des Zeitstempeldienstes ist kein Zertifikat für Zeitstempel

## Warum der Widerruf nicht geprüft werden konnte.

revocation-gap-crl-of-another-issuer = die angegebene Sperrliste stammt von { $crl_issuers }, nicht vom Aussteller des Zertifikats { $cert_issuer }
revocation-gap-issuer-not-trusted = der Aussteller ist keine vertrauenswürdige Stelle, daher kann seine Sperrliste nicht geprüft werden
revocation-gap-crl-expired = die Sperrliste ist am { $date } abgelaufen: Sie sagt nichts über spätere Widerrufe aus, besorgen Sie sich eine aktuelle
revocation-gap-crl-invalid = die Sperrliste ist nicht gültig oder nicht vom Aussteller signiert ({ $error })
revocation-gap-no-distribution-point = das Zertifikat gibt nicht an, wo die Sperrliste heruntergeladen werden kann (keine http://-Adresse)
revocation-gap-download-failed = das Herunterladen von { $url } ist fehlgeschlagen ({ $error })

## Eine signierte Datei, die nicht gelesen werden konnte.

file-malformed = Die Datei ist keine gültige signierte Datei oder sie ist beschädigt.
file-too-large = Die Datei ist keine gültige signierte Datei: Ein Teil davon ({ $what }) ist größer, als es eine echte signierte Datei je braucht ({ $len } Byte).
file-damaged = Die signierte Datei ist beschädigt.
file-unsupported = Die Datei verwendet eine Funktion, die dieses Programm nicht unterstützt.
file-io = Fehler beim Lesen oder Schreiben der Datei.
file-detached-content-missing = Dies ist eine getrennte Signatur (.p7s): Das Originaldokument wird ebenfalls benötigt.
file-not-checkable = Die signierte Datei kann nicht geprüft werden.

## Das Erste, was man über eine geprüfte Datei wissen muss.

headline-valid = Alle Signaturen sind gültig.
headline-timestamped-document = Gültiger Zeitstempel: Das Dokument bestand zu diesem Zeitpunkt (das Dokument ist nicht signiert).
headline-bundle-altered = Der Zeitstempel betrifft NICHT das enthaltene Dokument: Die Datei wurde verändert oder ausgetauscht.
headline-altered = Eine Signatur ist NICHT gültig: Das Dokument wurde verändert oder die Signatur ist beschädigt.
headline-not-checkable = Eine Signatur kann mit diesem Programm NICHT geprüft werden: Sie ist nicht nachweislich verändert, aber auch nicht bestätigt.
headline-revoked = Zertifikat WIDERRUFEN: Die Signatur ist unversehrt, aber das Zertifikat des Unterzeichners wurde widerrufen.
headline-expired = Zertifikat ABGELAUFEN: Die Signatur ist unversehrt, aber das Zertifikat war zum Zeitpunkt der Signatur abgelaufen.
headline-not-yet-valid = Zertifikat zum Zeitpunkt der Signatur noch nicht gültig: Die Signatur ist unversehrt, aber man kann sich nicht darauf verlassen.
headline-chain-not-valid = Ein Zertifikat der Zertifizierungsstelle war zum Zeitpunkt der Signatur nicht gültig: Die Signatur ist unversehrt, aber man kann sich nicht darauf verlassen.
headline-not-trusted = Stelle nicht vertrauenswürdig: Die Signatur ist unversehrt, aber wer das Zertifikat ausgestellt hat, gehört nicht zu den Stellen, denen Sie vertrauen.
headline-timestamp-not-valid = Zeitstempel NICHT gültig oder nicht vertrauenswürdig: Die Signaturen sind unversehrt, aber die Uhrzeit des Zeitstempels ist nicht gesichert.
headline-revocation-unknown = Widerruf nicht prüfbar: Die Signatur ist unversehrt, aber es konnte nicht geprüft werden, ob das Zertifikat widerrufen wurde.

## Ein Zeitstempel in einer Zeile: „Zeitstempel: 12/03/2020 10:15 (InfoCert TSA) ✓“.

timestamp-label = Zeitstempel
timestamp-label-content = Zeitstempel des Inhalts
timestamp-unknown-authority = unbekannter Dienst
timestamp-not-valid = { $head } ✗ NICHT gültig: { $why }; die Uhrzeit ist nicht gesichert
timestamp-unverifiable = { $label }: ? nicht prüfbar ({ $why })
timestamp-not-trusted = { $head } ⚠ nicht vertrauenswürdig: { $why }
timestamp-authority-not-trusted = Dienst nicht vertrauenswürdig
timestamp-authority-certificate-not-valid = Zertifikat des Dienstes zu diesem Zeitpunkt nicht gültig
timestamp-authority-certificate-revoked = Zertifikat des Dienstes widerrufen
container-inner-not-signed = Das enthaltene Dokument ist nicht signiert: Der Zeitstempel belegt nur, dass es zu diesem Zeitpunkt bestand.

## Wer unterzeichnet hat.

fiscal-code = Steuernummer
signer-unknown = unbekannt

## Widerruf des Zertifikats des Unterzeichners.

revoked-after-timestamp = widerrufen am { $when }, nach dem Zeitstempel vom { $stamp }: Die Signatur war bereits geleistet
revoked-after-signing = WIDERRUFEN am { $when }, nach dem Zeitpunkt der Signatur; dieser Zeitpunkt ist vom Unterzeichner angegeben, nicht gesichert: Die Signatur ist nicht bestätigt
revoked-before-signing = WIDERRUFEN am { $when }, vor dem Zeitpunkt der Signatur
revoked-on = WIDERRUFEN am { $when }

## Warum unversehrte Signaturen nicht verlässlich sind, im Ergebnis der Befehlszeile.

reason-timestamp-not-valid = Zeitstempel nicht gültig oder nicht vertrauenswürdig
reason-certificate-expired = Zertifikat abgelaufen
reason-certificate-not-yet-valid = Zertifikat noch nicht gültig
reason-authority-not-trusted = Stelle nicht vertrauenswürdig
reason-chain-not-valid = Zertifikatskette zum Zeitpunkt der Signatur nicht gültig
reason-revoked-after-stated-time = Zertifikat nach dem angegebenen Zeitpunkt der Signatur widerrufen
reason-revoked = Zertifikat widerrufen
reason-revocation-unknown = Widerruf nicht prüfbar

## Ein Unterzeichner, Zeile für Zeile, wie `cns-manager verify` ihn ausgibt („Bezeichnung: Wert“).

signature-of = Signatur { $n } von { $total }
envelope-of = Umschlag { $n } von { $total }:
label-signer = Unterzeichner
signed-on = Signiert am
signing-time-as-stated = (italienische Zeit, vom Unterzeichner angegeben)
signing-time-not-stated = Zeitpunkt der Signatur: nicht angegeben
label-document = Dokument
document-not-confirmed = ? nicht bestätigt: Die Signatur kann nicht geprüft werden
document-intact = ✓ unversehrt, nach der Signatur nicht verändert
document-altered = ✗ stimmt NICHT mit der Signatur überein (verändert oder beschädigt)
label-signature = Signatur
signature-unverifiable = ? mit diesem Programm NICHT PRÜFBAR ({ $why }): nicht nachweislich verändert, aber nicht bestätigt
label-details = Details
certificate-valid-until = ✓ zum Zeitpunkt der Signatur gültig (läuft am { $date } ab)
certificate-expired-on = ✗ zum Zeitpunkt der Signatur ABGELAUFEN (abgelaufen am { $date })
certificate-not-yet-valid = ✗ zum Zeitpunkt der Signatur noch nicht gültig
label-issued-by = Ausgestellt von
trust-trusted = ✓ vertrauenswürdige Stelle
trust-none-imported = ⚠ nicht geprüft: keine Stelle importiert (cns-manager ca import CERT, oder --ca CERT)
trust-not-trusted = ⚠ Stelle NICHT vertrauenswürdig (nicht unter den importierten)
trust-chain-invalid = ⚠ die Zertifikatskette war zum Zeitpunkt der Signatur nicht gültig ({ $at })
label-revocation = Widerruf
revocation-not-checked-use-crl = nicht geprüft (verwenden Sie --crl DATEI oder --fetch-crl)
revocation-good = ✓ nicht widerrufen (Sperrliste vom { $date })
revocation-unavailable = ⚠ NICHT prüfbar: { $reason }
label-countersignature = Gegensignatur
read-not-checked = Gelesen, aber nicht geprüft
unchecked-signers =
    { $n ->
        [one] Eine weitere Signatur wurde NICHT geprüft: mehr als { $max } Signaturen pro Umschlag.
       *[other] { $n } weitere Signaturen wurden NICHT geprüft: mehr als { $max } Signaturen pro Umschlag.
    }

## Das Ergebnis einer Signatur oder Gegensignatur; jede Oberfläche setzt ihr eigenes Symbol davor.

verdict-valid = gültig
verdict-not-trusted = unversehrt, nicht vertrauenswürdig
verdict-unverifiable = nicht prüfbar
verdict-invalid = NICHT gültig

## Das Endergebnis von `cns-manager verify`.

result-headline = Ergebnis: { $mark } { $headline }
result-valid = Ergebnis: ✓ Alle Signaturen sind gültig und ihre Zertifikate vertrauenswürdig.
result-not-trusted = Ergebnis: ⚠ Die Signaturen sind unversehrt, aber man kann sich nicht darauf verlassen ({ $reasons }): Verlassen Sie sich nicht ungeprüft auf das Dokument.
result-unverifiable = Ergebnis: ⚠ Eine Signatur kann mit diesem Programm NICHT geprüft werden (siehe oben): Sie ist nicht nachweislich verändert, aber auch nicht bestätigt. Verlassen Sie sich nicht auf das Dokument, ohne es mit einem anderen Werkzeug zu prüfen.
result-invalid = Ergebnis: ✗ Eine Signatur ist NICHT gültig: Das Dokument wurde nach der Signatur verändert oder die Signatur ist beschädigt.

## Fehler von `cns-manager verify` vor der Prüfung, und das Extrahieren.

verify-no-file = Die Datei { $path } existiert nicht.
verify-ca-unreadable = CA-Zertifikat { $path } kann nicht gelesen werden: { $error }
verify-crl-unreadable = Sperrliste { $path } kann nicht gelesen werden: { $error }
file-error-on = Fehler bei { $path }: { $error }
verify-detached-give-content = Dies ist eine getrennte Signatur (.p7s): Geben Sie das Originaldokument mit --content DATEI an.
verify-timestamped-file = Datei mit Zeitstempel ({ $kind }):
verify-extracted = Dokument nach { $path } extrahiert ({ $bytes } Byte).
