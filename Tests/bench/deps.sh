#!/bin/sh
# Installs the Debian packages `make bench` / `make crashtest` use, when missing (as root); otherwise says what to run.
# wrk: the load generator; nginx-light: the static-file ceiling; gcc: builds srcaddr.so; sqlite3: for looking
# at the bench database by hand; linux-perf: only for BENCH_PERF=1.
set -e
packages="wrk nginx-light gcc libc6-dev sqlite3 python3"
[ "${BENCH_PERF:-0}" = 1 ] && packages="$packages linux-perf"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || missing="$missing $p"
done
# nginx from another Debian package (nginx, nginx-full, nginx-core) is as good as nginx-light.
case " $missing " in *" nginx-light "*) command -v nginx >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ nginx-light//') ;; esac
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Installing:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
else
  echo "Missing Debian packages. Run as root:"
  echo "  apt-get install -y$missing"
  exit 1
fi
