#!/usr/bin/env bash
# End-to-end tests in headless Chromium (see README.md beside this file).
# `make e2e` installs the Debian packages and builds first; this script then
#   1. makes the Python venv (selenium, pytest, axe-selenium-python) under Tests/e2e/.venv if it is missing or stale,
#   2. creates a fresh data folder with an admin and an HR account,
#   3. starts `academy serve` on 127.0.0.1:$E2E_PORT and waits for /healthz,
#   4. runs pytest, stops the server, and exits with pytest's status.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
e2e="$root/Tests/e2e"
venv="$e2e/.venv"
bin="${ACADEMY_BIN:-$root/.build/debug/academy}"
port="${E2E_PORT:-18080}"
shots="$e2e/screenshots"

# --- 1. Python: selenium, pytest and axe-core in a venv, reinstalled only when requirements.txt changes.
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$e2e/requirements.txt" | cut -d' ' -f1)
if ! { [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] \
        && "$venv/bin/python" -c 'import selenium, pytest, axe_selenium_python' 2>/dev/null; }; then
  rm -rf "$venv"
  python3 -m venv "$venv" 2>/dev/null || /usr/bin/python3 -m venv "$venv"
  pip=("$venv/bin/python" -m pip install -q --disable-pip-version-check)
  # axe-selenium-python's wheel declares Python >= 3.12; it is plain Python and runs on Debian 12's 3.11, so it
  # goes in alone, without its (already listed) dependencies and without that check. Everything else as usual.
  "${pip[@]}" -r <(grep -v '^axe-selenium-python' "$e2e/requirements.txt")
  "${pip[@]}" --no-deps --ignore-requires-python "$(grep '^axe-selenium-python' "$e2e/requirements.txt")"
  echo "$want" > "$stamp"
fi

[ -x "$bin" ] || { echo "e2e: $bin is missing: run 'swift build' (make e2e does)"; exit 1; }
for tool in chromium chromedriver; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing: apt-get install chromium chromium-driver (make e2e does)"; exit 1; }
done
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "e2e: something already listens on 127.0.0.1:$port; stop it or set E2E_PORT"; exit 1
fi

# --- 2. A fresh data folder with the two staff accounts the tests sign in as.
data=$(mktemp -d /tmp/academy-e2e.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$shots"; mkdir -p "$shots"
# A private copy of the binary: a `swift build` running meanwhile cannot pull it from under the server.
cp "$bin" "$data/academy"; bin="$data/academy"
export E2E_ACADEMY_BIN="$bin" E2E_DATA="$data"  # for tests that run the command line too (test_10)
# A private copy of the courses too: the authoring journeys publish, and must not write into the working tree.
cp -a "$root/Courses" "$data/courses"
export E2E_ADMIN_USER=admin E2E_ADMIN_PASSWORD="e2e-admin-$RANDOM-passphrase"
export E2E_HR_USER=nhansu E2E_HR_PASSWORD="e2e-hr-$RANDOM-passphrase"
echo "$E2E_ADMIN_PASSWORD" | "$bin" users add "$E2E_ADMIN_USER" --role admin --name "Quản Trị" --data "$data"
echo "$E2E_HR_PASSWORD" | "$bin" users add "$E2E_HR_USER" --role hr --name "Hoàng Thị Nhân Sự" --data "$data"

# --- 3. The server, logging to the (git-ignored) screenshots folder.
"$bin" serve --data "$data" --courses "$data/courses" --host 127.0.0.1 --port "$port" > "$shots/server.log" 2>&1 &
server_pid=$!
export E2E_BASE_URL="http://127.0.0.1:$port"
for _ in $(seq 150); do
  curl -fsS "$E2E_BASE_URL/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "e2e: the server stopped:"; cat "$shots/server.log"; exit 1; }
  sleep 0.2
done
curl -fsS "$E2E_BASE_URL/healthz" >/dev/null || { echo "e2e: no /healthz after 30 s"; tail -50 "$shots/server.log"; exit 1; }

# --- 4. The tests. No bytecode or cache folders are left in the tree.
status=0
PYTHONDONTWRITEBYTECODE=1 "$venv/bin/python" -m pytest -c "$e2e/pytest.ini" --rootdir "$e2e" "${@:-$e2e}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- last lines of the server log ($shots/server.log):"; tail -40 "$shots/server.log"
fi
echo "e2e: screenshots and PDFs in Tests/e2e/screenshots/"
exit "$status"
