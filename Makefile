# Commune Academy — `make run` serves the site, `make test` runs every test.
# Both install the Debian packages the build needs (when run as root) and build first.

SWIFT ?= swift
APT_PACKAGES := libssl-dev libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libqrencode-dev zlib1g-dev openssl pkg-config zbar-tools librsvg2-bin
MISSING = $(shell for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done)

.PHONY: run test deps build build-release clean validate bench-build bench-data bench-reports

run: deps build-release
	.build/release/academy serve

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	.build/debug/academy courses validate Courses

validate: deps build
	.build/debug/academy courses validate Courses

deps:
	@missing="$(MISSING)"; \
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

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build -c release

clean:
	rm -rf .build

# Benchmarks (BENCHMARKS.md): 10,000 generated learners in 138 communes, with simulated progress, in $(BENCH_DATA)/.
# A release build of its own (.build-release), so it never disturbs the debug build.
BENCH_DATA ?= data-bench
BENCH_BIN := .build-release/release/academy

bench-build: deps
	$(SWIFT) build -c release --scratch-path .build-release

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
