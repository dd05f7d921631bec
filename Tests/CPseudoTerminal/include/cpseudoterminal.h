// A pseudo-terminal for tests that need genpeer's standard error to be a terminal. The calls
// need _XOPEN_SOURCE, which Glibc's Swift module leaves out.
#ifndef GENPEER_CPSEUDOTERMINAL_H
#define GENPEER_CPSEUDOTERMINAL_H

/// Opens a pseudo-terminal pair in raw mode (bytes pass unchanged). Returns 0 and sets both
/// descriptors (close-on-exec), or -1 with errno set.
int genpeer_open_pseudo_terminal(int *controller, int *terminal);

#endif
