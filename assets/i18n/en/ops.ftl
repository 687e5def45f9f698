### The use cases below the window and the command line (crates/cns-manager/src/ops): what can
### go wrong outside the card and the file.

# Window, signing a document: the thread that talks to the card did not start (after "The document was not signed:").
ops-worker-gone = the part of the program that talks to the card is not running
