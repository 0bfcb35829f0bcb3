/* newpid.c: run a command as PID 1 of new PID, UTS and IPC
 * namespaces. A corrected version of the blog post's program.
 *
 *   gcc -Wall -Wextra -o newpid newpid.c
 *   sudo ./newpid                    # bash inside (default)
 *   sudo ./newpid sh -c 'echo $$'    # prints 1
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_SIZE (1024 * 1024)

static char child_stack[STACK_SIZE];
static const char *new_name = "namespace";
static pid_t parent_pid;  /* set before clone(): child gets a copy */

static int child_main(void *arg)
{
    char **cmd = arg;

    /* In the new namespace: PID 1, and no parent it can see. */
    printf("child:  pid %d, ppid %d (new namespace)\n", /* [clone] */
           getpid(), getppid());            /* [pid-namespace] */

    /* The parent lives outside: its PID means nothing here. */
    if (kill(parent_pid, 0) == -1)            /* [kill-parent] */
        printf("child:  kill(%d, 0): %s\n", /* [kill-parent] */
               parent_pid, strerror(errno));  /* [kill-parent] */

    /* Pass the name's real length (the post passed 12). */
    if (sethostname(new_name, strlen(new_name))) { /* [hostname] */
        perror("sethostname");
        return 1;
    }
    fflush(stdout);       /* exec would drop buffered output */
    execvp(cmd[0], cmd);
    perror(cmd[0]);
    return 127;
}

int main(int argc, char *argv[])
{
    /* bash, like the post: its prompt shows the new hostname. */
    static char *bash[] = { "/bin/bash", NULL };
    static char *sh[] = { "/bin/sh", NULL };
    char **cmd = argc > 1 ? argv + 1
               : access(bash[0], X_OK) == 0 ? bash : sh;
    int flags = CLONE_NEWPID | CLONE_NEWUTS      /* [namespaces] */
              | CLONE_NEWIPC;                    /* [namespaces] */
    int status;

    parent_pid = getpid();
    printf("parent: pid %d (current namespace)\n", parent_pid);
    fflush(stdout);       /* else the child inherits a copy */

    /* Stacks grow down: hand clone() the END of the buffer. */
    pid_t pid = clone(child_main,                     /* [clone] */
                      child_stack + STACK_SIZE,       /* [clone] */
                      flags | SIGCHLD, cmd);          /* [clone] */
    if (pid == -1) {
        perror("clone");
        return 1;
    }
    printf("parent: child is pid %d out here\n", pid); /* [clone] */
    fflush(stdout);

    if (waitpid(pid, &status, 0) == -1) {
        perror("waitpid");
        return 1;
    }
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
