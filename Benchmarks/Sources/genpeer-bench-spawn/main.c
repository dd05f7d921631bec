// genpeer-bench-spawn: runs one command and reports what it cost, for genpeer-bench.
//
//   genpeer-bench-spawn TIMEOUT_SECONDS STDOUT_FILE STDERR_FILE PROGRAM [ARGUMENT...]
//
// prints one line on its own standard output:
//
//   status S wall_ns W maxrss_kib M utime_us U stime_us T timed_out 0|1
//
// where S is the raw wait status (127 when the command could not be executed; the reason is
// on its standard error).
//
// It exists because Linux carries the high-water RSS of the address space a process had before
// execve into its ru_maxrss. A child that posix_spawn (vfork) starts from genpeer-bench shares
// genpeer-bench's address space until it executes, so its ru_maxrss would never be below
// genpeer-bench's own ~25 MB. This program is C, and fork()s (the child's copy of the address
// space holds only this program's few private pages), so the command's ru_maxrss is its own
// peak, with a floor of about 1 MB. A TIMEOUT_SECONDS above 0 kills the command with SIGKILL
// when it runs longer. Exit status: 0 when the command ran (whatever it returned), 64 usage,
// 71 cannot fork.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

static volatile sig_atomic_t child_pid = 0;
static volatile sig_atomic_t timed_out = 0;

// The child is not reaped until the timer is off, so its pid cannot have been reused here.
static void on_alarm(int signal_number) {
    (void)signal_number;
    if (child_pid > 0) {
        kill((pid_t)child_pid, SIGKILL);
        timed_out = 1;
    }
}

static long long nanoseconds(const struct timespec *time) {
    return (long long)time->tv_sec * 1000000000LL + time->tv_nsec;
}

static long long microseconds(const struct timeval *time) {
    return (long long)time->tv_sec * 1000000LL + time->tv_usec;
}

static int start_timer(double seconds) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_alarm;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGALRM, &action, NULL) != 0) return -1;
    struct itimerval timer;
    memset(&timer, 0, sizeof timer);
    timer.it_value.tv_sec = (time_t)seconds;
    timer.it_value.tv_usec = (suseconds_t)((seconds - (double)(time_t)seconds) * 1e6);
    if (timer.it_value.tv_sec == 0 && timer.it_value.tv_usec == 0) timer.it_value.tv_usec = 1;
    return setitimer(ITIMER_REAL, &timer, NULL);
}

static void stop_timer(void) {
    struct itimerval off;
    memset(&off, 0, sizeof off);
    setitimer(ITIMER_REAL, &off, NULL);
}

// In the forked child: redirects the standard streams and executes the command, or exits 127
// (after saying why on the command's standard error).
static void run_child(const char *stdout_path, const char *stderr_path, char **command) {
    int input = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int output = open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int error = open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (input < 0 || output < 0 || error < 0 || dup2(input, 0) < 0 || dup2(output, 1) < 0 || dup2(error, 2) < 0) _exit(127);
    execvp(command[0], command);
    dprintf(2, "cannot start %s: %s\n", command[0], strerror(errno));
    _exit(127);
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s TIMEOUT_SECONDS STDOUT_FILE STDERR_FILE PROGRAM [ARGUMENT...]\n", argv[0]);
        return 64;
    }
    double timeout = strtod(argv[1], NULL);

    // Start from a clean slate whatever the parent left (a blocked SIGALRM would disable the
    // timeout; an ignored SIGPIPE, SIGINT or SIGTERM would be inherited by the command).
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "cannot fork: %s\n", strerror(errno));
        return 71;
    }
    if (pid == 0) run_child(argv[2], argv[3], &argv[4]);
    child_pid = pid;
    if (timeout > 0 && start_timer(timeout) != 0) {
        kill(pid, SIGKILL);
        fprintf(stderr, "cannot set the timer: %s\n", strerror(errno));
    }

    siginfo_t info;
    while (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) != 0 && errno == EINTR) {}
    clock_gettime(CLOCK_MONOTONIC, &end);
    stop_timer();
    child_pid = 0;

    int status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {}

    printf("status %d wall_ns %lld maxrss_kib %ld utime_us %lld stime_us %lld timed_out %d\n",
           status, nanoseconds(&end) - nanoseconds(&start), usage.ru_maxrss,
           microseconds(&usage.ru_utime), microseconds(&usage.ru_stime), (int)timed_out);
    return 0;
}
