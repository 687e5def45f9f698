### I casi d'uso sotto la finestra e la riga di comando (crates/cns-manager/src/ops): ciò che
### può andare storto fuori dalla tessera e dal file.

# Finestra, firma di un documento: il thread che parla con la tessera non è partito (dopo "Il documento non è stato firmato:").
ops-worker-gone = la parte del programma che parla con la tessera non è attiva
