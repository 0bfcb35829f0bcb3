/* The floor for `pidns-tutor tree` (BENCHMARKS.md): the least a program must do to learn
 * every process's parent and PID namespace from /proc. It lists /proc once, and for each
 * PID opens and reads PID/stat once and reads the PID/ns/pid link once, relative to one
 * descriptor of /proc, and parses nothing. It prints how many stat files it read.
 *
 *   cc -O2 -o floor benches/floor.c && ./floor [PROC]      # PROC defaults to /proc
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *root = argc > 1 ? argv[1] : "/proc";
    DIR *dir = opendir(root);
    if (!dir) {
        perror(root);
        return 1;
    }
    int dfd = dirfd(dir);
    char path[300], buf[4096], link[64];
    long read_ok = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "%s/stat", e->d_name);
        int fd = openat(dfd, path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue; /* the process exited */
        ssize_t n = read(fd, buf, sizeof buf);
        close(fd);
        if (n <= 0)
            continue;
        read_ok++;
        /* Unreadable for others' processes without privilege: tried all the same. */
        snprintf(path, sizeof path, "%s/ns/pid", e->d_name);
        (void)readlinkat(dfd, path, link, sizeof link);
    }
    closedir(dir);
    printf("%ld\n", read_ok);
    return 0;
}
