### La pagina «nuova tessera» (PUK bloccato o tessera scaduta) e i numeri di aiuto, mostrati
### anche nella pagina Diagnostica e nella procedura di sblocco.

# Titolo della pagina della nuova tessera.
new-card-title = Come richiedere una nuova tessera
# Pagina della nuova tessera, l'avviso in alto.
new-card-puk-blocked = Con il PUK bloccato la tessera non può più essere sbloccata: va sostituita. Non è un errore che si possa annullare.

# Dove chiedere una nuova tessera: un punto dell'elenco ciascuno.
new-card-online = Online, sul sito dell'Agenzia delle Entrate (servizio «Richiesta duplicato Tessera Sanitaria»), con SPID, CIE o CNS: la nuova tessera arriva per posta all'indirizzo di residenza.
new-card-in-person = Di persona, in un ufficio dell'Agenzia delle Entrate, con un documento d'identità.
new-card-region = Presso gli sportelli della tua Regione o della tua ASL, che attivano anche i servizi della nuova tessera (PIN e PUK).

# I numeri di aiuto gratuiti: nuova tessera, Diagnostica, accanto al rapporto per l'assistenza.
help-lines-title = Numeri di aiuto (gratuiti)
help-line-toll-free = Numero verde 800 030 606
help-line-sistema-ts = Sistema TS 800 030 070
