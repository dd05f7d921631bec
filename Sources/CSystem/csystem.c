#define _GNU_SOURCE
#include "csystem.h"

int genpeer_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
    return renameat2(olddirfd, oldpath, newdirfd, newpath, RENAME_NOREPLACE);
}

int genpeer_syncfs(int fd) {
    return syncfs(fd);
}

int genpeer_mkstemp_cloexec(char *path_template) {
    return mkostemp(path_template, O_CLOEXEC);
}
