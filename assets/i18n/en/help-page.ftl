### The "new card" page (PUK blocked or card expired) and the help lines, also shown on the
### Diagnostics page and in the unblock wizard.

# Title of the new card's page.
new-card-title = How to get a new card
# New card page, the warning at the top.
new-card-puk-blocked = With the PUK blocked the card can no longer be unblocked: it must be replaced. This cannot be undone.

# Where to ask for a new card: one list item each.
new-card-online = Online, on the Agenzia delle Entrate website (service «Richiesta duplicato Tessera Sanitaria»), with SPID, CIE or CNS: the new card arrives by post at your home address.
new-card-in-person = In person, at an Agenzia delle Entrate office, with an identity document.
new-card-region = At your Region's or local health authority's (ASL) counters, which also activate the new card's services (PIN and PUK).

# The free help lines: new card, Diagnostics, next to the support report.
help-lines-title = Help lines (free of charge)
help-line-toll-free = Toll-free number 800 030 606
help-line-sistema-ts = Sistema TS 800 030 070
