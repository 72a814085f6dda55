"""The built-in lessons are the seed's six code blocks, unchanged."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES_DIR, SEED_DIR

PAIRS = [
    ("lesson1.py", "01_requires_grad_and_grad_fn.py"),
    ("lesson2.py", "02_requires_grad_in_place.py"),
    ("lesson3.py", "03_gradients_accumulate.py"),
    ("lesson4.py", "04_non_scalar_backward.py"),
    ("lesson5.py", "05_no_grad.py"),
    ("lesson6.py", "06_data.py"),
]


@pytest.mark.parametrize(("seed", "example"), PAIRS)
def test_example_is_the_seed_code_block(seed, example):
    assert (EXAMPLES_DIR / example).read_text() == (SEED_DIR / seed).read_text()


def test_every_example_is_a_seed_lesson():
    assert sorted(p.name for p in EXAMPLES_DIR.glob("*.py")) == sorted(e for _, e in PAIRS)
