# Commune Academy — `make run` serves the site, `make test` runs every test.
# Both install the Debian packages the build needs (when run as root) and build first.

SWIFT ?= swift
APT_PACKAGES := libssl-dev libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libqrencode-dev zlib1g-dev openssl pkg-config zbar-tools librsvg2-bin
MISSING = $(shell for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done)

.PHONY: run test deps build build-release clean validate

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
