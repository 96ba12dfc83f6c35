# One word for each everyday job. `make demo` and `make test` work on a fresh clone.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STORE   ?= var/demo-store
PORT    ?= 5000

.PHONY: install demo test fuzz lint bench bench-scale score clean vendor

$(BIN)/govkg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

install: $(BIN)/govkg

demo: install  ## build the graph from the bundled sample and serve it
	$(BIN)/govkg ingest samples --store $(STORE)
	$(BIN)/govkg serve --store $(STORE) --port $(PORT)

test: install  ## the whole test suite (Virtuoso tests run when GOVKG_VIRTUOSO_URL is set)
	$(BIN)/ruff check .
	$(BIN)/pytest -q

fuzz: install  ## the fuzz tests with 3000 examples each (the normal run takes 30)
	GOVKG_FUZZ_EXAMPLES=3000 $(BIN)/pytest -q -m fuzz

lint: install
	$(BIN)/ruff check .

bench: install  ## speed figures: parsing, loading, answering, stopping runaway queries
	$(BIN)/python benchmarks/parse_speed.py
	$(BIN)/python benchmarks/store_load.py
	$(BIN)/python benchmarks/ask_latency.py
	$(BIN)/python benchmarks/runaway.py
	$(BIN)/python benchmarks/page_latency.py

SIZES   ?= 8,100,1000
SPARQL_SIZES ?= 8,100
BACKENDS ?= oxigraph,sparql
bench-scale: install  ## issue 10's acceptance on stores of 8, ~100, ~1,000 documents, oxigraph and Virtuoso (SIZES=8,100 BACKENDS=oxigraph for a quicker run)
	nice -n 10 $(BIN)/python benchmarks/bench_scale.py --sizes $(SIZES) --sparql-sizes $(SPARQL_SIZES) --backends $(BACKENDS) --json bench_scale.json

score: install  ## the parser against ../shared/gold
	../shared/bin/score-extraction --cmd "$(BIN)/govkg parse --json {file}"

vendor:  ## re-fetch the pinned front-end libraries from npm into query_api/static/vendor (committed)
	scripts/vendor.sh

clean:
	rm -rf var .pytest_cache .ruff_cache
