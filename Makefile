# BackPlan: two commands do everything on a fresh machine.
#   make demo   build (release) and write the example person's plan into Output/
#   make test   build and run the whole test suite
#   make bench  release build, then `backplan batch` at 1,000 and 10,000 plans against libcmark alone
# Both install missing system packages with apt when run as root, or print the command.

SWIFT ?= swift
APT_PACKAGES := libcmark-dev cmark
TEST_APT_PACKAGES := $(APT_PACKAGES) python3 python3-pip
RELEASE_BIN := .build/release/backplan
BENCH_SIZES ?= 1000,10000
BENCH_JOBS ?= 2

.PHONY: demo test bench build release deps test-deps bench-deps clean

demo: deps release
	$(RELEASE_BIN) catalog list
	$(RELEASE_BIN) plan --output Output --verbose

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Plans per second at 1 and 2 jobs, the libcmark floor on the same Markdown, peak RSS (GNU time).
bench: bench-deps
	$(SWIFT) build -c release --product backplan
	$(SWIFT) build -c release --product backplan-bench
	.build/release/backplan-bench --sizes $(BENCH_SIZES) --jobs $(BENCH_JOBS) --backplan $(RELEASE_BIN)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product backplan

deps:
	@.ci/install-packages $(APT_PACKAGES)

test-deps:
	@.ci/install-packages $(TEST_APT_PACKAGES)

bench-deps:
	@.ci/install-packages $(APT_PACKAGES) time

clean:
	rm -rf .build
