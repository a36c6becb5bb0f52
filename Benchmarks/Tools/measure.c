/* measure: runs a command as a child and reports its wall time and its own peak memory.
 *
 * Usage: measure REPORT_FILE PROGRAM [ARGUMENTS...]
 * Runs PROGRAM (found on PATH) with its standard streams inherited, waits for it with wait4, and
 * writes one line to REPORT_FILE:  wall_s=1.234567 max_rss_kib=5678 status=0
 * status is the child's exit status, or 128 + the signal that ended it. measure exits 0 when the
 * child exited 0, 3 when the child failed (the report is written either way), 2 on a usage or
 * system error (no report).
 *
 * Why not the benchmark process's own VmHWM: it only ever grows, so rungs measured in one
 * process would all report the largest so far. ru_maxrss of wait4 is the child's alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: measure REPORT_FILE PROGRAM [ARGUMENTS...]\n"); return 2; }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t child = fork();
    if (child < 0) { perror("measure: fork"); return 2; }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        perror("measure: exec");
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(child, &status, 0, &usage) < 0) { perror("measure: wait4"); return 2; }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double wall = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *report = fopen(argv[1], "w");
    if (!report) { perror("measure: report file"); return 2; }
    fprintf(report, "wall_s=%.6f max_rss_kib=%ld status=%d\n", wall, usage.ru_maxrss, code);
    fclose(report);
    return code == 0 ? 0 : 3;
}
