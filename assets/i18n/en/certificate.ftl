### The authentication certificate's page: whom it names, who issued it, how long it lasts,
### whether it matches the card, and export.

# Title of the certificate's page.
cert-title = Authentication certificate

# Certificate page, names of the rows.
cert-subject = Subject
cert-issuer = Issuer
cert-valid = Valid
cert-key = Key
cert-fingerprint = SHA-256 fingerprint
# Certificate page, the validity period; the dates are already written.
cert-valid-from-to = from { $from } to { $to }

# Certificate page, the comparison with the card's data.
cert-match-heading = Match with the card
cert-card-number = Card number
cert-personal-data-hash = Personal data hash

# Certificate page, the result of a comparison.
cert-check-matches = matches
cert-check-mismatch = does not match
cert-check-unavailable = cannot be checked
cert-hash-matches-with-header = matches (computed with the file header)
cert-hash-matches-without-header = matches (computed without the file header)

# Certificate page, in counter mode instead of the export buttons.
cert-counter-no-save = In counter mode nothing is saved to disk.
# Certificate page, when the system's file chooser is missing.
cert-no-file-chooser = The file chooser is not available. Save the certificate to this path:
cert-save = Save
cert-export-pem = Export PEM…
cert-export-der = Export DER…

# Button at the bottom of the certificate's and the new card's pages.
page-back-to-card = Back to the card's state
