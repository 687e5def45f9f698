### The window's page to sign and check a document, and the signing words the window and
### `cns-manager sign` share.

docs-title-sign = Sign a document
docs-title-verify = Check a signed document
docs-another-sign = Sign another document
docs-another-verify = Check another document
docs-choose-file = Choose the file…
docs-or-drop = or drop it on the window
docs-folder-not-file = It is a folder, not a file: choose a document inside "{ $path }".
docs-file-not-found = The file "{ $path }" was not found: check the path.
docs-path-label = File path
docs-open = Open
docs-open-folder = Open the folder
docs-close = Close
docs-cancel = Cancel
docs-size-bytes = { $n } bytes

## Signing.

sign-insert-card = Insert the card to sign.
sign-card-certificate-expired = The card's certificate has expired: a signature made now would not be valid.
sign-pin-blocked = The PIN is blocked: unblock it with the PUK, then sign.
sign-detached-choice = Detached signature (.p7s): the document stays separate
sign-pin-label = Card PIN
sign-show-digits = Show digits
sign-pin-empty = Type the card's PIN: 5 to 8 digits.
sign-pin-format = Invalid PIN: 5 to 8 digits are needed. Nothing was sent to the card.
sign-button = Sign
sign-use-last-try = Use the last try
sign-card-says-last-try = The card says only one PIN try is left: nothing was sent. Type the PIN again: you will be asked to confirm before it is used.
sign-working-card = Signing with the card…
sign-working-reading = Reading the document…
document-signed = Document signed: { $path } (signatures in the file: { $signers }).
sign-disk-error = The document was NOT signed: error on { $path }: { $error }.
sign-card-removed = The card was removed: the document was NOT signed.
sign-not-signed-because = The document was NOT signed ({ $detail }).
sign-pin-in-doubt = The PIN had already been sent: it is not known whether the try was counted. Insert the card again and check the tries left before trying again.
sign-no-try-used = No PIN try was used up.
sign-failed = The document was not signed: { $error }

## Checking, in the window: one line per fact, ✔ or ⛔ in front.

verify-working = Checking…
docs-timestamped-file = Timestamped file
docs-signature-unverifiable = Signature cannot be checked ({ $why })
docs-intact-and-valid = Document intact, signature valid
docs-altered-or-invalid = Document changed or signature not valid
docs-certificate-valid = Certificate valid at signing time
docs-certificate-not-valid = Certificate not valid at signing time
docs-issued-by-trusted = Issued by { $issuer }, a trusted authority
docs-issued-by-chain-invalid = Issued by { $issuer }: the certificate of { $at } was not valid at signing time
docs-issued-by-not-trusted = Issued by { $issuer }: authority not trusted
docs-revocation-unavailable = Revocation cannot be established: { $reason }
docs-not-revoked = Not revoked
docs-revocation-not-checked = Revocation not checked
docs-countersignature = Countersignature by { $who }: { $state }
docs-detached-checked = Detached signature, checked against the document "{ $name }" beside it.
docs-detached-missing = This is a detached signature (.p7s) and the original is not beside it under the same name: use "cns-manager verify FILE.p7s --content DOCUMENT".
docs-extract = Extract the document
docs-extracted-to = Document extracted to { $path }
docs-tsl-checking = Checking the trusted list's signature…
docs-authority-not-added = The authority was not added: { $error }.

## Signing with `cns-manager sign`.

sign-no-file = { $path } does not exist or is not a file.
sign-would-replace-document = The signed file cannot replace the document: choose another name with --out.
sign-input-unreadable = Could not read the input: { $error }
sign-pin-invalid = Invalid PIN: nothing was sent to the card.
sign-no-certificate = The card has no certificate to sign with.
sign-card-certificate-expired-on = The card's certificate expired on { $date }: a signature made now would not be valid. Nothing was sent to the card.
sign-reading-progress = Reading the document:
sign-not-signed = The document was not signed.
sign-not-signed-try-in-doubt = { sign-not-signed } { try-counted-unknown }
sign-different-document = The signed file holds a different document from the one given: nothing was signed.
sign-add-to-not-signed-file = The file to add the signature to is not a valid signed file ({ $error }).
sign-pin-blocked-unblock = The PIN is blocked: unblock it with the PUK (cns-manager unblock), then sign again.
