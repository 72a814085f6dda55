# Gradient Playground: `make run` opens the window, `make test` runs every test headless.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench dist clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: install
	$(PY) -m playground $(ARGS)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check playground tests
	$(PY) -m ruff format --check playground tests
	$(VENV)/bin/lint-imports

bench: install
	$(PIP) install --quiet -c constraints.txt -e '.[test,bench]'
	$(PY) -m pytest tests/benchmarks --benchmark-enable -p no:randomly $(PYTEST_ARGS)

dist: install
	$(PIP) install --quiet -c constraints.txt -e '.[test,dist]'
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build \
		resources/packaging/gradient-playground.spec
	$(PY) resources/packaging/strip_bundle.py dist/gradient-playground
	rm -f dist/gradient-playground.tar.gz.part
	tar -C dist -czf dist/gradient-playground.tar.gz.part gradient-playground
	mv -f dist/gradient-playground.tar.gz.part dist/gradient-playground.tar.gz
	du -sh dist/gradient-playground dist/gradient-playground.tar.gz

clean:
	rm -rf build dist $(VENV) .pytest_cache
