#!/usr/bin/env bash
# Installs Commune Academy into a throw-away root (DESTDIR) with Config/deploy/install.sh, checks where every
# file went and its mode, runs the INSTALLED binary exactly as the unit's ExecStart would (its flags, working
# folder, umask and file limit; the paths moved into the throw-away root), and uninstalls. `make install-test`.
#
#   bash Tests/deploy/install_test.sh BINARY        # BINARY: the release `academy`, its *.resources beside it
#
# The server listens on 127.0.0.1:18084 (INSTALL_TEST_PORT to change). The build folder the binary was built in
# is hidden from it (a private mount namespace, as root), so it must find its templates in the installed copy.
# Everything is under one `mktemp -d` folder, removed at the end (KEEP=1 keeps it). Exit 1 on the first failure.
set -euo pipefail

BINARY=${1:?usage: install_test.sh BINARY}
SOURCE=$(cd "$(dirname "$0")/../.." && pwd)
PORT=${INSTALL_TEST_PORT:-18084}
PREFIX=/usr/local
WORK=$(mktemp -d "${TMPDIR:-/tmp}/academy-install-test.XXXXXX")
DEST=$WORK/root
SERVER_PID=""
passed=0

cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -KILL "$SERVER_PID" 2>/dev/null || true; fi
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    [ -f "$WORK/server.log" ] && { echo "--- last lines of the server's log:" >&2; tail -20 "$WORK/server.log" >&2; }
    echo "$passed passed, 1 failed"
    exit 1
}
ok() { passed=$((passed + 1)); echo "ok $passed - $*"; }
mode() { stat -c %a "$1"; }
# Whether process $1 runs (a child that exited stays a zombie, which kill -0 still finds, until waited for).
alive() {
    local state
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
    [ -n "$state" ] && [ "$state" != Z ]
}
expect_mode() { # PATH MODE
    [ -e "$1" ] || fail "${1#"$DEST"} was not installed"
    [ "$(mode "$1")" = "$2" ] || fail "${1#"$DEST"} has mode $(mode "$1"), expected $2"
}
# The value of KEY= in the installed unit (the last one, as systemd reads it; a line ending in \ goes on).
unit_value() {
    awk -v key="$1=" '{ line = joined ? line " " $0 : $0 }
        /\\$/ { sub(/[ \t]*\\$/, "", line); joined = 1; next } { joined = 0 }
        index(line, key) == 1 { value = substr(line, length(key) + 1); gsub(/[ \t]+/, " ", value) }
        END { print value }' "$UNIT"
}

for tool in curl python3 stat; do command -v "$tool" >/dev/null || fail "$tool is needed (apt-get install $tool)"; done
[ -x "$BINARY" ] || fail "no executable at $BINARY"
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; then fail "port $PORT is already in use"; fi

# ---------------------------------------------------------------- install
mkdir -p "$DEST"
DESTDIR=$DEST PREFIX=$PREFIX sh "$SOURCE/Config/deploy/install.sh" install "$BINARY" > "$WORK/install.log" 2>&1 ||
    { cat "$WORK/install.log" >&2; fail "install.sh install exited non-zero"; }
sed 's/^/    | /' "$WORK/install.log"
ok "install.sh install into DESTDIR=$DEST"

# What it would have done outside DESTDIR: the system user, then systemd.
useradd="useradd --system --user-group --home-dir /var/lib/academy --no-create-home"
useradd="$useradd --shell /usr/sbin/nologin academy"
grep -qF "would run: $useradd" "$WORK/install.log" || fail "the install did not plan the system user academy (useradd --system, nologin)"
for step in "daemon-reload" "enable academy.service" "restart academy.service"; do
    grep -q "would run: systemctl $step (skipped: DESTDIR is set)" "$WORK/install.log" ||
        fail "the install did not plan 'systemctl $step'"
done
ok "with DESTDIR set: useradd and systemctl planned, not run"

# The program.
LIB=$DEST$PREFIX/lib/academy
expect_mode "$LIB/academy" 755
cmp -s "$BINARY" "$LIB/academy" || fail "$PREFIX/lib/academy/academy is not the given binary"
[ -L "$DEST$PREFIX/bin/academy" ] || fail "$PREFIX/bin/academy is not a symbolic link"
[ "$(readlink -f "$DEST$PREFIX/bin/academy")" = "$(readlink -f "$LIB/academy")" ] ||
    fail "$PREFIX/bin/academy does not lead to $PREFIX/lib/academy/academy"
