"""The speaker matcher of benchmarks/review_labels_eval.py, which scores every labelled speaker sample."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _matcher():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("review_labels_eval", BENCHMARKS / "review_labels_eval.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules.setdefault("review_labels_eval", module)  # its dataclasses look their module up
        spec.loader.exec_module(sys.modules["review_labels_eval"])
        module = sys.modules["review_labels_eval"]
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module.speaker_matches


def test_accents_do_not_make_another_person():
    matches = _matcher()
    assert matches("Marielena Hincapié", "Marielena Hincapie")
    assert matches("Hincapie", "Marielena Hincapié")
    assert not matches("Lindsay Mills", "Jonathan Mills")
    assert not matches("the statement", "Andy Lack")
