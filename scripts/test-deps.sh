#!/usr/bin/env bash
# Installs the programs the tests drive, with apt-get, and only those missing: running it
# again changes nothing. Needs root (or sudo) on Debian or Ubuntu; elsewhere install the
# same programs with your package manager (the list below says which package has which).
#
#   tmux                  the real-terminal tests (tests/tui_pty.rs)
#   ps (procps)           tree's checks against ps -e
#   pstree (psmisc)       the peer the tree benchmark and tests compare with
#   unshare, setpriv      sandboxes and the unprivileged path (tests/refused.rs,
#     (util-linux)        tests/agent_refuses.rs, tests/procs_vs_procfs.rs, ...)
#   nsenter, setsid       the learner's stand-in shell and the ways through the tasks
#     (util-linux)        (tests/tasks_live.rs, tests/tasks_orphan.rs)
#   perl (perl-base)      sets a subreaper from the shell (tests/tasks_orphan.rs)
#   hostname              the agent's by-hand tests read and set the hostname
#   gcc (gcc, libc6-dev)  compiles assets/newpid.c (tests/newpid_c.rs)
#   bash, zsh, fish       load and query the completion scripts (tests/completions_man.rs)
#   man (man-db)          renders the manual page (the same test)
#   chromium              renders report --html headless (tests/report_html.rs)
set -euo pipefail

# command:package pairs; a package may serve several commands.
needs=(
  tmux:tmux
  /usr/bin/time:time
  ps:procps
  pstree:psmisc
  unshare:util-linux
  setpriv:util-linux
  nsenter:util-linux
  setsid:util-linux
  perl:perl-base
  hostname:hostname
  gcc:gcc
  stat:coreutils
  sleep:coreutils
  bash:bash
  zsh:zsh
  fish:fish
  man:man-db
  chromium:chromium
)

missing=()
for need in "${needs[@]}"; do
  command=${need%%:*} package=${need##*:}
  if ! command -v "$command" >/dev/null 2>&1 && [[ " ${missing[*]} " != *" $package "* ]]; then
    missing+=("$package")
  fi
done
# gcc needs the C library's headers to build newpid.c.
if command -v gcc >/dev/null 2>&1 && ! echo '#include <sched.h>' | gcc -E - >/dev/null 2>&1; then
  missing+=(libc6-dev)
elif [[ " ${missing[*]} " == *" gcc "* ]]; then
  missing+=(libc6-dev)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "test-deps: everything the tests need is installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: missing ${missing[*]}, and this is not a Debian-like system: install them by hand" >&2
  exit 1
fi
install="apt-get install -y --no-install-recommends ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    # Debian's minimal installs have no sudo: say what root should run, and stop.
    echo "test-deps: missing ${missing[*]}; as root, run:" >&2
    echo "  apt-get update && $install" >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "test-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive $install -qq
