/*
 * shim.h: non-variadic wrappers over libedit's native API (histedit.h).
 *
 * Swift cannot call C variadic functions, and el_set, el_get and history are
 * variadic. Each wrapper below fixes one request code and its argument types.
 * Everything uses the narrow (char) API: with a UTF-8 LC_CTYPE, libedit
 * converts to and from wide characters internally, so strings cross this
 * boundary as UTF-8 and the cursor offsets of el_line are byte offsets.
 *
 * Non-variadic libedit functions (el_init is the exception, see below;
 * el_end, el_gets, el_line, el_insertstr, el_deletestr, el_reset, el_resize,
 * el_source, history_init, history_end) are called from Swift directly.
 */
#ifndef ADALAB_CEDITLINE_SHIM_H
#define ADALAB_CEDITLINE_SHIM_H

#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* ---- Locale ---------------------------------------------------------- */

/* Call before el_init, which reads the character set from the locale.
 * Takes the locale from the environment (LC_ALL, LC_*, LANG), keeps numbers
 * formatted the C way (a teaching shell prints 0.5, never 0,5), and, when the
 * environment's character set is not UTF-8 (LANG unset gives "C"), switches
 * LC_CTYPE to C.UTF-8: Swift strings are UTF-8, and without it libedit drops
 * the bytes of é or β. Returns 1 if LC_CTYPE is UTF-8 in the end. */
