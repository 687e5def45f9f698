### Checking a signature: verdicts, findings, timestamps, revocation, trust. The window and the
### command line use these same texts. Dates arrive already written in Italian time.

## The library's findings about a signature or a timestamp (after "Details:").

finding-signer-info-unreadable = the signature's data cannot be read ({ $error })
finding-digest-unsupported = digest algorithm { $algorithm } not supported
finding-digest-not-announced = digest algorithm { $algorithm } not announced in the file
finding-no-message-digest = the signed document's digest is missing (message-digest attribute)
finding-content-altered = the content does not match the signature (altered)
finding-content-type-mismatch = the signed content type differs from the document's (content-type attribute)
finding-content-type-missing = the document matches the signature, but the signing program left out the content-type attribute the standard requires: the signature does not conform
finding-signing-certificate-unreadable = the attribute naming the signer's certificate cannot be read ({ $error })
finding-attributes-not-encodable = the signed attributes cannot be encoded
finding-certificate-missing = the signer's certificate is not in the file
finding-signature-algorithm-unsupported = signature algorithm { $algorithm } not supported by this program
finding-key-unsupported = the certificate's key type is not supported ({ $error })
finding-key-too-short = the certificate's RSA key has { $bits } bits, too short to be relied on (at least 1024 are needed)
finding-too-many-checks = too many signatures and certificates in the file: this signature was not checked
finding-too-many-checks-for-issuer = too many signatures and certificates in the file: the issuer was not checked
finding-signature-does-not-verify = the signature does not verify
finding-signing-certificate-mismatch = the signature names another certificate than the one attached (signing-certificate)
finding-timestamp-unreadable = the timestamp cannot be read ({ $error })
finding-imprint-mismatch = the timestamp does not cover this signature or document (different imprint)
finding-tsa-not-for-timestamping = the authority's certificate is not a timestamping certificate

## Why revocation could not be checked.

