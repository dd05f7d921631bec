#define _XOPEN_SOURCE 600
#define _DEFAULT_SOURCE
#include "cpseudoterminal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

int genpeer_open_pseudo_terminal(int *controller, int *terminal) {
    int control = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (control < 0) return -1;
    const char *name = NULL;
    if (grantpt(control) != 0 || unlockpt(control) != 0 || (name = ptsname(control)) == NULL) goto fail;
    int other = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (other < 0) goto fail;
    struct termios settings;
    if (tcgetattr(other, &settings) != 0) {
        close(other);
        goto fail;
    }
    cfmakeraw(&settings);
    tcsetattr(other, TCSANOW, &settings);
    *controller = control;
    *terminal = other;
    return 0;
fail:;
    int saved = errno;
    close(control);
    errno = saved;
    return -1;
}
