# presslens: `make run` takes a fresh clone to results, `make test` checks everything.
# Uses the active virtualenv/conda env when there is one, else creates .venv/ here.
# (Each recipe line runs in its own shell: we call the env's python directly, never `activate`.)

ifdef VIRTUAL_ENV
ENV_DIR := $(VIRTUAL_ENV)
else ifdef CONDA_PREFIX
ENV_DIR := $(CONDA_PREFIX)
else
ENV_DIR := .venv
endif
PY := $(ENV_DIR)/bin/python
STAMP := $(ENV_DIR)/.presslens-installed
PYTHON ?= python3

.PHONY: help install run ingest test lint format bench lab clean

help:
	@echo "make run     ingest data/raw, execute every notebook, write reports/ (creates .venv if needed)"
	@echo "make test    ruff check, ruff format --check, pytest"
	@echo "make ingest  only clean data/raw into data/processed"
	@echo "make bench   run the benchmarks and print their figures"
	@echo "make lab     open the notebooks in JupyterLab"
	@echo "make format  apply ruff's formatting and safe fixes"

$(PY):
	$(PYTHON) -m venv $(ENV_DIR)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m presslens run

ingest: install
	$(PY) -m presslens ingest

test: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: install
	$(PY) benchmarks/run.py

lab: install
	$(PY) -m jupyter lab notebooks/

clean:
	rm -rf data/processed/articles.parquet data/processed/paragraphs.parquet data/processed/ingest_report.csv data/processed/.cache reports/*
