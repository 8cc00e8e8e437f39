# UnionStats: `make` builds the tool and runs the pipeline over $(INPUT) into
# $(OUTPUT); `make test` runs the tests. Both install libcsv-dev if missing.
# One intermediate file per page (a pattern rule), so a second `make` with
# nothing changed does no work and a changed page redoes only that page and
# what depends on it. Stage outputs are only rewritten when their bytes change;
# stamps record that a stage ran (and with which settings), the outputs' own times
# say whether they changed.
#
# Page names make cannot handle (spaces, `:`, `%`, `#`, `$`...) are fine: make
# sees each page through a link with a safe name in $(WORK)/pages/ (written by
# `unionstats pages` into $(WORK)/pages.mk, which is included below).
#
# Other targets: cron (the pipeline under a lock, silent on success; see
# scripts/cron-run), fuzz (libFuzzer, FUZZ_SECONDS each), bench (BENCH_SIZES),
# install PREFIX=..., clean.

SHELL := /bin/bash
.DELETE_ON_ERROR:
.SUFFIXES:

INPUT        ?= input
OUTPUT       ?= output
PIPELINE     ?= pipeline
CSV_ENCODING ?= utf8-bom
PREFIX       ?= /usr/local
QUIET        ?= --quiet
# --no-lock when the caller holds $(OUTPUT)/.lock (scripts/cron-run, under flock).
LOCKFLAGS    ?=
FUZZ_SECONDS ?= 60
BENCH_SIZES  ?= 100 1000
BENCH_DIR    ?= .bench