revocation-gap-crl-of-another-issuer = the CRL given is from { $crl_issuers }, not from the certificate's issuer { $cert_issuer }
revocation-gap-issuer-not-trusted = the issuer is not a trusted authority, so its CRL cannot be checked
revocation-gap-crl-expired = the CRL expired on { $date }: it says nothing about later revocations, get a current one
revocation-gap-crl-invalid = the CRL is not valid or not signed by the issuer ({ $error })
revocation-gap-no-distribution-point = the certificate names no place to download its CRL (no http:// address)
revocation-gap-download-failed = the download of { $url } failed ({ $error })

## A signed file that could not be read.

file-malformed = The file is not a valid signed file, or it is damaged.
file-too-large = The file is not a valid signed file: one of its parts ({ $what }) is larger than any real signed file needs ({ $len } bytes).
file-damaged = The signed file is damaged.
file-unsupported = The file uses a feature this program does not handle.
file-io = Error reading or writing the file.
file-detached-content-missing = This is a detached signature (.p7s): the original document is needed too.
file-not-checkable = The signed file cannot be checked.

## The first thing to know about a checked file.

headline-valid = Every signature is valid.
headline-timestamped-document = Valid timestamp: the document existed at that time (the document is not signed).
headline-bundle-altered = The timestamp does NOT cover the document inside: the file was changed or swapped.
headline-altered = A signature is NOT valid: the document was changed or the signature is damaged.
headline-not-checkable = A signature CANNOT be checked by this program: not shown altered, but not confirmed.
headline-revoked = Certificate REVOKED: the signature is intact, but the signer's certificate was revoked.
headline-expired = Certificate EXPIRED: the signature is intact, but the certificate had expired at signing time.
headline-not-yet-valid = Certificate not yet valid at signing time: the signature is intact, but cannot be relied on.
headline-chain-not-valid = A certificate of the authority was not valid at signing time: the signature is intact, but cannot be relied on.
headline-not-trusted = Authority not trusted: the signature is intact, but whoever issued the certificate is not among the authorities you trust.
headline-timestamp-not-valid = Timestamp NOT valid or not trusted: the signatures are intact, but the timestamp's time is not vouched for.
headline-revocation-unknown = Revocation cannot be established: the signature is intact, but whether the certificate was revoked could not be checked.

## One timestamp in a line: "Timestamp: 12/03/2020 10:15 (InfoCert TSA) ✓".

timestamp-label = Timestamp
timestamp-label-content = Content timestamp
timestamp-unknown-authority = unknown authority
timestamp-not-valid = { $head } ✗ NOT valid: { $why }; the time is not vouched for
timestamp-unverifiable = { $label }: ? cannot be checked ({ $why })
timestamp-not-trusted = { $head } ⚠ not trusted: { $why }
timestamp-authority-not-trusted = authority not trusted
timestamp-authority-certificate-not-valid = authority's certificate not valid then
timestamp-authority-certificate-revoked = authority's certificate revoked
container-inner-not-signed = The document inside is not signed: the timestamp only shows it existed at that time.

## Who signed.

fiscal-code = fiscal code
signer-unknown = unknown

## Revocation of the signer's certificate.

revoked-after-timestamp = revoked on { $when }, after the timestamp of { $stamp }: the signature was already made
revoked-after-signing = REVOKED on { $when }, after the signing time; that time is stated by the signer, not certified: the signature is not confirmed
revoked-before-signing = REVOKED on { $when }, before the signing time
revoked-on = REVOKED on { $when }

## Why intact signatures cannot be relied on, in the command line's result.

reason-timestamp-not-valid = timestamp not valid or not trusted
reason-certificate-expired = certificate expired
reason-certificate-not-yet-valid = certificate not yet valid
reason-authority-not-trusted = authority not trusted
reason-chain-not-valid = chain not valid at signing time
reason-revoked-after-stated-time = certificate revoked after the stated signing time
reason-revoked = certificate revoked
reason-revocation-unknown = revocation cannot be established

## A signer, line by line, as `cns-manager verify` writes it ("Label: value").

signature-of = Signature { $n } of { $total }
envelope-of = Envelope { $n } of { $total }:
label-signer = Signer
signed-on = Signed on
signing-time-as-stated = (Italian time, as stated by the signer)
signing-time-not-stated = Signing time: not stated
label-document = Document
document-not-confirmed = ? not confirmed: the signature cannot be checked
document-intact = ✓ intact, not changed after signing
document-altered = ✗ does NOT match the signature (changed or damaged)
label-signature = Signature
signature-unverifiable = ? CANNOT BE CHECKED by this program ({ $why }): not shown altered, but not confirmed
label-details = Details
certificate-valid-until = ✓ valid at signing time (expires { $date })
certificate-expired-on = ✗ EXPIRED at signing time (expired { $date })
certificate-not-yet-valid = ✗ not yet valid at signing time
label-issued-by = Issued by
trust-trusted = ✓ trusted authority
trust-none-imported = ⚠ not checked: no authority imported (cns-manager ca import CERT, or --ca CERT)
trust-not-trusted = ⚠ authority NOT trusted (not among the imported ones)
trust-chain-invalid = ⚠ the chain was not valid at signing time ({ $at })
label-revocation = Revocation
revocation-not-checked-use-crl = not checked (use --crl FILE or --fetch-crl)
revocation-good = ✓ not revoked (revocation list of { $date })
revocation-unavailable = ⚠ CANNOT be established: { $reason }
label-countersignature = Countersignature
read-not-checked = Read but not checked
unchecked-signers =
    { $n ->
        [one] 1 more signature NOT checked: over { $max } per envelope.
       *[other] { $n } more signatures NOT checked: over { $max } per envelope.
    }

## The verdict on a signature or countersignature; each surface puts its own symbol in front.

verdict-valid = valid
verdict-not-trusted = intact, not trusted
verdict-unverifiable = cannot be checked
verdict-invalid = NOT valid

## The final result of `cns-manager verify`.

result-headline = Result: { $mark } { $headline }
result-valid = Result: ✓ every signature is valid and its certificate trusted.
result-not-trusted = Result: ⚠ the signatures are intact, but cannot be relied on ({ $reasons }): do not rely on the document without checking.
result-unverifiable = Result: ⚠ a signature CANNOT be checked by this program (see above): it is not shown altered, but not confirmed either. Do not rely on the document without checking it with another tool.
result-invalid = Result: ✗ a signature is NOT valid: the document was changed after signing or the signature is damaged.

## Errors of `cns-manager verify` before checking, and the extraction.

verify-no-file = { $path } does not exist.
verify-ca-unreadable = CA certificate { $path } cannot be read: { $error }
verify-crl-unreadable = CRL { $path } cannot be read: { $error }
file-error-on = Error on { $path }: { $error }
verify-detached-give-content = This is a detached signature (.p7s): give the original document with --content FILE.
verify-timestamped-file = Timestamped file ({ $kind }):
verify-extracted = Document extracted to { $path } ({ $bytes } bytes).
