### Errors talking to the reader and the card (TransportError): the command line; a card that does not answer or cannot be read, in the window too.

transport-no-card = No card in the reader. Insert the card with the chip facing the reader.
transport-card-removed = The card was removed during the operation: it may not have completed. Insert the card again and check its state with "cns-manager status".
transport-card-reset = Another program reset the card during the operation. Try again.
transport-card-in-use = Another program is using the card (for example the browser or a signing program). Close it and try again.
# A transaction held longer than cns-pcsc waits.
transport-card-busy = Another program is working with the card right now (for example the browser or a signing program) and did not let go of it within a few seconds. Nothing was sent to the card. Close the other program or wait for it to finish, then try again.
transport-service-lost = The smart card service (pcscd) stopped during the operation: it may not have completed. Once the service runs again (on Linux: sudo systemctl restart pcscd), check the state with "cns-manager status" before trying again.
transport-cancelled = Operation cancelled.
transport-card-unresponsive = The card does not answer. Take it out, check it is the right way up (chip on top) and that the chip is clean, then insert it again.
transport-other = Error communicating with the reader.
card-unreadable = Card not readable: its answers do not follow the standard. Take it out, check that the chip is clean and insert it again; if it happens again the card may be damaged: ask your health authority (ASL) or the regional office.
card-not-cns = This card is not a Tessera Sanitaria – CNS (or cannot be read as one).
card-refused = The card refused the operation.
# Before the chain of causes, for support.
technical-detail = technical detail
