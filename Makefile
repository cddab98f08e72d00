# BackPlan: two commands do everything on a fresh machine.
#   make demo   build (release) and write the example person's plan into Output/
#   make test   build and run the whole test suite
# Both install missing system packages with apt when run as root, or print the command.

SWIFT ?= swift
APT_PACKAGES := libcmark-dev cmark
TEST_APT_PACKAGES := $(APT_PACKAGES) python3 python3-pip msmtp
# Read plan.ics and plan.eml with real parsers, receive mail over SMTP.
TEST_PYTHON_PACKAGES := icalendar aiosmtpd
RELEASE_BIN := .build/release/backplan

.PHONY: demo test build release deps test-deps clean

demo: deps release
	$(RELEASE_BIN) catalog list
	$(RELEASE_BIN) plan --output Output --verbose

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product backplan

deps:
	@.ci/install-packages $(APT_PACKAGES)

test-deps:
	@.ci/install-packages $(TEST_APT_PACKAGES)
	@.ci/install-python-packages $(TEST_PYTHON_PACKAGES)

clean:
	rm -rf .build
