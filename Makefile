# UnionStats: `make` builds the tool and runs the pipeline over $(INPUT) into
# $(OUTPUT); `make test` runs the tests. Both install libcsv-dev if missing.
# One intermediate file per page (a pattern rule), so a second `make` with
# nothing changed does no work and a changed page redoes only that page and
# what depends on it. Stage outputs are only rewritten when their bytes change;
# stamps record that a stage ran, the outputs' own times say whether they changed.

SHELL := /bin/bash
.DELETE_ON_ERROR:
.SUFFIXES:

INPUT        ?= input
OUTPUT       ?= output
PIPELINE     ?= pipeline
CSV_ENCODING ?= utf8-bom
PREFIX       ?= /usr/local
QUIET        ?= --quiet

BIN     := .build/release/unionstats
WORK    := $(OUTPUT)/.work
SOURCES := Package.swift $(shell find Sources -type f 2>/dev/null)
PAGES   := $(filter-out $(INPUT)/manifest.csv,$(wildcard $(INPUT)/*))
EXTRACTS := $(patsubst $(INPUT)/%,$(WORK)/extract/%.csv,$(PAGES))
MANIFEST := $(wildcard $(INPUT)/manifest.csv)
DICTS    := $(wildcard $(PIPELINE)/*.csv $(PIPELINE)/*.tsv)
CSVFLAGS := --csv-encoding $(CSV_ENCODING) $(QUIET)

.PHONY: all build deps test clean install check-output
all: $(WORK)/report.stamp check-output

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
$(BIN): $(SOURCES) | deps
	swift build -c release --product unionstats
	@touch $@

# --- the pipeline --------------------------------------------------------------
$(WORK)/extract:
	@mkdir -p $@

# One page -> its articles and mentions. The tool keeps an unchanged file's
# time; touch it so make knows this page is done.
$(WORK)/extract/%.csv: $(INPUT)/% $(BIN) | $(WORK)/extract
	@$(BIN) extract "$<" -o "$@"
	@touch "$@"

$(WORK)/normalize.stamp: $(EXTRACTS) $(MANIFEST) $(DICTS) $(BIN)
	@printf '%s\n' $(EXTRACTS) > $(WORK)/extracts.list
	@$(BIN) normalize --input "$(INPUT)" --output "$(OUTPUT)" --pipeline "$(PIPELINE)" $(CSVFLAGS) --list $(WORK)/extracts.list
	@touch $@

$(OUTPUT)/figures.csv: $(WORK)/normalize.stamp ;

$(WORK)/aggregate.stamp: $(OUTPUT)/figures.csv $(BIN)
	@$(BIN) aggregate --output "$(OUTPUT)" $(CSVFLAGS)
	@touch $@

$(WORK)/report.stamp: $(WORK)/aggregate.stamp $(OUTPUT)/figures.csv $(BIN)
	@$(BIN) report --output "$(OUTPUT)"
	@touch $@

# Says (and fails) when pages were rejected; silent otherwise.
check-output: $(WORK)/report.stamp
	@$(BIN) check --output "$(OUTPUT)"

# --- tests, install, clean -------------------------------------------------------
test: | deps
	swift test

install: $(BIN)
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/unionstats"

clean:
	rm -rf .build "$(WORK)" "$(OUTPUT)/figures.csv" "$(OUTPUT)/articles.csv" "$(OUTPUT)/rejects.csv" \
	  "$(OUTPUT)/tables" "$(OUTPUT)/reports"