static inline int adalab_setup_locale(void) {
  setlocale(LC_ALL, "");
  setlocale(LC_NUMERIC, "C");
  if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
    setlocale(LC_CTYPE, "C.UTF-8");
  return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

/* ---- Editor ----------------------------------------------------------- */

/* el_init on the standard streams. Swift 6 rejects reading the C globals
 * stdin/stdout/stderr (shared mutable state), so they are named here. */
static inline EditLine *adalab_el_init(const char *program) {
  return el_init(program, stdin, stdout, stderr);
}

/* Flushes stdout, the stream libedit writes the prompt and line to. */
static inline void adalab_flush_stdout(void) { fflush(stdout); }

/* fflush(stdout): 0, or EOF with errno set (a full disk, a closed stream). */
static inline int adalab_flush_standard_output(void) { return fflush(stdout); }

/* Whether a write to stdout has failed since the start (ferror). */
static inline int adalab_standard_output_failed(void) { return ferror(stdout); }

/* Writes text to stdout (the same FILE libedit uses, so output interleaves
 * in order). */
static inline void adalab_write_stdout(const char *text) { fputs(text, stdout); }

/* The prompt function, and the character that brackets non-printing bytes in
 * the prompt (colour escapes): libedit prints them but does not count them as
 * columns, so the cursor lands where the text really ends. */
static inline int adalab_el_set_prompt(EditLine *e, char *(*prompt)(EditLine *),
                                       char ignore) {
  return el_set(e, EL_PROMPT_ESC, prompt, ignore);
}

/* Key bindings: "emacs" or "vi". */
static inline int adalab_el_set_editor(EditLine *e, const char *mode) {
  return el_set(e, EL_EDITOR, mode);
}

/* With on != 0, libedit installs its own handlers for SIGINT, SIGTERM,
 * SIGHUP, SIGTSTP, SIGCONT, SIGWINCH, ... for the duration of el_gets: they
 * restore the terminal, then re-deliver the signal with kill(0, signo), which
 * reaches the whole process group (the parent shell of a script too). adalab
 * leaves it off and reads characters itself (adalab_el_set_getc). */
static inline int adalab_el_set_signal(EditLine *e, int on) {
  return el_set(e, EL_SIGNAL, on);
}

/* The function el_gets reads each character with: it returns 1 with the
 * character, 0 at end of input, -1 on error (errno says which; EINTR for an
 * interrupted read, which ends el_gets). */
static inline int adalab_el_set_getc(EditLine *e, int (*getc)(EditLine *, wchar_t *)) {
  return el_set(e, EL_GETCFN, getc);
}

/* An opaque pointer handed back to callbacks (prompt, user functions). */
static inline int adalab_el_set_clientdata(EditLine *e, void *data) {
  return el_set(e, EL_CLIENTDATA, data);
}

static inline void *adalab_el_get_clientdata(EditLine *e) {
  void *data = NULL;
  if (el_get(e, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}

/* Registers a user function under a name (as `bind` and ~/.editrc see it).
 * The function returns one of the CC_* codes of histedit.h. */
static inline int adalab_el_add_function(EditLine *e, const char *name,
                                         const char *help,
                                         unsigned char (*function)(EditLine *, int)) {
  return el_set(e, EL_ADDFN, name, help, function);
}

/* Binds a key sequence ("^I", "^R", "\\e[A") to a named editor command or a
 * user function, like `bind KEY COMMAND` in ~/.editrc. */
static inline int adalab_el_bind(EditLine *e, const char *key, const char *command) {
  return el_set(e, EL_BIND, key, command, (const char *)NULL);
}

/* Connects a history to the editor so that Up/Down and Ctrl-R use it. */
static inline int adalab_el_set_history(EditLine *e, History *h) {
  return el_set(e, EL_HIST, history, h);
}

/* Width of the terminal in columns, as libedit knows it (80 if unknown). */
static inline int adalab_el_columns(EditLine *e) {
  int columns = 0;
  if (el_get(e, EL_GETTC, "co", &columns, (void *)NULL) != 0 || columns <= 0)
    return 80;
  return columns;
}

/* ---- History ---------------------------------------------------------- */
/* Each returns history()'s result: 0 (or a count) on success, -1 on error. */

static inline int adalab_history_set_size(History *h, int size) {
  HistEvent event;
  return history(h, &event, H_SETSIZE, size);
}

static inline int adalab_history_get_size(History *h) {
  HistEvent event;
  if (history(h, &event, H_GETSIZE) != 0) return 0;
  return event.num;
}

/* With unique != 0, H_ENTER ignores a line equal to the most recent entry. */
static inline int adalab_history_set_unique(History *h, int unique) {
  HistEvent event;
  return history(h, &event, H_SETUNIQUE, unique);
}

static inline int adalab_history_enter(History *h, const char *line) {
  HistEvent event;
  return history(h, &event, H_ENTER, line);
}

static inline int adalab_history_load(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_LOAD, path);
}

/* Writes the whole history (libedit's own vis(3)-encoded format) to an open
 * stream; the caller owns atomicity (temporary file, then rename). */
static inline int adalab_history_save_fp(History *h, FILE *file) {
  HistEvent event;
  return history(h, &event, H_SAVE_FP, file);
}

/* Iteration, oldest entry first: adalab_history_oldest, then
 * adalab_history_newer until it returns NULL. Moves the history cursor, which
 * el_gets resets at the start of each line. */
static inline const char *adalab_history_oldest(History *h) {
  HistEvent event;
  return history(h, &event, H_LAST) == 0 ? event.str : NULL;
}

static inline const char *adalab_history_newer(History *h) {
  HistEvent event;
  return history(h, &event, H_PREV) == 0 ? event.str : NULL;
}

/* ---- Signals ---------------------------------------------------------- */

/* sigaction with an empty mask. restart != 0 sets SA_RESTART so that slow
 * system calls interrupted by the signal resume instead of failing with
 * EINTR. Returns 0 on success. */
static inline int adalab_install_signal_handler(int signo, void (*handler)(int),
                                                int restart) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = restart ? SA_RESTART : 0;
  return sigaction(signo, &action, NULL);
}

/* Removes signo from this thread's blocked signals: a parent may have spawned
 * adalab with signals blocked, and a blocked SIGTERM would never reach its
 * handler. Returns 0 on success. */
static inline int adalab_unblock_signal(int signo) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signo);
  return sigprocmask(SIG_UNBLOCK, &set, NULL);
}

#endif
