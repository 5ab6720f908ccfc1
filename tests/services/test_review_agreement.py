"""Agreement between reviewers: Cohen's kappa on a hand-computed example, built from each one's own verdicts."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.services.review_helpers import add_article, claim
from workbench.cli import main
from workbench.services.agreement import agreement, cohen_kappa, kappa_interval
from workbench.services.review import ItemRef, ReviewService
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

# Ten items. A: T T T T F F F M M M; B: T T T F F F M M M T (T true, F false, M mostly_true).
# Agreement 7/10 = 0.7. Both use T 4x, F 3x, M 3x, so chance agreement = (16 + 9 + 9) / 100 = 0.34 and
# kappa = (0.7 - 0.34) / (1 - 0.34) = 0.36 / 0.66 = 6/11.
A = ["true"] * 4 + ["false"] * 3 + ["mostly_true"] * 3
B = ["true"] * 3 + ["false"] * 3 + ["mostly_true"] * 3 + ["true"]


def test_kappa_by_hand() -> None:
    assert cohen_kappa(list(zip(A, B, strict=True))) == pytest.approx(6 / 11)


def test_kappa_edge_cases() -> None:
    assert cohen_kappa([]) is None
    assert cohen_kappa([("true", "true")] * 3) is None  # no variation: chance explains everything
    assert cohen_kappa([("true", "false"), ("false", "true")]) == pytest.approx(-1.0)
    assert cohen_kappa([("true", "true"), ("false", "false")]) == pytest.approx(1.0)


def test_agreement_uses_each_reviewers_own_latest_verdict(store: Store) -> None:
    text = " ".join(f"{n} ships." for n in range(11, 21))
    add_article(store, text, claims=[claim(text, str(n), kind="count", value=n, unit="ships") for n in range(11, 21)])
    ana, bob, cy = (ReviewService(store, name) for name in ("ana", "bob", "cy"))
    for item, (label_a, label_b) in enumerate(zip(A, B, strict=True), start=1):
        ana.set_verdict(f"claim:{item}", "half_true")  # an earlier opinion that ana replaces below
        ana.set_verdict(f"claim:{item}", label_a, f"ana on {item}")
        bob.set_verdict(f"claim:{item}", label_b, f"bob on {item}")  # the shared verdict is now bob's
    cy.set_verdict("claim:1", "true")
    cy.set_verdict("claim:4", "true")
    cy.set_verdict("claim:5", "true")
    cy.undo()  # withdrawn: not a judgement any more

    ab, ac, bc = agreement(store)
    assert (ab.reviewer_a, ab.reviewer_b, ab.items, ab.agreed) == ("ana", "bob", 10, 7)
    assert ab.kappa == pytest.approx(6 / 11)
    assert ab.observed == pytest.approx(0.7)
    assert [(str(d.item), d.label_a, d.label_b, d.rationale_a) for d in ab.disagreements] == [
        ("claim:4", "true", "false", "ana on 4"),
        ("claim:7", "false", "mostly_true", "ana on 7"),
        ("claim:10", "mostly_true", "true", "ana on 10"),
    ]
    assert (ac.reviewer_b, ac.items, ac.agreed, ac.kappa) == ("cy", 2, 2, None)
    assert (bc.items, bc.agreed) == (2, 1)
    assert bc.disagreements[0].item == ItemRef("claim", 4)


def test_kappa_interval_matches_an_independent_implementation() -> None:
    # statsmodels.stats.inter_rater.cohens_kappa on the same 3x3 table: kappa_low 0.1172347, kappa_upp 0.9736744.
    low, high = kappa_interval(list(zip(A, B, strict=True)))
    assert (low, high) == (pytest.approx(0.1172347, abs=1e-6), pytest.approx(0.9736744, abs=1e-6))
    # Twice the items in the same proportions: the same kappa, an interval narrower by sqrt(2).
    low2, high2 = kappa_interval(list(zip(A, B, strict=True)) * 2)
    assert (high2 - low2) == pytest.approx((high - low) / 2**0.5)
    assert kappa_interval([("true", "true")] * 3) is None
    # A label only one of them used (statsmodels: kappa 0.7857, interval 0.42844 to 1.14299, clipped here to 1).
    one_sided = [
        ("true", "true"),
        ("true", "true"),
        ("false", "false"),
        ("half_true", "half_true"),
        ("mostly_false", "mostly_false"),
        ("unverifiable", "false"),
    ]
    assert cohen_kappa(one_sided) == pytest.approx(0.7857143)
    assert kappa_interval(one_sided) == (pytest.approx(0.4284394, abs=1e-6), 1.0)


def _judged_by_both(store: Store, labels_a: list[str], labels_b: list[str]) -> None:
    text = " ".join(f"{n} ships." for n in range(11, 11 + len(labels_a)))
    add_article(
        store,
        text,
        claims=[claim(text, str(n), kind="count", value=n, unit="ships") for n in range(11, 11 + len(labels_a))],
    )
    ana, bob = ReviewService(store, "ana"), ReviewService(store, "bob")
    for item, (label_a, label_b) in enumerate(zip(labels_a, labels_b, strict=True), start=1):
        ana.set_verdict(f"claim:{item}", label_a)
        bob.set_verdict(f"claim:{item}", label_b)


def test_one_shared_item_is_too_small_a_sample(store: Store, runner: CliRunner) -> None:
    _judged_by_both(store, ["true"], ["true"])
    (pair,) = agreement(store)
    assert (pair.items, pair.too_few, pair.kappa, pair.kappa_low) == (1, True, None, None)
    result = runner.invoke(main, ["--db", str(store.path), "agreement"])
    assert result.exit_code == 0
    assert "sample too small (n=1; kappa needs at least 5 shared items)" in " ".join(result.output.split())
    assert "0.000" not in result.output
    (record,) = [
        json.loads(line)
        for line in runner.invoke(main, ["--db", str(store.path), "agreement", "--json"]).output.splitlines()
    ]
    assert (record["items"], record["too_few"], record["kappa"]) == (1, True, None)


def test_enough_items_report_n_observed_kappa_and_its_interval(store: Store, runner: CliRunner) -> None:
    _judged_by_both(store, A, B)
    result = runner.invoke(main, ["--db", str(store.path), "agreement"])
    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    assert "70%" in flat and "0.545 (0.12 to 0.97)" in flat and "n (both judged)" in flat
