# The two commands a new user needs (see README.md):
#   make run    build phoenixd and start it on the embedded default
#   make test   install and start what the tests need, then run every test
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
ARGS ?=

.PHONY: run test build release backends bench clean

run: release
	.build/release/phoenixd $(ARGS)

release:
	scripts/install-deps.sh
	$(SWIFT) build -c release --product phoenixd
	$(SWIFT) build -c release --product phoenix-lxc-helper

build:
	scripts/install-deps.sh
	$(SWIFT) build

backends:
	scripts/install-deps.sh --test
	@for script in scripts/setup-libvirt.sh scripts/setup-lxc.sh; do \
		if [ -x $$script ]; then $$script; fi; \
	done

test: backends
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release
	bench/run.sh

clean:
	rm -rf .build
