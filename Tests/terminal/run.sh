#!/usr/bin/env bash
# Real-terminal tests of the adalab line editor: drives the built binary in tmux, types keys with
# send-keys, reads the screen with capture-pane, and polls (never fixed sleeps) with a timeout.
#
#   Tests/terminal/run.sh .build/debug/adalab
#
# Prints one line per check and `N passed, M failed` last; exits non-zero if any check failed.
# Needs tmux (3.x). TIMEOUT (seconds, default 5) bounds each wait.
#
# The checks are written against behaviour: a prompt ends with "> " and the cursor waits after
# it, typed text shows after the prompt, a dropped line is never run. What the demo in
# Sources/adalab/main.swift answers (its words, its echo, its `step N`) is isolated in the
# section "Demo-specific expectations" below: change only that section for the real shell.
set -u

if [[ $# -ne 1 || ! -x $1 ]]; then
  echo "usage: $0 PATH-TO-ADALAB-BINARY" >&2
  exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TIMEOUT=${TIMEOUT:-5}
export LC_ALL=C.UTF-8 # for tmux as a client and for this script's string lengths

WORK=$(mktemp -d)
HOME_DIR="$WORK/home"
mkdir -p "$HOME_DIR"
SOCKET="adalab-terminal-tests-$$"
CONF="$WORK/tmux.conf"
cat >"$CONF" <<'EOF'
set -g remain-on-exit on
set -g history-limit 5000
set -g default-terminal screen
set -g status off
set -s exit-empty off
EOF
PANE=adalab:0.0

tm() { tmux -u -L "$SOCKET" -f "$CONF" "$@"; }
cleanup() {
  stop_shell
  tm kill-session -t second 2>/dev/null
  tm kill-server 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# Shell-specific expectations: the words of the real adalab shell.

# A prefix with exactly one completion, and that completion.
DEMO_UNIQUE_PREFIX="ste"
DEMO_UNIQUE_COMPLETION="step"
# A prefix with several completions, and all of them in sorted order.
DEMO_AMBIGUOUS_PREFIX="use ada"
DEMO_AMBIGUOUS_CANDIDATES=(adabelief adadelta adafactor adagrad adam adamax adamw)
# A command that computes for much longer than TIMEOUT unless interrupted.
DEMO_LONG_COMMAND="step 100000000000"

# Succeeds once the shell has answered the line TEXT: a line that is not a prompt appeared
# after the prompt line where TEXT was typed (output, or a one-line error).
demo_answered() {
  screen | awk -v typed="> $1" 'found && index($0, "> ") == 0 && NF { ok = 1 }
    index($0, typed) { found = 1; ok = 0 } END { exit !ok }'
}
# Succeeds once the shell has reported that the long command was interrupted.
demo_reported_interrupt() { screen | grep -q "interrupted at t="; }
# The exit status after SIGTERM (128 + signal number).
DEMO_TERM_STATUS=143
# What the shell prints for piped input "show b" (no terminal: no prompt, no colour).
DEMO_PIPED_INPUT="show b"
DEMO_PIPED_OUTPUT="b = -2"

# ---------------------------------------------------------------------------------------------
# Driving tmux.

# poll SECONDS COMMAND...: runs COMMAND until it succeeds or SECONDS have passed.
poll() {
  local deadline=$(($(date +%s%N) + $1 * 1000000000))
  shift
  while true; do
    "$@" && return 0
    (($(date +%s%N) > deadline)) && return 1
    sleep 0.05
  done
}

# The pane's whole text (scrollback and screen), and the visible screen alone.
screen() { tm capture-pane -p -J -t "$PANE" -S - 2>/dev/null; }
visible() { tm capture-pane -p -t "$PANE" 2>/dev/null; }
# The last non-blank visible row, as "ROW TEXT" (trailing blanks are dropped by tmux).
last_row() { visible | awk '/[^ ]/ { row = NR - 1; text = $0 } END { print row " " text }'; }
cursor() { tm display -p -t "$PANE" '#{cursor_x} #{cursor_y}'; }

# A prompt line is one that contains "> " or ends with ">".
prompt_count() { screen | grep -cE '>( |$)'; }

# The cursor waits at the end of the last row, which ends with "> " + TEXT (TEXT may be empty).
# With a trailing space in TEXT the cursor must sit after it.
line_is() {
  local expected=$1 row text cx cy
  read -r row text < <(last_row)
  [[ $text == *"> ${expected% }" || ($expected == "" && $text == *">") ]] || return 1
  read -r cx cy < <(cursor)
  local trimmed=${expected% }
  local width=${#text}
  [[ $expected == "" || $expected != "$trimmed" ]] && width=$((width + 1))
  [[ $cy == "$row" && $cx == "$width" ]]
}
at_prompt() { line_is ""; }
# A new empty prompt, after COUNT prompt lines had been seen.
at_new_prompt() { at_prompt && (($(prompt_count) > $1)); }

type_text() { tm send-keys -t "$PANE" -l -- "$1"; }
press() { tm send-keys -t "$PANE" "$@"; }
# The shell runs under a small wrapper that records its exit status in STATUS_FILE (tmux's own
# #{pane_dead_status} is unreliable: tmux 3.3a sometimes leaves the exited process unreaped).
# The wrapper shares the shell's process group: it records a TERM or HUP that reaches it (libedit
# once re-sent every signal to the whole group with kill(0, ...)) in STATUS_FILE.signals.
# Each run gets its own file, as the wrapper of a killed session may still write to its own.
cat >"$WORK/launch" <<EOF
#!/usr/bin/env bash
status_file=\$1
trap : INT
trap 'echo TERM >>"\$status_file.signals"' TERM
trap 'echo HUP >>"\$status_file.signals"' HUP
shift
env -u LC_ALL -u LANG -u LC_CTYPE -u NO_COLOR HOME="$HOME_DIR" "\$@" "$BIN"
echo \$? >"\$status_file"
EOF
chmod +x "$WORK/launch"
RUNS=0
STATUS_FILE="$WORK/status.0"

has_exited() { [[ -s $STATUS_FILE ]]; }
exit_status() { cat "$STATUS_FILE" 2>/dev/null; }
is_alive() { ! has_exited; }
shell_pid() { pgrep -P "$(tm display -p -t "$PANE" '#{pane_pid}')"; }

# Ends the running shell (SIGHUP, as when a terminal closes) and waits until it has saved its
# history and exited, so that it cannot write the history file under the next run.
stop_shell() {
  tm kill-session -t adalab 2>/dev/null && poll "$TIMEOUT" has_exited
  return 0
}

# start_shell [VAR=value...]: a fresh tmux session running the binary, with HOME set to the
# temporary home and no locale variables (the shell must find UTF-8 on its own).
start_shell() {
  stop_shell
  RUNS=$((RUNS + 1))
  STATUS_FILE="$WORK/status.$RUNS"
  tm new-session -d -s adalab -x 100 -y 30 "$WORK/launch $STATUS_FILE $*" || return 1
  poll $((TIMEOUT * 2)) at_prompt
}

# enter TEXT: types TEXT and Enter at an idle prompt, then waits for the answer and a new prompt.
enter() {
  local count
  count=$(prompt_count)
  type_text "$1"
  poll "$TIMEOUT" line_is "$1" || return 1
  press Enter
  poll "$TIMEOUT" demo_answered "$1" && poll "$TIMEOUT" at_new_prompt "$count"
}

# ---------------------------------------------------------------------------------------------
# The checks. Each leaves the shell running at an idle prompt or stopped.

check_prompt_ends_with_space_and_cursor() {
  start_shell
}

check_prompt_is_coloured() {
  start_shell || return 1
  tm capture-pane -e -p -t "$PANE" | grep -E '>' | grep -q $'\e\\['
}

check_cursor_editing_with_coloured_prompt() {
  # Unmarked colour escapes would make libedit misplace the cursor on Ctrl-A.
  start_shell || return 1
  type_text "abc"
  press C-a
  type_text "X"
  press C-e
  type_text "Y"
  poll "$TIMEOUT" line_is "XabcY" || return 1
  press Enter
  poll "$TIMEOUT" demo_answered "XabcY"
}

check_no_colour_with_NO_COLOR() {
  start_shell NO_COLOR=1 || return 1
  ! tm capture-pane -e -p -t "$PANE" | grep -q $'\e'
}

check_tab_completes_unique_prefix() {
  start_shell || return 1
  type_text "$DEMO_UNIQUE_PREFIX"
  press Tab
  poll "$TIMEOUT" line_is "$DEMO_UNIQUE_COMPLETION " || return 1
  press C-u
  poll "$TIMEOUT" at_prompt
}

check_tab_lists_several_candidates() {
  start_shell || return 1
  local count pattern
  count=$(prompt_count)
  type_text "$DEMO_AMBIGUOUS_PREFIX"
  press Tab
  pattern=$(printf '%s +' "${DEMO_AMBIGUOUS_CANDIDATES[@]}")
  pattern="^${pattern% +}$"
  poll "$TIMEOUT" eval 'screen | grep -qE "$pattern"' || return 1
  # The prompt and the line are drawn again below the list, cursor at the end.
  poll "$TIMEOUT" eval '(($(prompt_count) > count)) && line_is "$DEMO_AMBIGUOUS_PREFIX"'
}

check_history_recalled_across_runs() {
  start_shell || return 1
  enter "show marker-one" || return 1
  enter "héllo βeta" || return 1
  press C-d
  poll "$TIMEOUT" has_exited || return 1
  [[ -s $HOME_DIR/.adalab_history ]] || return 1
  start_shell || return 1
  press Up
  poll "$TIMEOUT" line_is "héllo βeta" || return 1
  press Up
  poll "$TIMEOUT" line_is "show marker-one" || return 1
  press C-u
  poll "$TIMEOUT" at_prompt
}

check_ctrl_r_searches_history() {
  # Uses the history written by the previous check, in a new run.
  start_shell || return 1
  press C-r
  type_text "marker"
  poll "$TIMEOUT" eval "visible | grep -qF \"(reverse-i-search)'marker': show marker-one\"" || return 1
  press Enter
  poll "$TIMEOUT" demo_answered "show marker-one" && poll "$TIMEOUT" at_prompt
}

check_ctrl_r_starts_from_the_newest_entry() {
  # After browsing with Up, Ctrl-R still searches from the newest entry, readline-style.
  start_shell || return 1
  enter "help step" || return 1
  enter "step 3" || return 1
  press Up
  press Up
  poll "$TIMEOUT" line_is "help step" || return 1
  press C-r
  type_text "ste"
  poll "$TIMEOUT" eval "visible | grep -qF \"(reverse-i-search)'ste': step 3\"" || return 1
  press C-r # the next older match
  poll "$TIMEOUT" eval "visible | grep -qF \"(reverse-i-search)'ste': help step\"" || return 1
  press C-g # give up: the line as it was
  poll "$TIMEOUT" line_is "help step" || return 1
  press C-u
  press C-r
  type_text "ste"
  press C-e # another key keeps the match on the line to edit
  poll "$TIMEOUT" line_is "step 3" || return 1
  type_text "0"
  press Enter
  poll "$TIMEOUT" eval 'visible | grep -q "t=33>"'
}

check_tab_twice_lists_once() {
  start_shell || return 1
  type_text "$DEMO_AMBIGUOUS_PREFIX"
  press Tab
  poll "$TIMEOUT" eval '(($(screen | grep -c "^adabelief ") == 1))' || return 1
  press Tab
  sleep 0.3
  (($(screen | grep -c "^adabelief ") == 1)) || return 1
  type_text "m"
  press Tab # another text: its own list
  poll "$TIMEOUT" eval 'screen | grep -qE "^adam +adamax +adamw$"' || return 1
  press BSpace
  press Tab # back to the first text after another list: list it again
  poll "$TIMEOUT" eval '(($(screen | grep -c "^adabelief ") == 2))' || return 1
  press C-u
  poll "$TIMEOUT" at_prompt
}

check_progress_line_during_a_long_step() {
  # After two seconds a long command shows t, updates/s and the time left on one line,
  # which is gone once the reply is printed.
  start_shell || return 1
  local count
  count=$(prompt_count)
  type_text "$DEMO_LONG_COMMAND"
  press Enter
  poll $((TIMEOUT + 3)) eval 'visible | grep -qE "^t=[0-9]+  [0-9]+ updates/s  about .* left  \(Ctrl-C stops\)$"' ||
    return 1
  press C-c
  poll "$TIMEOUT" demo_reported_interrupt || return 1
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  ! screen | grep -q "updates/s"
}

check_progress_line_during_a_long_compare() {
  start_shell || return 1
  local count
  count=$(prompt_count)
  type_text "compare adam rmsprop steps 100000000"
  press Enter
  poll $((TIMEOUT + 3)) eval 'visible | grep -qE "^2 runs, [0-9]+ of 200000000 updates  [0-9]+ updates/s"' ||
    return 1
  press C-c
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  ! screen | grep -q "updates/s"
}

check_lines_typed_during_a_run_are_kept() {
  # Typed while a command computes: not echoed into its output, run after it, in order.
  start_shell || return 1
  type_text "step 400000"
  press Enter
  poll "$TIMEOUT" eval '! at_prompt' || return 1
  type_text "show t"
  press Enter
  type_text "show b"
  sleep 0.3
  ! screen | grep -q "show t" || return 1
  poll $((TIMEOUT * 4)) eval 'screen | grep -qx "t = 400000"' || return 1
  # The unfinished line waits after the prompt, as if typed there.
  poll "$TIMEOUT" line_is "show b" || return 1
  press Enter
  poll "$TIMEOUT" eval 'screen | grep -qE "^b = "'
}

check_present_mode() {
  # --present: where the lesson is (1/3), each command shown once, skip/back/again, scripted
  # commands in Up history, Tab completing the presenter's words.
  printf '# the first words\nstep 2\nshow t\nshow b\n' >"$WORK/lesson.txt"
  printf '#!/usr/bin/env bash\nexec "$1" --present "%s"\n' "$WORK/lesson.txt" >"$WORK/present"
  chmod +x "$WORK/present"
  # The presenter's prompt ends with "] ", not "> ": start without start_shell's wait for it.
  stop_shell
  RUNS=$((RUNS + 1))
  STATUS_FILE="$WORK/status.$RUNS"
  tm new-session -d -s adalab -x 100 -y 30 "$WORK/launch $STATUS_FILE $WORK/present" || return 1
  poll "$TIMEOUT" eval 'visible | grep -qF "[1/3 next: step 2]"' || return 1
  visible | grep -qx "# the first words" || return 1
  press Enter
  poll "$TIMEOUT" eval 'visible | grep -qF "[2/3 next: show t]"' || return 1
  (($(screen | grep -c "step 2") == 1)) || return 1
  screen | grep -qx "adam t=0> step 2" || return 1
  type_text "skip"
  press Enter
  poll "$TIMEOUT" eval 'visible | grep -qF "[3/3 next: show b]"' || return 1
  type_text "back"
  press Enter
  poll "$TIMEOUT" eval 'visible | grep -qF "t=2> [1/3 next: step 2]"' || return 1
  type_text "ag"
  press Tab
  poll "$TIMEOUT" eval 'last_row | grep -qF "] again"' || return 1
  press Enter
  poll "$TIMEOUT" eval 'visible | grep -qF "t=4> [1/3 next: step 2]"' || return 1
  press Up
  poll "$TIMEOUT" eval 'last_row | grep -qF "] step 2"' || return 1
  press C-u
  press C-d
  poll "$TIMEOUT" has_exited
}

check_empty_line_after_interrupt_does_not_restart() {
  start_shell || return 1
  enter "step 2" || return 1
  local count
  count=$(prompt_count)
  type_text "$DEMO_LONG_COMMAND"
  press Enter
  poll "$TIMEOUT" eval '! at_prompt' || return 1
  sleep 0.3
  press C-c
  poll "$TIMEOUT" demo_reported_interrupt || return 1
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  count=$(prompt_count)
  press Enter # a stray Enter: a new prompt at once, no computation
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  ! screen | tail -3 | grep -q "interrupted"
}

check_ctrl_c_at_prompt_drops_line() {
  start_shell || return 1
  local count
  count=$(prompt_count)
  type_text "dropped-words"
  poll "$TIMEOUT" line_is "dropped-words" || return 1
  press C-c
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  count=$(prompt_count)
  press C-c # a second one, on an empty line
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  is_alive || return 1
  enter "kept-words" || return 1
  # The dropped text only ever appeared on its prompt line.
  ! screen | grep -v '> ' | grep -q "dropped-words"
}

check_ctrl_c_stops_long_computation() {
  start_shell || return 1
  local count
  count=$(prompt_count)
  type_text "$DEMO_LONG_COMMAND"
  press Enter
  # Running: the cursor has left the prompt line.
  poll "$TIMEOUT" eval '! at_prompt' || return 1
  sleep 0.3
  press C-c
  poll "$TIMEOUT" demo_reported_interrupt || return 1
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  is_alive && enter "after-interrupt"
}

check_ctrl_d_exits_with_status_0() {
  start_shell || return 1
  press C-d
  poll "$TIMEOUT" has_exited || return 1
  [[ $(exit_status) == 0 ]]
}

check_window_resize() {
  start_shell || return 1
  type_text "resize-me"
  poll "$TIMEOUT" line_is "resize-me" || return 1
  tm resize-window -t adalab -x 60 -y 20
  tm resize-window -t adalab -x 100 -y 30
  type_text "-ok"
  poll "$TIMEOUT" line_is "resize-me-ok" || return 1
  press Enter
  poll "$TIMEOUT" demo_answered "resize-me-ok" || return 1
  poll "$TIMEOUT" at_prompt || return 1
  # A resize during a computation, then Ctrl-C, then the prompt at the new width.
  local count
  count=$(prompt_count)
  type_text "$DEMO_LONG_COMMAND"
  press Enter
  poll "$TIMEOUT" eval '! at_prompt' || return 1
  tm resize-window -t adalab -x 70 -y 25
  press C-c
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  enter "still-fine"
}

check_utf8_input_intact() {
  start_shell || return 1
  enter "héllo βeta ünï ∑" || return 1
  # Deleting one multi-byte character deletes the whole character.
  type_text "aé"
  press BSpace
  type_text "b"
  poll "$TIMEOUT" line_is "ab" || return 1
  press Enter
  poll "$TIMEOUT" demo_answered "ab"
}

# caret_under TEXT COLUMN: the error's echo of the line reads TEXT on the screen (a tab shown as
# the spaces to its stop) and the row under it is a caret at terminal column COLUMN.
caret_under() {
  screen | awk -v text="$1" -v caret="$(printf '%*s^' "$2" '')" '
    previous == text && $0 == caret { found = 1 } { previous = $0 } END { exit !found }'
}

check_error_caret_under_the_column() {
  # An error in the middle of a typed line: the caret sits under the bad token, also after a
  # tab (typed with Ctrl-V, as Tab completes) and after wide characters (two columns each).
  start_shell || return 1
  enter "set beat2 0.9" || return 1
  poll "$TIMEOUT" caret_under "set beat2 0.9" 4 || return 1
  local count
  count=$(prompt_count)
  type_text "set"
  press C-v Tab
  type_text "beat2 0.9"
  press Enter
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  poll "$TIMEOUT" caret_under "set     beat2 0.9" 8 || return 1
  # (`enter` checks the cursor by characters, so the wide line is typed by hand.)
  count=$(prompt_count)
  type_text "save 日本.txt bogus"
  press Enter
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  poll "$TIMEOUT" caret_under "save 日本.txt bogus" 14 || return 1
  screen | grep -q "found 'bogus'"
}

check_long_error_breaks_between_words() {
  # At 80 columns an error longer than the screen breaks at a blank, indented, not mid-word.
  start_shell || return 1
  enter "use adam:optax" || return 1
  enter "schedule beta2 linear_schedule init_value=0.9 end_value=0.99 transition_steps=10" ||
    return 1
  tm resize-window -t adalab -x 80 -y 30
  local count
  count=$(prompt_count)
  type_text "use momentum:pytorch"
  press Enter
  poll "$TIMEOUT" at_new_prompt "$count" || return 1
  screen | grep -qx "error: expected an optimizer with beta2, found momentum (or 'schedule beta2 off'" &&
    screen | grep -qx "  first)"
}

check_sigterm_saves_history_and_exits() {
  rm -f "$HOME_DIR/.adalab_history"
  start_shell || return 1
  enter "before-term" || return 1
  type_text "partial"
  kill -TERM "$(shell_pid)"
  poll "$TIMEOUT" has_exited || return 1
  [[ $(exit_status) == "$DEMO_TERM_STATUS" ]] || return 1
  grep -q "before-term" "$HOME_DIR/.adalab_history" &&
    ! grep -q "partial" "$HOME_DIR/.adalab_history"
}

# SIGTERM and SIGHUP at the prompt end adalab alone (143, 129): the process group, here the
# wrapper, receives nothing.
check_signals_at_prompt_reach_only_adalab() {
  local signal status
  for signal in TERM HUP; do
    start_shell || return 1
    kill -"$signal" "$(shell_pid)"
    poll "$TIMEOUT" has_exited || return 1
    status=$(exit_status)
    [[ $signal == TERM && $status == 143 || $signal == HUP && $status == 129 ]] || return 1
    [[ ! -s "$STATUS_FILE.signals" ]] || return 1
  done
}

# Two shells with the same HOME: both keep their lines (appended under a lock, not overwritten).
check_two_shells_merge_history() {
  rm -f "$HOME_DIR/.adalab_history"
  start_shell || return 1
  enter "from-first" || return 1
  local second=$WORK/status.second
  rm -f "$second"
  tm new-session -d -s second -x 100 -y 30 "$WORK/launch $second" || { echo "  no second session"; return 1; }
  poll "$TIMEOUT" eval 'tm capture-pane -p -t second:0.0 | grep -q "t=0>"' || { echo "  no second prompt"; return 1; }
  tm send-keys -t second:0.0 -l "from-second"
  tm send-keys -t second:0.0 Enter
  poll "$TIMEOUT" eval 'tm capture-pane -p -t second:0.0 | grep -q "unknown command"' || return 1
  tm send-keys -t second:0.0 C-d
  poll "$TIMEOUT" eval '[[ -s $second ]]' || { echo "  second did not exit"; tm capture-pane -p -t second:0.0; return 1; }
  press C-d
  poll "$TIMEOUT" has_exited || return 1
  grep -q "from-first" "$HOME_DIR/.adalab_history" &&
    grep -q "from-second" "$HOME_DIR/.adalab_history"
}

# A symlinked history file is written through the link; a file that is not adalab's is left as
# it was, with one warning.
check_history_file_link_and_foreign_file() {
  rm -f "$HOME_DIR/.adalab_history" "$WORK/real_history"
  ln -s "$WORK/real_history" "$HOME_DIR/.adalab_history"
  start_shell || return 1
  enter "through-the-link" || return 1
  press C-d
  poll "$TIMEOUT" has_exited || return 1
  [[ -L "$HOME_DIR/.adalab_history" ]] && grep -q "through-the-link" "$WORK/real_history" || return 1
  rm -f "$HOME_DIR/.adalab_history"
  head -c 4096 /dev/urandom >"$WORK/garbage"
  cp "$WORK/garbage" "$HOME_DIR/.adalab_history"
  start_shell || return 1
  screen | grep -q "is not an adalab history file; leaving it alone" || return 1
  enter "kept-in-memory" || return 1
  press C-d
  poll "$TIMEOUT" has_exited || return 1
  cmp -s "$WORK/garbage" "$HOME_DIR/.adalab_history" || return 1
  rm -f "$HOME_DIR/.adalab_history"
}

# `save` over a file this session did not write asks at a terminal; no keeps the file.
check_save_asks_before_replacing() {
  local folder=$WORK/asks
  mkdir -p "$folder"
  printf 'mine\n' >"$folder/s.txt"
  start_shell || return 1
  enter "save $folder/s.txt" 2>/dev/null
  poll "$TIMEOUT" eval 'screen | grep -q "which this session did not write? \[y/N\]"' || return 1
  type_text "n"
  press Enter
  poll "$TIMEOUT" eval 'screen | grep -q "exists and this session did not write it"' || return 1
  [[ $(cat "$folder/s.txt") == mine ]] || return 1
  type_text "save $folder/s.txt"
  press Enter
  poll "$TIMEOUT" eval '(( $(screen | grep -c "did not write? \[y/N\]") == 2 ))' || return 1
  type_text "y"
  press Enter
  poll "$TIMEOUT" eval 'screen | grep -q "^saved "' || return 1
  grep -q "adalab session" "$folder/s.txt"
}

check_piped_input_is_plain() {
  local output
  output=$(printf '%s\n' "$DEMO_PIPED_INPUT" | env HOME="$HOME_DIR" "$BIN") || return 1
  [[ $output != *$'\e'* && $output != *"> "* ]] || return 1
  grep -qxF "$DEMO_PIPED_OUTPUT" <<<"$output"
}

check_empty_line_repeats_step() {
  # As gdb does: Enter on an empty line repeats the last step command.
  start_shell || return 1
  enter "step 2" || return 1
  poll "$TIMEOUT" eval 'visible | grep -q "t=2>"' || return 1
  press Enter
  poll "$TIMEOUT" eval 'visible | grep -q "t=4>"'
}

check_completion_knows_the_language() {
  # Setting names after `set`, quantities after `show`.
  start_shell || return 1
  type_text "set bias_c"
  press Tab
  poll "$TIMEOUT" line_is "set bias_correction " || return 1
  press C-u
  type_text "show m_h"
  press Tab
  poll "$TIMEOUT" eval 'line_is "show m_hat_"' || return 1
  press C-u
  poll "$TIMEOUT" at_prompt
}

# ---------------------------------------------------------------------------------------------

passed=0
failed=0
run_check() {
  if "$1"; then
    passed=$((passed + 1))
    echo "ok - ${1#check_}"
  else
    failed=$((failed + 1))
    echo "FAIL - ${1#check_}"
    echo "  screen (cursor $(cursor 2>/dev/null), exit status '$(exit_status)'):"
    screen | awk '/[^ ]/ { last = NR } { line[NR] = $0 } END { for (i = 1; i <= last; i++) print "  | " line[i] }' | tail -25
  fi
}

checks=(
  check_prompt_ends_with_space_and_cursor
  check_prompt_is_coloured
  check_cursor_editing_with_coloured_prompt
  check_no_colour_with_NO_COLOR
  check_tab_completes_unique_prefix
  check_tab_lists_several_candidates
  check_history_recalled_across_runs
  check_ctrl_r_searches_history
  check_ctrl_r_starts_from_the_newest_entry
  check_tab_twice_lists_once
  check_empty_line_after_interrupt_does_not_restart
  check_progress_line_during_a_long_step
  check_progress_line_during_a_long_compare
  check_present_mode
  check_lines_typed_during_a_run_are_kept
  check_ctrl_c_at_prompt_drops_line
  check_ctrl_c_stops_long_computation
  check_ctrl_d_exits_with_status_0
  check_window_resize
  check_utf8_input_intact
  check_error_caret_under_the_column
  check_long_error_breaks_between_words
  check_sigterm_saves_history_and_exits
  check_piped_input_is_plain
  check_empty_line_repeats_step
  check_completion_knows_the_language
  check_signals_at_prompt_reach_only_adalab
  check_two_shells_merge_history
  check_history_file_link_and_foreign_file
  check_save_asks_before_replacing
)
for check in "${checks[@]}"; do [[ -z ${ONLY:-} || $check == *"$ONLY"* ]] && run_check "$check"; done

echo "$passed passed, $failed failed"
((failed == 0))
