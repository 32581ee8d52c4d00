# Commune Academy — `make run` serves the site, `make test` runs every test.
# Both install the Debian packages the build needs (when run as root) and build first.

SWIFT ?= swift
APT_PACKAGES := libssl-dev libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libqrencode-dev zlib1g-dev openssl pkg-config zbar-tools librsvg2-bin

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

# Report benchmarks (BENCHMARKS.md): 10,000 generated learners in 138 communes, with simulated progress, in
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
