#!/bin/sh
# Measures the report routes on the report benchmark data (make bench-data first): starts the release server on the
# data-bench folder, signs in as an HR account, then for each route prints the median and 95th-percentile time of
# 50 sequential requests (curl) and the throughput of 10 s of wrk with 4 connections.
#
# Usage: Tests/bench/measure_reports.sh [BINARY] [DATA_DIR]
set -eu
BIN=${1:-.build-release/release/academy}
DATA=${2:-data-bench/reports}
PORT=${BENCH_PORT:-8099}
BASE="http://127.0.0.1:$PORT"
COURSE=chuyen-doi-so-cap-xa

printf 'mat-khau-do-kiem-tra\n' | ACADEMY_DATA="$DATA" "$BIN" users add bench-hr --role hr --name "Đo kiểm" >/dev/null 2>&1 || true
ACADEMY_DATA="$DATA" ACADEMY_PORT=$PORT ACADEMY_LOG_LEVEL=warning "$BIN" serve >"$DATA/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"bench-hr","password":"mat-khau-do-kiem-tra"}' \
  "$BASE/api/v1/session" | sed 's/.*"token":"\([^"]*\)".*/\1/')
[ -n "$TOKEN" ] || { echo "could not sign in"; exit 1; }
AUTH="Authorization: Bearer $TOKEN"
# A browser session for the HTML pages (they take the same cookie the API sets).
COOKIE=$(curl -fsi -H 'Content-Type: application/json' -d '{"username":"bench-hr","password":"mat-khau-do-kiem-tra"}' \
  "$BASE/api/v1/session" | sed -n 's/^[Ss]et-[Cc]ookie: \(session=[^;]*\).*/\1/p' | tr -d '\r')

measure() {
  name=$1; url=$2; header=$3
  curl -fs -o /dev/null -H "$header" "$BASE$url" || { echo "$name: request failed"; return; }
  times=$(for _ in $(seq 1 50); do curl -fs -o /dev/null -w '%{time_total}\n' -H "$header" "$BASE$url"; done | sort -n)
  median=$(echo "$times" | sed -n 25p); p95=$(echo "$times" | sed -n 48p)
  rate=$(wrk -t2 -c4 -d10s -H "$header" "$BASE$url" | sed -n 's/^Requests\/sec: *//p')
  bytes=$(curl -fs -H "$header" "$BASE$url" | wc -c)
  printf '| %s | %.1f ms | %.1f ms | %s | %s |\n' "$name" "$(echo "$median * 1000" | bc -l)" \
    "$(echo "$p95 * 1000" | bc -l)" "$rate" "$bytes"
}

echo "| route | median | p95 | requests/s (wrk, 4 connections) | bytes |"
echo "|---|---|---|---|---|"
measure "JSON, group_by=district" "/api/v1/reports/completion?course=$COURSE&group_by=district" "$AUTH"
measure "JSON, group_by=commune" "/api/v1/reports/completion?course=$COURSE&group_by=commune" "$AUTH"
measure "CSV, group_by=commune" "/api/v1/reports/completion.csv?course=$COURSE&group_by=commune" "$AUTH"
measure "HTML /reports (districts)" "/reports?course=$COURSE" "Cookie: $COOKIE"
measure "HTML /reports, all communes" "/reports?course=$COURSE&level=commune" "Cookie: $COOKIE"
measure "HTML /reports, one commune's people" "/reports?course=$COURSE&district=H%C3%A0m%20Y%C3%AAn&commune=$(curl -fs -H "$AUTH" "$BASE/api/v1/reports/completion?course=$COURSE&group_by=commune&district=H%C3%A0m%20Y%C3%AAn" | sed 's/.*"commune":"\([^"]*\)".*/\1/' | head -1 | python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.stdin.read().strip()))')" "Cookie: $COOKIE"
measure "HTML per-quiz report (200 of 10,000 rows)" "/reports/quiz?course=$COURSE&quiz=kiem-tra-cuoi-khoa" "Cookie: $COOKIE"
measure "CSV, every person (10,000 rows)" "/reports.csv?course=$COURSE&level=person" "Cookie: $COOKIE"
measure "HTML home with dashboard" "/" "Cookie: $COOKIE"
