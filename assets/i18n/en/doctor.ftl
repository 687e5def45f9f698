### The doctor (cns-manager doctor and the Diagnostics page) and the support report.
### The per-system words on the service and the driver are in service.ftl.

level-warning = WARNING
level-problem = PROBLEM
doctor-service-title = Smart card service (PC/SC)
doctor-service-demo = Demo mode: the simulated card is used, the smart card service is not needed.
doctor-service-ok = Running and reachable from this session.
doctor-activation-title = Service start on demand
doctor-activation-off = pcscd.socket is not enabled: after a restart the service may not start by itself.
doctor-ccid-title = Reader driver (CCID)
doctor-ccid-installed = Installed.
doctor-ccid-missing = The CCID driver is not installed: USB readers are not seen.
readers-title = Readers
doctor-reader-model-known = Model supported by the CCID driver.
doctor-reader-model-unknown = Model not in the CCID driver's list (a vendor's driver or a virtual reader).
doctor-reader-model-unknown-fix = If the card is not read, try a CCID reader (the list is at ccid.apdu.fr).
doctor-card-expired = The card has expired.
doctor-card-expired-fix = Ask your ASL or Region for a new card.
doctor-puk-blocked = PUK blocked.
doctor-puk-blocked-fix = The card must be replaced: ask your ASL.
doctor-pin-blocked = PIN blocked.
doctor-pin-blocked-fix = Unblock it with the PUK: cns-manager unblock
doctor-card-unreadable-fix = Take the card out, check that the chip is clean and insert it again; if it happens again, send the support report.
doctor-card-other-kind = a card of another kind
doctor-not-cns-fix = Insert the Tessera Sanitaria – CNS (the one with the gold chip).
doctor-cns-in-other-reader = A Tessera Sanitaria – CNS is in another reader: that one is used.
doctor-card-busy = Another program keeps the card busy in a transaction that does not end.
doctor-card-exclusive = Another program holds the card exclusively (SCARD_E_SHARING_VIOLATION).
doctor-card-in-use-fix = Close the other programs using the card (browser, signing software, the Region's software) and try again; or take the card out and insert it again.
doctor-card-no-contact-fix = Take the card out, check that the chip is clean and insert it again.
doctor-settings-system = System-wide settings
doctor-settings-user = User settings
doctor-settings-no-location = No location on this platform.
doctor-settings-invalid-fix = Fix it (allowed keys: lang = "it"|"en", preferred_reader, mode = "normal"|"counter", zoom, pkcs11_module) or delete it.
doctor-origin-user = user
doctor-origin-system = system
doctor-origin-default = default
doctor-settings-effective = Settings in effect
doctor-browser-no-module-fix = Install the cns-manager package (it holds the PKCS#11 module), then: cns-manager browser-setup
doctor-browser-firefox-running-fix = Close Firefox, then: cns-manager browser-setup (or the "Use the card in the browser" page)
doctor-browser-setup-fix = cns-manager browser-setup (or the "Use the card in the browser" page)
how-to-fix = How to fix
version-not-found = not found
versions = Versions
doctor-result-ok = Result: no problem.
doctor-no-problem = no problem
report-title = cns-manager – support report
report-created = Created
report-system = System
report-demo = Demo mode (simulated card)
report-checks = Checks
report-no-readers = (none)
report-card-present = card present
report-mute-card = mute card
report-empty = empty
report-cards = Cards
report-no-cards = (none read)
report-yes = yes
report-no = no
report-marker = Marker
report-generation = Generation
report-readable = Readable
report-card-number = Card number (region digits only)
report-apdu-trace = APDU trace of the status read (answer data and secrets redacted)
report-not-contained = What it does not contain
report-not-contained-list = No name, codice fiscale, birth date or place, address, full card number, certificate subject, PIN or PUK.
diagnostics-report-file-name = cns-manager-report.txt
diagnostics-title = Diagnostics
diagnostics-intro = Checks the smart card service, the driver, the readers, the cards and the settings, and says how to fix each problem.
diagnostics-demo-note = The window shows the simulated card, but these checks are about this computer's real system.
diagnostics-checking = Checking…
diagnostics-no-problem = No problem found.
diagnostics-prepare-report = Prepare the support report
diagnostics-check-again = Check again
diagnostics-report-title = Support report
diagnostics-report-intro = This is everything the report contains, before you save it: no name, codice fiscale, birth date or place, address, full card number, certificate subject, PIN or PUK. Save it, then send the file to the help desk that asked for it (by e-mail, as an attachment).
diagnostics-save-to = Save to:
diagnostics-file-path = file path
diagnostics-save = Save the report

## With variables: $error is the technical chain of causes, $file a path.

doctor-service-error = The service answered with an error: { $error }
doctor-ccid-version = Installed, version { $version }.
doctor-reader-without-driver = A USB reader is plugged in ({ $interfaces } smart card interfaces) but the service does not see it: its driver is missing.
doctor-readers-ok =
    { $count ->
        [one] 1 reader, bound to a driver.
       *[other] { $count } readers, each bound to a driver.
    }
doctor-card-title = Card in "{ $reader }"
# $chip and $mask: the makers of the chip and of its operating system; $mask_version in hexadecimal.
doctor-card-generation = chip { $chip }, operating system { $mask } { $mask_version }, application { $app }
doctor-card-ok = TS-CNS recognised and readable: profile { $profile }; { $generation }.
doctor-card-unreadable = Recognised as { $profile } but not readable: { $error }
doctor-card-other-italian = a "{ $marker }" card
# $what: doctor-card-other-italian or doctor-card-other-kind.
doctor-not-cns = Not a Tessera Sanitaria – CNS: it is { $what }.
doctor-card-no-contact = Cannot talk to the card: { $error }
doctor-settings-absent = { $file }: not present.
doctor-settings-valid = { $file }: valid, sets { $keys }.
doctor-settings-invalid = { $file } is not valid and is ignored: { $error }
doctor-settings-unreadable = { $file } cannot be read: { $error }
doctor-settings-effective-detail = { $list }. The user's file overrides the system-wide one, field by field.
doctor-problems =
    { $count ->
        [one] 1 problem
       *[other] { $count } problems
    }
doctor-warnings =
    { $count ->
        [one] 1 warning
       *[other] { $count } warnings
    }
# $problems: doctor-problems or doctor-no-problem; $warnings: doctor-warnings.
doctor-result = Result: { $problems }, { $warnings }.
doctor-report-saved = Support report saved to { $file } (no personal data, no secrets).
diagnostics-problems-found =
    { $count ->
        [one] Found 1 problem.
       *[other] Found { $count } problems.
    }
diagnostics-report-saved = Report saved to { $file }
diagnostics-report-not-saved = The report was not saved: { $error }