for bundle in $(grep -a -o '[A-Za-z0-9_.-]*\.resources' "$BINARY" | sort -u); do
    [ -d "$LIB/$bundle" ] || fail "resource bundle $bundle not installed beside the binary"
done
[ -f "$LIB/commune-academy_Academy.resources/Resources/templates/layout.mustache" ] ||
    fail "the templates are not in the installed bundle"
ok "binary $PREFIX/lib/academy/academy (0755) with its resource bundles; $PREFIX/bin/academy links to it"

SHARE=$DEST$PREFIX/share/academy
for path in Courses Public Config Config/academy.yaml Config/places Config/deploy/academy.service; do
    [ -e "$SHARE/$path" ] || fail "$PREFIX/share/academy/$path was not installed"
done
expect_mode "$SHARE/Courses" 755
expect_mode "$SHARE/Config/academy.yaml" 644
[ -z "$(find "$SHARE" -name .drafts)" ] || fail "course drafts (.drafts) were copied into $PREFIX/share/academy"
[ -z "$(find "$SHARE" -perm /022 ! -type l)" ] || fail "files under $PREFIX/share/academy are group/world-writable"
diff -rq --exclude=.drafts "$SOURCE/Courses" "$SHARE/Courses" > /dev/null ||
    fail "the shipped Courses differ from the source"
expect_mode "$DEST$PREFIX/share/doc/academy/README.md" 644
ok "$PREFIX/share/academy/{Courses,Public,Config} (read-only, no drafts) and $PREFIX/share/doc/academy"

# Configuration and data.
CONFIG=$DEST/etc/academy/academy.yaml
expect_mode "$DEST/etc/academy" 755
expect_mode "$CONFIG" 640
config_value() { sed -n "s/^$1: //p" "$CONFIG" | tail -1; }
[ "$(config_value data)" = /var/lib/academy ] || fail "academy.yaml does not set data: /var/lib/academy"
[ "$(config_value courses)" = /var/lib/academy/courses ] || fail "academy.yaml does not set courses"
[ -d "$DEST$(config_value public)" ] || fail "academy.yaml's public: $(config_value public) was not installed"
[ -f "$DEST$(config_value places)/tuyen-quang.csv" ] || fail "academy.yaml's places: has no place list"
expect_mode "$DEST/var/lib/academy" 700
for course in "$SOURCE"/Courses/*/course.yaml; do
    slug=$(basename "$(dirname "$course")")
    [ -f "$DEST/var/lib/academy/courses/$slug/course.yaml" ] || fail "live course $slug not copied"
done
ok "/etc/academy/academy.yaml (0640, folders set), /etc/academy/places, /var/lib/academy (0700) with the courses"

# The unit.
UNIT=$DEST/etc/systemd/system/academy.service
expect_mode "$UNIT" 644
read -r -a EXEC <<< "$(unit_value ExecStart)"
[ "${EXEC[0]}" = "$PREFIX/bin/academy" ] || fail "ExecStart runs ${EXEC[0]}, not $PREFIX/bin/academy"
args="serve --config /etc/academy/academy.yaml --data /var/lib/academy --courses /var/lib/academy/courses"
[ "${EXEC[*]:1}" = "$args" ] ||
    fail "ExecStart's arguments are '${EXEC[*]:1}'"
for line in Type=simple User=academy Group=academy Restart=on-failure ProtectSystem=strict ProtectHome=true \
    NoNewPrivileges=true PrivateTmp=true PrivateDevices=true ProtectKernelTunables=true ProtectKernelModules=true \
    ProtectKernelLogs=true ReadWritePaths=/var/lib/academy UMask=0077 "WorkingDirectory=$PREFIX/share/academy" \
    "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" WantedBy=multi-user.target; do
    grep -qx "$line" "$UNIT" || fail "the unit lacks the line $line"
done
[ -n "$(unit_value RestartSec)" ] && [ -n "$(unit_value LimitNOFILE)" ] ||
    fail "the unit lacks RestartSec or LimitNOFILE"
[ "$(unit_value LimitNOFILE)" -gt 4096 ] ||
    fail "LimitNOFILE $(unit_value LimitNOFILE) is not above max_connections 4096"
STOP_SECONDS=$(unit_value TimeoutStopSec | sed 's/s$//')
[[ "$STOP_SECONDS" =~ ^[0-9]+$ ]] || fail "TimeoutStopSec '$(unit_value TimeoutStopSec)' is not a number of seconds"
ok "unit (0644): ExecStart=${EXEC[*]}; sandbox lines present; TimeoutStopSec=${STOP_SECONDS}s"

if command -v systemd-analyze >/dev/null; then
    # verify checks that ExecStart's program exists on this machine: a copy of the unit pointing into DESTDIR.
    sed "s|^ExecStart=$PREFIX/|ExecStart=$DEST$PREFIX/|" "$UNIT" > "$WORK/academy.service"
    systemd-analyze verify "$WORK/academy.service" > "$WORK/verify.log" 2>&1 ||
        { cat "$WORK/verify.log" >&2; fail "systemd-analyze verify found problems in the unit"; }
    [ ! -s "$WORK/verify.log" ] || { cat "$WORK/verify.log" >&2; fail "systemd-analyze verify warned"; }
    exposure=$(systemd-analyze security --offline=true "$WORK/academy.service" 2>/dev/null |
        sed -n 's/.*Overall exposure level for academy.service: \([0-9.]*\).*/\1/p')
    ok "systemd-analyze verify: no problem; security exposure ${exposure:-?} (0 = most locked down, 10 = none)"
