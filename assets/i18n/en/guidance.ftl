### "No PIN or PUK?" and "Use the card": the words around the regions' guidance (the regions'
### texts are data, in assets/guidance/*.toml). The window's page and `cns-manager help-pin`
### use the same messages.

## The "No PIN or PUK?" page (and the button that opens it: card status, the unblock wizard
## next to the PUK, PIN blocked, Diagnostics).

# The page's title, and the text of the buttons and links that open it.
guidance-title = No PIN or PUK?
# Under the title (help-pin too): why the program cannot give them.
guidance-intro = The PIN and PUK are not written on the card and no program can read them: the region issues them after checking your identity. Here is where to ask for them.
# The region of the guidance shown (window and help-pin).
guidance-for-region = Guidance for cards of the { $region }
# Window and help-pin: no region known (no card, or a card of no region).
guidance-national-only = No region chosen: below is the guidance that applies throughout Italy.
# Choosing the region when there is no card to read: the label.
guidance-region-label = The card's region
# Choosing the region: the "none" entry.
guidance-region-none = I don't know
# Under the region choice.
guidance-region-choose-hint = Choose the region that activated the card: its logo is on the front of the card.
# A guidance file installed on this computer is not valid (window, help-pin, diagnostics).
guidance-installed-invalid = Some guidance installed on this computer is not valid: showing the guidance built into the program. The details are in Diagnostics.
# The button next to a number or an e-mail address, on screen.
guidance-copy-button = Copy
# The button next to a number or an e-mail address; its name for screen readers.
guidance-copy = Copy { $value }
# After "Copy".
guidance-copied = Copied: { $value }
# Next to a link (tooltip): where it leads.
guidance-opens-in-browser = Opens in the browser: { $url }
# A link did not open.
guidance-open-failed = The browser did not open ({ $error }). Open this address yourself: { $url }
# help-pin, window: when a help line answers.
guidance-hours = Hours: { $hours }

## The command line: cns-manager help-pin.

# help-pin: the region read from the card in the reader.
cli-help-pin-from-card = (Region read from the card in the reader.)
# help-pin with no readable card and no --region.
cli-help-pin-no-card = No card read. For your region's guidance: cns-manager help-pin --region lombardia (or your region's name).
# help-pin --region with a value that is no region.
cli-help-pin-unknown-region = "{ $region }" is not a region: give its name (for example lombardia) or the code in the card number (010 to 200).
# help-pin: the title of the list of services.
cli-help-pin-services = Online services that accept the card
# The command's description (--help, man, completions). cns-manager help-pin
cmd-help-pin = Where and how to get the PIN and PUK, who can help and which online services accept the card, for the region of the card in the reader (reads only the card number, never the tries) or the one given.
# help-pin --region
arg-help-pin-region = The region: its name (lombardia) or the code in the card number (030).
# The man page, ENVIRONMENT section.
man-env-system-guidance-dir = The folder of the system-wide guidance on PIN, PUK and services, instead of /etc/cns-manager/guidance (for tests and packages).
# The man page, FILES section.
man-file-guidance = Guidance on PIN, PUK and services installed by the installer: a file with the same name replaces the built-in one (national.toml, lombardia.toml), a new file adds a region.

## The "Use the card" page: the region's online services, opened in the browser after checking
## that the browser sees the card.

# The page's title and the text of the button that opens it (card status, after a successful
# PIN change or unblock).
services-title = Online services with the card
# Under the title.
services-intro = These online services accept the card: choose "Accedi con TS-CNS" or "Entra con CNS". They open in your browser.
# Under the title and before opening: what will happen.
services-how = Keep the card in the reader while you use the service. When the browser asks, type the card's PIN: the browser asks for it, not this program.
# A service's button.
services-open = Open { $service }
# While the program looks at the browsers.
services-checking = Checking that the browser sees the card…
# The browser sees the card: the button that really opens.
services-ready = The browser sees the card.
# The button that opens the service in the browser, after the check.
services-open-now = Open in the browser
# No browser sees the card.
services-needs-setup = The browser does not see the card yet: unless it is set up, you cannot log in with the card.
# No browser found (neither Firefox nor Chromium).
services-none-found = No Firefox or Chromium found for this user: with another browser, logging in with the card may not work.
# The button that leads to setting up the browser.
services-set-up = Set up the browser
# The button that opens the service although no browser sees the card.
services-open-anyway = Open anyway
# After opening.
services-opened = Opened in the browser: { $service }.
# In demo mode.
services-demo-note = Demo mode: the simulated card logs in to no real service, but you can look at their websites.

## The diagnosis (doctor, the Diagnostics page): the guidance in use.

# The check's title.
doctor-guidance-title = Guidance on PIN, PUK and services
# The check passed: the files in use.
doctor-guidance-files = In use: { $files }.
# A file in use, built into the program.
doctor-guidance-built-in = { $file } (built in)
# A file in use, put there by the installer.
doctor-guidance-installed = { $file } (installed)
# An installed file that is not valid: the error (file, field, problem) and what is done.
doctor-guidance-invalid = { $error }. The guidance built into the program is used instead.
# How to fix it.
doctor-guidance-invalid-fix = Correct the field named (the format is described at the top of national.toml, in the program's sources) or remove the file.
