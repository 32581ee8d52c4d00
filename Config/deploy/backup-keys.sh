#!/bin/sh
# Encrypted backup of the certificate signing keys (DEPLOYING.md, "Litestream"). The private keys live in
# <data>/keys/<kid>.pem (mode 0600) and are NOT in the database, so Litestream never copies them: this script
# tars the keys folder, encrypts it with a passphrase (AES-256-CBC, key from PBKDF2 with 600,000 iterations,
# OpenSSL's `enc`), checks the result decrypts, and writes it next to the file replica and, when an S3 store is
# set, uploads it there (curl with AWS Signature V4). Nothing leaves this script unencrypted.
# Run it as root after every `academy keys rotate`, and daily from a timer (cheap: the keys rarely change).
#
# Settings, from the environment (the unit loads /etc/academy/litestream.env, which holds the S3 ones):
#   ACADEMY_DATA                  data folder                          (default /var/lib/academy)
#   ACADEMY_KEYS_BACKUP_DIR       where the encrypted files go         (default /var/backups/academy/keys)
#   ACADEMY_KEYS_PASSPHRASE_FILE  the passphrase, root:root 0600       (default /etc/academy/keys-backup.pass)
#   ACADEMY_S3_ENDPOINT ACADEMY_S3_BUCKET ACADEMY_S3_REGION ACADEMY_S3_PATH
#   LITESTREAM_ACCESS_KEY_ID LITESTREAM_SECRET_ACCESS_KEY   (upload to <bucket>/<path>/keys/ when the bucket is set)
# Keep a copy of the passphrase OFF this machine (a sealed envelope, the centre's password safe): without it
# the backup cannot be opened, and with the machine lost only that copy remains.
set -eu
umask 077

data=${ACADEMY_DATA:-/var/lib/academy}
out=${ACADEMY_KEYS_BACKUP_DIR:-/var/backups/academy/keys}
pass=${ACADEMY_KEYS_PASSPHRASE_FILE:-/etc/academy/keys-backup.pass}

fail() { echo "backup-keys: $*" >&2; exit 1; }

[ -d "$data/keys" ] || fail "no keys folder at $data/keys (set ACADEMY_DATA)"
ls "$data/keys"/*.pem >/dev/null 2>&1 || fail "no key in $data/keys"
[ -s "$pass" ] || fail "passphrase file $pass is missing or empty (make one: see DEPLOYING.md)"
# The passphrase protects every certificate ever signed: refuse one that others can read.
mode=$(stat -c %a "$pass")
case "$mode" in
  400|600) ;;
  *) fail "passphrase file $pass has mode $mode; make it 0600 (chmod 600 $pass)" ;;
esac

mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
file="$out/keys-$stamp.tar.enc"
tmp="$file.tmp"
trap 'rm -f "$tmp"' EXIT

tar -C "$data" -cf - keys \
  | openssl enc -aes-256-cbc -pbkdf2 -iter 600000 -salt -pass "file:$pass" -out "$tmp"
# Prove it opens with the passphrase and holds every key before it replaces anything.
want=$(cd "$data" && ls keys/*.pem | sort)
got=$(openssl enc -d -aes-256-cbc -pbkdf2 -iter 600000 -pass "file:$pass" -in "$tmp" | tar -tf - | grep '\.pem$' | sort)
[ "$want" = "$got" ] || fail "the encrypted backup does not list the same keys; nothing replaced"
mv "$tmp" "$file"
cp "$file" "$out/keys-latest.tar.enc.tmp" && mv "$out/keys-latest.tar.enc.tmp" "$out/keys-latest.tar.enc"
echo "backup-keys: $(echo "$want" | wc -l) key(s) -> $file"

if [ -n "${ACADEMY_S3_BUCKET:-}" ]; then
  : "${LITESTREAM_ACCESS_KEY_ID:?for the S3 upload}" "${LITESTREAM_SECRET_ACCESS_KEY:?for the S3 upload}"
  region=${ACADEMY_S3_REGION:-us-east-1}
  endpoint=${ACADEMY_S3_ENDPOINT:-https://s3.$region.amazonaws.com}
  prefix=${ACADEMY_S3_PATH:+$ACADEMY_S3_PATH/}
  for name in "keys-$stamp.tar.enc" keys-latest.tar.enc; do
    # The secret goes to curl on its standard input (a config line), never on its command line.
    printf 'user = "%s:%s"\n' "$LITESTREAM_ACCESS_KEY_ID" "$LITESTREAM_SECRET_ACCESS_KEY" \
      | curl --fail --silent --show-error --config - --aws-sigv4 "aws:amz:$region:s3" \
          -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
          --upload-file "$out/$name" "$endpoint/$ACADEMY_S3_BUCKET/${prefix}keys/$name" >/dev/null \
      || fail "upload of $name to $endpoint/$ACADEMY_S3_BUCKET failed"
  done
  echo "backup-keys: uploaded to $endpoint/$ACADEMY_S3_BUCKET/${prefix}keys/"
fi
