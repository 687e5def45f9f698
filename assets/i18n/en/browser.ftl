### Using the card in the browser: the window's page and `cns-manager browser-setup` say the same
### facts with the same messages. $surface is "window" or "cli" (the command line): only the
### next step changes (press a button or run the command again).

## The state of a browser database (window, browser-setup, diagnosis).

browser-db-registered = Sees the card: the module is registered.
browser-db-via-p11kit = Sees the card through p11-kit (the p11-kit proxy is registered).
browser-db-stale = Does not see the card: the registered module ({ $library }) no longer exists.
browser-db-missing = Does not see the card: the module is not registered.
browser-db-old-format = Database in the old format: open and close the browser once, then check again.
browser-db-unreadable = Module list cannot be read: { $reason }
# A Firefox profile's name; $browser is the browser's name (a brand).
browser-firefox-profile = { $browser } – profile "{ $profile }"

## Window and browser-setup.

# The next step after closing or opening the browser.
browser-then-check-again =
    { $surface ->
        [cli] run this again.
       *[window] press "Check again".
    }
# No database found.
browser-none-found = No browser found: no Firefox profile and no Chromium or Chrome database (~/.pki/nssdb). Open the browser once, close it, then { browser-then-check-again }
# Firefox is open with the profile to change.
browser-firefox-open = Firefox is open with this profile: close it completely (its database cannot be changed while in use), then { browser-then-check-again }
# Where the card's PKCS#11 module is.
browser-module-at = The card's module (PKCS#11): { $path }
browser-module-not-at = The card's module (PKCS#11) is missing: { $path }
browser-module-not-installed = The card's module (PKCS#11) is not installed: install the cns-manager package, or name the file with CNS_PKCS11_MODULE or pkcs11_module in the settings.
# The question before registering the module; $db is the browser or the profile.
browser-register-question = Register the card's module in { $db }?
# The outcome of a registration.
browser-registered-restart = Done: the module is registered. Restart the browser so that it sees the card.
browser-already-registered = It was already registered: nothing to do.
browser-not-registered = Not registered: { $reason }
browser-module-file-absent = the module { $path } does not exist.

## The window only.

# The page's title and the button on the Diagnostics page.
browser-page-title = Use the card in the browser
browser-intro = To log in to online services with the card (health record, tax office, regional portals) the browser must know the card's module. Here you see which browsers on this computer already know it, and you can add it where it is missing.
browser-close-firefox-first = Close Firefox before registering the module: its database cannot be changed while it is open. Then open the browser again.
browser-checking = Checking the browsers…
browser-registering = Registering…
# After the question, in the window.
browser-must-be-closed = The browser must be closed.
browser-yes-register = Yes, register
browser-register-button = Register the module
# Hint on the "Register the module" button.
browser-asks-first = Asks before changing anything.
browser-module-missing-short = The card's module is missing.
browser-p11kit-registered = p11-kit: the module is registered, programs using p11-kit see the card.
browser-check-again = Check again
# The page in demo mode.
browser-demo-notice = Demo mode: the simulated card is not used in browsers, and a demo changes nothing in this computer's browsers. To register your card's module, leave the demo mode and insert the card.

## browser-setup only.

# Where the module comes from, in brackets after the path.
browser-module-from-env = from CNS_PKCS11_MODULE
browser-module-from-settings = from the settings (pkcs11_module)
browser-module-from-installed = installed
browser-module-from-beside-program = beside the program
# The answers of the yes/no question (the first letter of "yes").
cli-yes-no = [y/N]
# The final summary.
browser-summary-all-see = Result: every browser found sees the card.
browser-summary-missing =
    { $n ->
        [one] Result: one browser does not see the card yet.
       *[other] Result: { $n } browsers do not see the card yet.
    }
browser-summary-how-to-register = To register the module: cns-manager browser-setup
browser-summary-no-module = Nothing was registered: the PKCS#11 module is missing.
browser-summary-not-asked = Nothing was registered without asking: run the command in a terminal, or add --yes.

# On Windows: why Chrome and Edge are not in the list (browser-setup, the browser page, the diagnostics).
browser-chromium-windows = Chrome and Edge on Windows do not use this module: they see the card through Windows' certificate store and the card's driver (minidriver), which Windows Update installs by itself the first time the card is inserted. There is nothing to register for them.
