#!/bin/sh
# Installs Commune Academy as a systemd service, or removes it (DEPLOYING.md). Called by `make install` and
# `make uninstall`; run as root:
#
#   sh Config/deploy/install.sh install BINARY     # BINARY: the release build of `academy`
#   sh Config/deploy/install.sh uninstall
#
# PREFIX (default /usr/local) is where the program goes; DESTDIR (default empty) is a root folder to install
# under instead of / (for packaging and for Tests/deploy/install_test.sh). With DESTDIR set nothing outside it
# is touched: no user is created and systemctl is not run; the script prints what it would have done.
#
# Layout (Debian conventions for software a local administrator installs, FHS 4.9 and 5.8):
#   PREFIX/lib/academy/academy       the binary, with the resource bundles it loads from beside itself
#   PREFIX/bin/academy               a symbolic link to it (on PATH)
#   PREFIX/share/academy/            Courses/ Public/ Config/ as shipped: read-only, replaced by each install
#   PREFIX/share/doc/academy/        README.md DEPLOYING.md VERIFYING.md
#   /etc/academy/academy.yaml        the configuration: never overwritten (a newer one goes beside it as .dist)
#   /etc/academy/places/             the place lists: copied once, then the administrator's
#   /var/lib/academy/                the data folder (database, keys, backups), 0700, owned by academy
#   /var/lib/academy/courses/        the live courses (edited in the browser), copied once from the shipped ones
#   /etc/systemd/system/academy.service
set -eu

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
SERVICE_USER=academy
CONFIG_DIR=/etc/academy
DATA_DIR=/var/lib/academy
UNIT_DIR=/etc/systemd/system
HERE=$(cd "$(dirname "$0")" && pwd)
SOURCE=$(cd "$HERE/../.." && pwd)

fail() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "  $*"; }