CONFIG   ?= release
# UNIONSTATS_BIN: use an already built program (the tests do), never build one.
BIN      := $(or $(UNIONSTATS_BIN),.build/$(CONFIG)/unionstats)
# Release builds carry the Swift runtime and Foundation inside (84 MB instead of
# 14): a process then starts in about 11 ms instead of 21 (60 ms instead of 130
# on a cold cache), and make starts one per page.
SWIFT_BUILD_FLAGS := $(if $(filter release,$(CONFIG)),--static-swift-stdlib)
# The one warning that link prints comes from the toolchain's own static Foundation
# (its temporary files use mktemp); it says nothing about this program, so it is not shown.
STATIC_LINK_NOISE := warning: the use of .mktemp. is dangerous
swift_build = set -o pipefail; swift build $(1) 2>&1 | { grep --line-buffered -v "$(STATIC_LINK_NOISE)" || true; }
WORK     := $(OUTPUT)/.work
SOURCES  := Package.swift $(shell find Sources -type f 2>/dev/null)
MANIFEST := $(wildcard $(INPUT)/manifest.csv)
DICTS    := $(wildcard $(PIPELINE)/*)
CSVFLAGS := --csv-encoding $(CSV_ENCODING) $(QUIET)

empty :=
space := $(empty) $(empty)
define newline


endef

.PHONY: all outputs build deps test clean install check-output cron fuzz bench check-spreadsheet FORCE
all: outputs check-output
# The pipeline without the final check (scripts/cron-run runs the check itself).
outputs: $(WORK)/tables.stamp

# The page list only matters to the pipeline targets; the others need no build to start.
PIPELINE_GOALS := all outputs check-output
ifneq ($(if $(MAKECMDGOALS),$(filter $(PIPELINE_GOALS) $(WORK)/%,$(MAKECMDGOALS)),all),)
-include $(WORK)/pages.mk
endif
EXTRACTS := $(PAGE_IDS:%=$(WORK)/extract/%.csv)

# --- set-up ------------------------------------------------------------------
# libcsv-dev: install when missing (as root, or with sudo); otherwise say how.
deps:
	@if [ ! -f /usr/include/csv.h ]; then \
	  echo "make: libcsv-dev is missing; installing it" >&2; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libcsv-dev >&2; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq libcsv-dev >&2; \
	  else echo "make: cannot install libcsv-dev without root. Run:  sudo apt-get install libcsv-dev" >&2; exit 1; fi; \
	fi
	@command -v swift >/dev/null || { echo "make: swift not found on PATH (the Swift toolchain is needed)" >&2; exit 1; }

build: $(BIN)
ifeq ($(UNIONSTATS_BIN),)
# Under `make cron` the build says nothing unless it fails (cron mails any output).
$(BIN): $(SOURCES) | deps
	@if [ -n "$(BUILD_QUIET)" ]; then \
	  log=$$(swift build -c $(CONFIG) $(SWIFT_BUILD_FLAGS) --product unionstats 2>&1) || { printf '%s\n' "$$log" >&2; exit 1; }; \
	else $(call swift_build,-c $(CONFIG) $(SWIFT_BUILD_FLAGS) --product unionstats); fi
	@touch $@
endif

# --- the pipeline --------------------------------------------------------------
# A step's outputs depend on settings as well as files: a file of each step
# holds the settings it last ran with ($(WORK)/input.path, and the stamps), and
# the step is redone when they differ (another INPUT, PIPELINE or CSV_ENCODING
# for the same OUTPUT: its files' times say nothing then). `record` writes them
# once the step is done.
PAGES_SETTINGS     := $(abspath $(INPUT))
NORMALIZE_SETTINGS := normalize $(abspath $(PIPELINE)) $(CSV_ENCODING)
TABLES_SETTINGS    := aggregate $(CSV_ENCODING)
record = printf '%s\n' '$(subst ','\'',$(1))' > $(2)
ifneq ($(file <$(WORK)/input.path),$(PAGES_SETTINGS))
$(WORK)/pages.mk: FORCE
endif
ifneq ($(file <$(WORK)/normalize.stamp),$(NORMALIZE_SETTINGS))
$(WORK)/normalize.stamp: FORCE
endif
ifneq ($(file <$(WORK)/tables.stamp),$(TABLES_SETTINGS))
$(WORK)/tables.stamp: FORCE
endif
FORCE:

# The pages under safe names; redone when pages come or go (the folder's time changes).
$(WORK)/pages.mk: $(INPUT) $(BIN)
	@$(BIN) pages --input "$(PAGES_SETTINGS)" --work "$(WORK)"
	@$(call record,$(PAGES_SETTINGS),$(WORK)/input.path)
	@touch $@

$(WORK)/extract:
	@mkdir -p $@

# One page -> its articles and mentions. The tool keeps an unchanged file's
# time; touch it so make knows this page is done.
# A page that makes the extractor die (a signal: a bug) is recorded as
# rejected, so one page cannot stop the batch.
# Static pattern rules and explicit page targets: make searches its implicit
# rules for neither, which was half of its own time with 10,000 pages.
BROKEN := $(BROKEN_IDS:%=$(WORK)/extract/%.csv)
$(filter-out $(BROKEN),$(EXTRACTS)): $(WORK)/extract/%.csv: $(WORK)/pages/% $(BIN) | $(WORK)/extract
	@SWIFT_BACKTRACE=enable=no $(BIN) extract --doc-from-link --touch "$<" -o "$@" || { s=$$?; [ $$s -gt 128 ] || exit $$s; \
	  $(BIN) extract --doc-from-link --touch --crashed $$s "$<" -o "$@"; }

# A page that is a link to nothing has no time for make to compare: it is
# redone (and reported in rejects.csv) whenever the page list changes.
$(BROKEN): $(WORK)/extract/%.csv: $(WORK)/pages.mk $(BIN) | $(WORK)/extract
	@$(BIN) extract --doc-from-link --touch "$(WORK)/pages/$*" -o "$@"
$(PAGE_IDS:%=$(WORK)/pages/%): ;

# All pages' rows in page order; pages whose extract CSV, manifest row and
# pipeline/ are unchanged are copied from the last outputs ($(WORK)/normalized/index says where they are).
# The folder itself too: a dictionary removed from it changes nothing else make sees.
$(WORK)/normalize.stamp: $(EXTRACTS) $(MANIFEST) $(PIPELINE) $(DICTS) $(BIN) $(WORK)/pages.mk
	$(file >$(WORK)/extracts.list,$(subst $(space),$(newline),$(strip $(EXTRACTS))))
	@$(BIN) normalize --input "$(INPUT)" --output "$(OUTPUT)" --pipeline "$(PIPELINE)" $(CSVFLAGS) $(LOCKFLAGS) \
	  --cache "$(WORK)/normalized" --list "$(WORK)/extracts.list"
	@$(call record,$(NORMALIZE_SETTINGS),$@)

$(OUTPUT)/figures.csv: $(WORK)/normalize.stamp ;

# Tables and reports both read only figures.csv and write different folders:
# one command writes both, side by side on two cores (a plain `make` is serial).
# Its cache ($(WORK)/aggregate) lets it redo only the months and pages whose figures changed.
$(WORK)/tables.stamp: $(OUTPUT)/figures.csv $(BIN)
	@$(BIN) aggregate --with-reports --cache "$(WORK)/aggregate" --output "$(OUTPUT)" $(CSVFLAGS) $(LOCKFLAGS)
	@$(call record,$(TABLES_SETTINGS),$@)

# Says (and fails, unionstats status 3) when pages were rejected; silent otherwise.
check-output: $(WORK)/tables.stamp
	@$(BIN) check --output "$(OUTPUT)"

# --- cron ----------------------------------------------------------------------
# The pipeline (these same rules: incremental, and a page that crashes the
# extractor cannot stop it) under flock(1) on $(OUTPUT)/.lock, via
# scripts/cron-run: silent when every page went through; otherwise it says
# what unionstats' exit status means and fails. Cron jobs that want the
# status itself call scripts/cron-run directly (see the README).
cron: BUILD_QUIET := 1
cron: $(BIN)
	@status=0; UNIONSTATS="$(BIN)" scripts/cron-run "$(INPUT)" "$(OUTPUT)" "$(PIPELINE)" || status=$$?; \
	case $$status in \
	  0) ;; \
	  3) echo "make cron: unionstats exit status 3: finished, but some pages were rejected (see $(OUTPUT)/rejects.csv)" >&2 ;; \
	  75) echo "make cron: unionstats exit status 75: busy, another run holds $(OUTPUT)/.lock; nothing done" >&2 ;; \
	  78) echo "make cron: unionstats exit status 78: a configuration file cannot be used" >&2 ;; \
	  64) echo "make cron: unionstats exit status 64: bad command line" >&2 ;; \
	  *) echo "make cron: unionstats exit status $$status: failure; outputs left as they were" >&2 ;; \
	esac; exit $$status

# --- tests, fuzzing, benchmark ----------------------------------------------------
# The robustness tests run the real executable: build it first (debug, as swift test does).
test: | deps
	swift build --product unionstats
	swift test

FUZZ_TARGETS := fuzz-quantity fuzz-textrepair fuzz-csv
FUZZ_FLAGS := --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library
fuzz: | deps
	@for t in $(FUZZ_TARGETS); do swift build $(FUZZ_FLAGS) --product $$t || exit 1; done
	@scripts/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

bench: | deps
	@$(call swift_build,-c release --static-swift-stdlib --product unionstats)
	@$(call swift_build,-c release --static-swift-stdlib --product unionstats-bench)
	@scripts/bench "$(BENCH_DIR)" $(BENCH_SIZES)

# Opens the tables and figures.csv in LibreOffice (headless), reads every cell back and
# checks that Chinese text, numbers and region codes survive; skipped, with a message,
# where LibreOffice is not installed (apt-get install libreoffice-calc-nogui).
check-spreadsheet: all
	@scripts/check-spreadsheet.sh "$(OUTPUT)"

install: $(BIN)
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/unionstats"

clean:
	rm -rf .build .build-fuzz "$(WORK)" "$(OUTPUT)/figures.csv" "$(OUTPUT)/articles.csv" "$(OUTPUT)/rejects.csv" \
	  "$(OUTPUT)/tables" "$(OUTPUT)/reports" "$(OUTPUT)/.lock"
