### Whom to trust: imported authorities (cns-manager ca, the window's check page) and AgID's
### trusted lists (TSL).

## Certification authorities imported with `cns-manager ca`.

ca-too-large = { $path } is larger than { $max } KiB: not a certificate. Give the CA's certificate file (DER or PEM).
ca-not-a-certificate = Not a certificate: { $error }
ca-file-not-a-certificate = { $path }: not a certificate: { $error }
ca-not-a-ca = The certificate is not a certification authority's (CA): not imported.
ca-trusted = Trusted authority:
ca-none = No trusted authority: import one with "cns-manager ca import CERT".
ca-scope-tsl = trusted list
ca-expires = expires
ca-no-such-fingerprint = No imported authority has this fingerprint.
ca-no-longer-trusted = No longer trusted:

## Signers of trusted lists.

tsl-signers-heading = Trusted signers of trusted lists
tsl-signers-user = yours
tsl-signers-system = the system's
tsl-signers-built-in = built into the program

## An imported trusted list.

qualified-certificate = qualified certificate,
accredited-authority = accredited certification authority: { $tsp }
secure-signature-device = (secure signature creation device)
label-qualification = Qualification
tsl-imported = Trusted list { $territory } no. { $number } of { $date } (next update { $next }): { $cas } qualified certification authorities and { $tsas } qualified timestamp services now trusted.
tsl-imported-past =
    { $past ->
        [one] One more authority counts only for signatures a timestamp places in the years it was accredited.
       *[other] { $past } more authorities count only for signatures a timestamp places in the years they were accredited.
    }
tsl-stale = Warning: this list was due to be replaced by { $next }; download the current one from { $url } and import it: an authority withdrawn after that date still shows as trusted.
tsl-too-large = The file is larger than { $mib } MiB: not a trusted list. No authority added.
tsl-malformed = Not a readable trusted list (TSL): { $why }. No authority added.
tsl-bad-signature = The trusted list's signature is not valid or not its publisher's ({ $reason }): the file was altered or is not the official list. No authority added.
tsl-reason-unsigned = the trusted list is not signed
tsl-reason-wrapped = the signature does not cover the list as it is read
tsl-reason-other-signer = the signature carries a certificate other than the trusted list's signer
tsl-reason-bad-signature = the signature does not verify with the trusted list's signer certificate
tsl-no-signer = No certificate of the list's signer is configured: give one with "cns-manager ca tsl-signer FILE". No authority added.
tsl-xmlsec-missing = The xmlsec1 program, which checks the trusted list's signature, is missing. Install it (Debian/Ubuntu: "sudo apt install xmlsec1"; Fedora: "sudo dnf install xmlsec1-openssl"; macOS: "brew install libxmlsec1"; Windows: the xmlsec1 binaries with OpenSSL on the PATH) and try again. No authority added.
tsl-older = This list (no. { $given }) is older than the one already imported (no. { $have }): not imported. Download the current one from { $url }.
tsl-import-failed = Import failed: { $error }. No authority added.

## Trusting an authority from the window's check page.

trust-file-unreadable = "{ $name }" cannot be read ({ $error }).
trust-not-a-certificate = "{ $name }" is not a certificate: the authority's .cer, .crt, .der or .pem file is needed.
trust-not-a-ca = "{ $name }" is not a certification authority: it was not added.
trust-other-issuer = The certificate is "{ $name }"'s, but the signatures were issued by "{ $issuers }": it was not added.
trust-question = Trust this authority?
trust-authority = Authority: { $name }
trust-fingerprint = SHA-256 fingerprint:
trust-compare-fingerprint = Compare the fingerprint with the one the authority publishes on its official site. If it differs, do not trust it: anyone can make a certificate with the same name.
trust-confirm = Trust this authority
trust-need-certificate = To trust "{ $who }" the authority's certificate is needed: download it from its official site and choose it here, or drop it on the window.
trust-choose-certificate = Choose the authority's certificate…
trust-agid-list = For Italian qualified authorities AgID's trusted list is enough: download it from { $url } and choose it here, or drop it on the window. Its signature is checked before anything is trusted.
trust-import-tsl = Import the trusted list (TSL)…
