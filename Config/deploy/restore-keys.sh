#!/bin/sh
# Puts the certificate signing keys back from an encrypted backup made by backup-keys.sh (DEPLOYING.md).
#   restore-keys.sh FILE         a local keys-*.tar.enc (e.g. /var/backups/academy/keys/keys-latest.tar.enc)
#   restore-keys.sh --s3 [NAME]  downloads <bucket>/<path>/keys/NAME (default keys-latest.tar.enc) first
# Writes <data>/keys (0700, files 0600); refuses to replace an existing keys folder. As root, the files are
# then given to ACADEMY_USER (default academy) when that user exists. Same environment as backup-keys.sh.
set -eu
umask 077

data=${ACADEMY_DATA:-/var/lib/academy}
pass=${ACADEMY_KEYS_PASSPHRASE_FILE:-/etc/academy/keys-backup.pass}
owner=${ACADEMY_USER:-academy}

fail() { echo "restore-keys: $*" >&2; exit 1; }
[ $# -ge 1 ] || fail "usage: restore-keys.sh FILE | --s3 [NAME]"
[ -s "$pass" ] || fail "passphrase file $pass is missing or empty"
[ -e "$data/keys" ] && fail "$data/keys already exists; move it away first (nothing changed)"
mkdir -p "$data"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$1" = --s3 ]; then
  : "${ACADEMY_S3_BUCKET:?}" "${LITESTREAM_ACCESS_KEY_ID:?}" "${LITESTREAM_SECRET_ACCESS_KEY:?}"
  region=${ACADEMY_S3_REGION:-us-east-1}
  endpoint=${ACADEMY_S3_ENDPOINT:-https://s3.$region.amazonaws.com}
  prefix=${ACADEMY_S3_PATH:+$ACADEMY_S3_PATH/}
  name=${2:-keys-latest.tar.enc}
  printf 'user = "%s:%s"\n' "$LITESTREAM_ACCESS_KEY_ID" "$LITESTREAM_SECRET_ACCESS_KEY" \
    | curl --fail --silent --show-error --config - --aws-sigv4 "aws:amz:$region:s3" \
        -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
        -o "$work/keys.tar.enc" "$endpoint/$ACADEMY_S3_BUCKET/${prefix}keys/$name" \
    || fail "download of $name from $endpoint/$ACADEMY_S3_BUCKET failed"
  src="$work/keys.tar.enc"
else
  src=$1
  [ -f "$src" ] || fail "no file $src"
fi

openssl enc -d -aes-256-cbc -pbkdf2 -iter 600000 -pass "file:$pass" -in "$src" -out "$work/keys.tar" \
  || fail "cannot decrypt $src (wrong passphrase or damaged file)"
# Only a keys/ folder of .pem files is accepted: nothing else is unpacked into the data folder.
tar -tf "$work/keys.tar" | grep -v -E '^keys/$|^keys/[A-Za-z0-9._-]+\.pem$' >/dev/null \
  && fail "$src holds more than keys/*.pem; not restored"
tar -C "$data" --no-same-owner -xf "$work/keys.tar"
chmod 700 "$data/keys"
chmod 600 "$data/keys"/*.pem
if [ "$(id -u)" = 0 ] && id "$owner" >/dev/null 2>&1; then chown -R "$owner:$owner" "$data/keys"; fi
echo "restore-keys: $(ls "$data/keys" | wc -l) key(s) restored into $data/keys"