case "$PREFIX" in /*) ;; *) fail "PREFIX must be an absolute path, not '$PREFIX'" ;; esac
PREFIX=${PREFIX%/}
[ -n "$PREFIX" ] || fail "PREFIX must not be /"
case "$DESTDIR" in "" | /*) ;; *) fail "DESTDIR must be an absolute path, not '$DESTDIR'" ;; esac
DESTDIR=${DESTDIR%/}
[ -n "$DESTDIR" ] || [ "$(id -u)" = 0 ] || fail "run as root (or set DESTDIR to install under another root)"

LIB=$PREFIX/lib/academy
SHARE=$PREFIX/share/academy
DOC=$PREFIX/share/doc/academy

# systemd is in charge only on a machine booted with it, and never for a DESTDIR install.
systemd_running() { [ -z "$DESTDIR" ] && [ -d /run/systemd/system ]; }
systemctl_run() {
    if systemd_running; then
        systemctl "$@"
    elif [ -n "$DESTDIR" ]; then
        say "would run: systemctl $* (skipped: DESTDIR is set)"
    else
        say "not run: systemctl $* (systemd is not running on this machine)"
    fi
}

# copy_tree FROM INTO NAME...: copies FROM/NAME into INTO/NAME (replacing it), leaving out course drafts, and
# makes the copies readable by everyone and writable by their owner only.
copy_tree() {
    from=$1; into=$2; shift 2
    mkdir -p "$into"
    for name in "$@"; do rm -rf "${into:?}/$name"; done
    tar -C "$from" --exclude=.drafts --exclude=__pycache__ -cf - "$@" | tar -C "$into" --no-same-owner -xf -
    for name in "$@"; do chmod -R u+rwX,go+rX,go-w "$into/$name"; done
}

# The configuration for this layout: the shipped file, with the folders set to where they are installed.
write_config() {
    {
        echo "# $CONFIG_DIR/academy.yaml: written by \`make install\` from Config/academy.yaml (DEPLOYING.md)."
        echo "# The service runs  academy serve --config $CONFIG_DIR/academy.yaml --data $DATA_DIR"
        echo "#   --courses $DATA_DIR/courses  (flags win over this file). data and courses are set below too, so"
        echo "# that commands run by hand reach the same data: runuser -u academy -- academy ... --config THIS_FILE."
        echo "# To move them, change the unit as well (systemctl edit academy: ExecStart and ReadWritePaths)."
        echo "# An upgrade never overwrites this file: the new version's copy goes beside it as academy.yaml.dist."
        echo
        sed -e "s|^# data: data\$|data: $DATA_DIR|" \
            -e "s|^# courses: Courses\$|courses: $DATA_DIR/courses|" \
            -e "s|^# public: Public\$|public: $SHARE/Public|" \
            -e "s|^# places: Config/places\$|places: $CONFIG_DIR/places|" \
            "$SOURCE/Config/academy.yaml"
    } > "$1"
    # Should the shipped file's comment lines change, the settings are still made, at the end.
    for pair in "data:$DATA_DIR" "courses:$DATA_DIR/courses" "public:$SHARE/Public" "places:$CONFIG_DIR/places"; do
        key=${pair%%:*}
        grep -q "^$key: " "$1" || echo "$key: ${pair#*:}" >> "$1"
    done
}

do_install() {
    binary=${1:-}
    [ -n "$binary" ] || fail "usage: install.sh install BINARY"
    [ -f "$binary" ] && [ -x "$binary" ] || fail "no executable at '$binary' (build it: make bench-build)"
    [ -f "$SOURCE/Config/academy.yaml" ] && [ -d "$SOURCE/Courses" ] && [ -d "$SOURCE/Public" ] ||
        fail "Courses/, Public/ and Config/academy.yaml not found in $SOURCE"
    built=$(cd "$(dirname "$binary")" && pwd)
    # SwiftPM's resource bundles (templates, strings, the OpenAPI document): the binary looks for them beside
    # itself, and otherwise in the build folder, which a server must not depend on.
    for bundle in $(grep -a -o '[A-Za-z0-9_.-]*\.resources' "$binary" | sort -u); do
        [ -d "$built/$bundle" ] || fail "the binary needs $bundle, not found beside it in $built"
    done
    bundles=$(cd "$built" && for b in *.resources; do if [ -d "$b" ]; then echo "$b"; fi; done)
    if ldd "$binary" 2>/dev/null | grep -q 'not found'; then
        ldd "$binary" | grep 'not found' >&2
        fail "the binary needs libraries this machine lacks (make deps installs the Debian ones)"
    fi
    swift_runtime=$(ldd "$binary" 2>/dev/null | awk '/libswiftCore/ {print $3}')

    echo "Installing Commune Academy into ${DESTDIR:-/} (PREFIX=$PREFIX)"
    umask 022

    # The program: binary and bundles in their own folder (replaced whole), a link on PATH.
    rm -rf "${DESTDIR}${LIB:?}"
    mkdir -p "$DESTDIR$LIB" "$DESTDIR$PREFIX/bin"
    install -m 0755 "$binary" "$DESTDIR$LIB/academy"
    for bundle in $bundles; do copy_tree "$built" "$DESTDIR$LIB" "$bundle"; done
    ln -sfn ../lib/academy/academy "$DESTDIR$PREFIX/bin/academy"
    say "$PREFIX/bin/academy -> $LIB/academy (+ $(echo "$bundles" | tr '\n' ' ' | sed 's/ $//'))"

    copy_tree "$SOURCE" "$DESTDIR$SHARE" Courses Public Config
    say "$SHARE/{Courses,Public,Config}"
    mkdir -p "$DESTDIR$DOC"
    for doc in README.md DEPLOYING.md VERIFYING.md; do
        [ -f "$SOURCE/$doc" ] && install -m 0644 "$SOURCE/$doc" "$DESTDIR$DOC/$doc"
    done
    say "$DOC/"

    # The system user the service runs as: no login shell, its home the data folder.
    if [ -n "$DESTDIR" ]; then
        say "would run: useradd --system --user-group --home-dir $DATA_DIR --no-create-home" \
            "--shell /usr/sbin/nologin $SERVICE_USER (skipped: DESTDIR is set)"
    elif getent passwd "$SERVICE_USER" >/dev/null; then
        say "user $SERVICE_USER exists"
    else
        useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin \
            --comment "Commune Academy" "$SERVICE_USER"
        say "created system user $SERVICE_USER"
    fi
    owner() { [ -n "$DESTDIR" ] || chown "$@"; }

    # Configuration: the administrator's file is never replaced.
    mkdir -p "$DESTDIR$CONFIG_DIR"
    chmod 0755 "$DESTDIR$CONFIG_DIR"
    config=$DESTDIR$CONFIG_DIR/academy.yaml
    if [ -e "$config" ]; then
        config=$config.dist
        say "$CONFIG_DIR/academy.yaml kept as it is; this version's file is $CONFIG_DIR/academy.yaml.dist"
    else
        say "$CONFIG_DIR/academy.yaml"
    fi
    write_config "$config"
    chmod 0640 "$config"
    owner "root:$SERVICE_USER" "$config"
    if [ -d "$DESTDIR$CONFIG_DIR/places" ]; then
        say "$CONFIG_DIR/places/ kept as it is (shipped lists: $SHARE/Config/places/)"
    else
        mkdir -p "$DESTDIR$CONFIG_DIR/places"
        cp "$SOURCE"/Config/places/*.csv "$DESTDIR$CONFIG_DIR/places/" 2>/dev/null || true
        chmod -R u+rwX,go+rX,go-w "$DESTDIR$CONFIG_DIR/places"
        say "$CONFIG_DIR/places/"
    fi

    # The data folder: only the service user may enter it. Existing data is left as it is.
    mkdir -p "$DESTDIR$DATA_DIR"
    chmod 0700 "$DESTDIR$DATA_DIR"
    owner "$SERVICE_USER:$SERVICE_USER" "$DESTDIR$DATA_DIR"
    say "$DATA_DIR (0700$([ -n "$DESTDIR" ] || echo ", owner $SERVICE_USER"))"
    live=$DESTDIR$DATA_DIR/courses
    if [ -d "$live" ]; then
        if ! diff -rq --exclude=.drafts "$DESTDIR$SHARE/Courses" "$live" >/dev/null 2>&1; then
            say "$DATA_DIR/courses kept as it is; it differs from this version's $SHARE/Courses (DEPLOYING.md)"
        fi
    else
        copy_tree "$DESTDIR$SHARE" "$DESTDIR$DATA_DIR" Courses
        mv "$DESTDIR$DATA_DIR/Courses" "$live"
        chmod -R go-rwx "$live"
        owner -R "$SERVICE_USER:$SERVICE_USER" "$live"
        say "$DATA_DIR/courses (copied from $SHARE/Courses)"
    fi

    # The unit, with this PREFIX.
    mkdir -p "$DESTDIR$UNIT_DIR"
    sed "s|/usr/local/|$PREFIX/|g" "$HERE/academy.service" > "$DESTDIR$UNIT_DIR/academy.service"
    chmod 0644 "$DESTDIR$UNIT_DIR/academy.service"
    say "$UNIT_DIR/academy.service"

    systemctl_run daemon-reload
    systemctl_run enable academy.service
    # A first install starts the service; an upgrade restarts it on the new binary.
    systemctl_run restart academy.service
    if systemd_running; then
        systemctl --no-pager --lines=0 status academy.service || true
    fi
    case "$swift_runtime" in
        "" | /lib/* | /usr/lib/*) ;;
        *) echo "Note: the binary uses the Swift runtime of the toolchain in $(dirname "$swift_runtime"); to" \
            "run it on a machine without that toolchain, build with --static-swift-stdlib (DEPLOYING.md)." ;;
    esac
    echo "Installed. Next: create the first administrator (DEPLOYING.md):"
    echo "  runuser -u $SERVICE_USER -- $PREFIX/bin/academy users add admin --role admin --name 'Your Name'" \
        "--config $CONFIG_DIR/academy.yaml"
}

do_uninstall() {
    echo "Removing Commune Academy from ${DESTDIR:-/} (PREFIX=$PREFIX)"
    if systemd_running; then
        systemctl disable --now academy.service 2>/dev/null || true
    else
        say "would run: systemctl disable --now academy.service (systemd is not running, or DESTDIR is set)"
    fi
    rm -f "$DESTDIR$UNIT_DIR/academy.service" "$DESTDIR$UNIT_DIR/multi-user.target.wants/academy.service"
    systemctl_run daemon-reload
    rm -f "$DESTDIR$PREFIX/bin/academy"
    rm -rf "${DESTDIR}${LIB:?}" "${DESTDIR}${SHARE:?}" "${DESTDIR}${DOC:?}"
    say "removed $PREFIX/bin/academy, $LIB, $SHARE, $DOC, $UNIT_DIR/academy.service"
    say "kept $DATA_DIR (the data: database, keys, backups, live courses), $CONFIG_DIR (the configuration)" \
        "and the user $SERVICE_USER"
    say "to remove them too: rm -rf $DATA_DIR $CONFIG_DIR && userdel $SERVICE_USER"
}

case "${1:-}" in
    install) shift; do_install "$@" ;;
    uninstall) do_uninstall ;;
    *) fail "usage: install.sh install BINARY | install.sh uninstall" ;;
esac
