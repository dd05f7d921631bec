// Linux calls that Glibc's Swift module leaves out because they need _GNU_SOURCE.
#ifndef GENPEER_CSYSTEM_H
#define GENPEER_CSYSTEM_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/// renameat2(2) with RENAME_NOREPLACE: fails with EEXIST instead of replacing the destination.
int genpeer_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);

/// syncfs(2): flushes the file system holding fd.
int genpeer_syncfs(int fd);

/// mkostemp(3) with O_CLOEXEC.
int genpeer_mkstemp_cloexec(char *path_template);

#endif