else
    echo "# systemd-analyze not found: the unit's syntax was not verified"
fi

# A second install (an upgrade) keeps the administrator's configuration and live courses.
echo "# the administrator's edit" >> "$CONFIG"
touch "$DEST/var/lib/academy/courses/edited-in-browser"
before=$(md5sum < "$CONFIG")
DESTDIR=$DEST PREFIX=$PREFIX sh "$SOURCE/Config/deploy/install.sh" install "$BINARY" > "$WORK/install2.log" 2>&1 ||
    { cat "$WORK/install2.log" >&2; fail "the second install exited non-zero"; }
[ "$(md5sum < "$CONFIG")" = "$before" ] || fail "the second install changed /etc/academy/academy.yaml"
expect_mode "$CONFIG.dist" 640
grep -q "academy.yaml.dist" "$WORK/install2.log" || fail "the second install did not say where the new file went"
[ -e "$DEST/var/lib/academy/courses/edited-in-browser" ] || fail "the second install replaced the live courses"
rm "$DEST/var/lib/academy/courses/edited-in-browser"
ok "reinstall: academy.yaml kept, this version's beside it as academy.yaml.dist; live courses kept"

# ---------------------------------------------------------------- run as the unit would
# Every absolute path in ExecStart and WorkingDirectory moves into DESTDIR; public and places come from the
# installed academy.yaml, whose paths are those of the real system, so they move by environment (which the
# file yields to). The port by environment too: ExecStart sets none.
CMD=()
for word in "${EXEC[@]}"; do
    case "$word" in /*) CMD+=("$DEST$word") ;; *) CMD+=("$word") ;; esac
done
WORKDIR=$DEST$(unit_value WorkingDirectory)
# The build folders the binary would fall back to for its bundles: hidden while it runs.
HIDE=()
for path in $(grep -a -o '/[A-Za-z0-9_./+-]*\.resources' "$BINARY" | sort -u); do
    [ -d "$(dirname "$path")" ] && HIDE+=("$(dirname "$path")")
done
LAUNCH=(env)
if [ "$(id -u)" = 0 ] && unshare --mount --propagation private true 2>/dev/null; then
    LAUNCH=(unshare --mount --propagation private sh -c \
        'while [ "$1" != -- ]; do mount -t tmpfs -o ro,size=4k hidden "$1"; shift; done; shift; exec "$@"' sh \
        "${HIDE[@]}" --)
    hidden="hidden: ${HIDE[*]:-nothing to hide}"
else
    hidden="NOT hidden (needs root and unshare): a missing bundle would go unnoticed"
fi
touch "$WORK/started"
(
    cd "$WORKDIR"
    umask "$(unit_value UMask)"
    # The unit's file limit, or this machine's hard limit when that is lower (a container's may be).
    limit=$(unit_value LimitNOFILE)
    [ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -ge "$limit" ] || limit=$(ulimit -Hn)
    ulimit -n "$limit"
    echo "# umask $(umask), file limit $(ulimit -n)"
    ACADEMY_PUBLIC=$DEST$(config_value public)
    ACADEMY_PLACES=$DEST$(config_value places)
    export ACADEMY_PORT=$PORT ACADEMY_PUBLIC ACADEMY_PLACES
    exec "${LAUNCH[@]}" "${CMD[@]}"
) > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
echo "# started: (cd $WORKDIR; ${CMD[*]}) on port $PORT, pid $SERVER_PID; build folders $hidden"

for _ in $(seq 1 120); do
    alive "$SERVER_PID" || fail "the installed server exited at start"
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz" && break
    sleep 0.5
done
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/healthz")" = 200 ] ||
    fail "/healthz did not answer 200 within 60 s"
[ "$(readlink -f "/proc/$SERVER_PID/exe")" = "$(readlink -f "$LIB/academy")" ] ||
    fail "the process on port $PORT is $(readlink -f "/proc/$SERVER_PID/exe"), not the installed binary"
settings=$(sed -n 's/^# //p' "$WORK/server.log" | head -1)
ok "the installed binary ($PREFIX/lib/academy/academy) answers /healthz 200 ($settings)"

code=$(curl -s -o "$WORK/home.html" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$PORT/")
[ "$code" = 200 ] || fail "GET / answered $code"
grep -qi "<html" "$WORK/home.html" || fail "GET / is not an HTML page"
css=$(grep -o 'href="[^"]*\.css[^"]*"' "$WORK/home.html" | head -1 | sed 's/^href="//; s/"$//')
[ -n "$css" ] || fail "the home page links no stylesheet"
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$PORT$css")" = 200 ] ||
    fail "the stylesheet $css (from the installed Public/) did not answer 200"
ok "home page 200 ($(wc -c < "$WORK/home.html") bytes), its stylesheet $css 200"

code=$(curl -s -o "$WORK/openapi.json" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$PORT/api/v1/openapi.json")
[ "$code" = 200 ] || fail "GET /api/v1/openapi.json answered $code"
paths=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "openapi" in d; print(len(d["paths"]))' \
    "$WORK/openapi.json") || fail "/api/v1/openapi.json is not an OpenAPI document"
ok "/api/v1/openapi.json 200, an OpenAPI document of $paths paths"

DB=$DEST/var/lib/academy/academy.sqlite
[ -f "$DB" ] || fail "no database in the installed data folder /var/lib/academy"
open=$(find "$DEST/var/lib/academy" -perm /077 ! -type l)
[ -z "$open" ] || fail "files in /var/lib/academy are open to others (UMask=0077, courses private): $open"
created=$(find "$DEST/var/lib/academy" -newer "$WORK/started" ! -type d | wc -l)
ok "database and keys created in /var/lib/academy ($created files); nothing there is open to others"

# Stop as systemd does: SIGTERM, then SIGKILL once TimeoutStopSec has passed (a timer of our own).
start=$(date +%s.%N)
kill -TERM "$SERVER_PID"
(
    trap 'kill "$nap" 2>/dev/null; exit 0' TERM
    sleep "$STOP_SECONDS" & nap=$!
    wait "$nap"
    kill -KILL "$SERVER_PID" 2>/dev/null
) &
TIMER_PID=$!
status=0
wait "$SERVER_PID" || status=$?
took=$(python3 -c "import time,sys; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$start")
SERVER_PID=""
if kill -0 "$TIMER_PID" 2>/dev/null; then
    kill "$TIMER_PID"
else
    fail "the server was still running ${STOP_SECONDS}s after SIGTERM (killed)"
fi
wait "$TIMER_PID" 2>/dev/null || true
[ "$status" = 0 ] || fail "the server exited with status $status after SIGTERM, not 0"
grep -q "stopped; database closed" "$WORK/server.log" || fail "the server did not log 'stopped; database closed'"
ok "SIGTERM: exit 0 in ${took}s (TimeoutStopSec=${STOP_SECONDS}s), database closed"

# ---------------------------------------------------------------- uninstall
DESTDIR=$DEST PREFIX=$PREFIX sh "$SOURCE/Config/deploy/install.sh" uninstall > "$WORK/uninstall.log" 2>&1 ||
    { cat "$WORK/uninstall.log" >&2; fail "install.sh uninstall exited non-zero"; }
sed 's/^/    | /' "$WORK/uninstall.log"
for gone in "$PREFIX/bin/academy" "$PREFIX/lib/academy" "$PREFIX/share/academy" "$PREFIX/share/doc/academy" \
    /etc/systemd/system/academy.service; do
    [ ! -e "$DEST$gone" ] && [ ! -L "$DEST$gone" ] || fail "uninstall left $gone"
done
[ -f "$DB" ] || fail "uninstall removed the database"
expect_mode "$DEST/var/lib/academy" 700
[ -f "$DEST/var/lib/academy/courses/$slug/course.yaml" ] || fail "uninstall removed the live courses"
[ -f "$CONFIG" ] || fail "uninstall removed /etc/academy/academy.yaml"
grep -q "kept /var/lib/academy" "$WORK/uninstall.log" || fail "uninstall did not say it kept the data"
ok "uninstall: binary, shared files and unit gone; /var/lib/academy and /etc/academy kept, and said so"

echo "$passed passed, 0 failed"
