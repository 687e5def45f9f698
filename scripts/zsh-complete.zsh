# zsh -f scripts/zsh-complete.zsh LINE OUT: types LINE and one Tab into an interactive zsh (in a
# pseudo-terminal, with compinit and the completions installed in zsh's default fpath), then
# prints the command line as the Tab left it (also written to OUT). Used by
# scripts/package-test.sh to prove the packaged completion completes at the first Tab.
zmodload zsh/zpty || exit 2
line=$1 out=$2
rm -f -- $out
export TERM=xterm
zpty comp "zsh -f -i"
zpty -w comp "PS1='> '; autoload -Uz compinit && compinit -u -D"
# Ctrl-T (a key that starts no sequence) writes the line being edited to OUT.
zpty -w comp "show-buffer() { print -r -- \"\$BUFFER\" >| ${(q)out} }; zle -N show-buffer; bindkey '^T' show-buffer"
zpty -w -n comp "$line"$'\t'
# Ask until the Tab has changed the line: at most 5 s (a Tab that does nothing leaves it as typed).
for i in {1..25}; do
    sleep 0.2
    zpty -w -n comp $'\x14'
    sleep 0.05
    [[ -s $out && "$(<$out)" != "$line" ]] && break
done
zpty -d comp
[[ -s $out ]] && cat -- $out
