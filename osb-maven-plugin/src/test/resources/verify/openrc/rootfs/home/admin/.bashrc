# admin shell settings
export EDITOR=vim
