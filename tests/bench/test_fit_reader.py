"""The reader fit's objective, read back from the dev-set figures, is the one its threshold grid maximises."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from bench import fit_reader


def _collection(task: str, rng: random.Random) -> dict[str, float]:
    """One collection's score values, shaped as ``devdata.score`` gives them for its task."""
    values: dict[str, float] = {}
    if task in ("rgb-answer", "ramdocs-answer", "rgb-abstain"):
        values["answered"] = float(rng.random() < 0.8)
    if task in ("rgb-answer", "ramdocs-answer"):
        values["correct_any"] = float(values["answered"] and rng.random() < 0.7)
        values["short_given"] = float(rng.random() < 0.6)
        values["short_em"] = float(values["short_given"] and rng.random() < 0.5)
    if task in ("rgb-conflict", "rgb-paraphrase") or task == "ramdocs-answer" and rng.random() < 0.5:
        values["recall_both"] = float(rng.random() < 0.4)
    return values


def _figures(collections: list[tuple[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Means by task, each metric over the collections that have it, and ``n`` (as ``fit_reader.evaluate``)."""
    sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for task, values in collections:
        for name, value in values.items():
            sums[task][name] += value
            counts[task][name] += 1
        sums[task]["n"] += 1
        counts[task]["n"] = 1
    return {task: {k: v / counts[task][k] for k, v in metrics.items()} for task, metrics in sums.items()}


def _grid_total(collections: list[tuple[str, dict[str, float]]]) -> float:
    """``fit_report_thresholds``' total, tallied collection by collection as its grid does."""
    tallies: dict[str, list[float]] = defaultdict(list)
    for task, values in collections:
        if "recall_both" in values:
            tallies[f"{task}:recall"].append(values["recall_both"])
        if task in fit_reader._UTILITY_TASKS:
            tallies["answer_utility"].append(fit_reader.answer_utility(values))
            if values.get("short_given"):
                tallies["short_utility"].append(2.0 * values["short_em"] - 1.0)
            elif "short_given" in values:
                tallies["short_utility"].append(0.0)
    mean = {k: sum(v) / len(v) for k, v in tallies.items()}
    recall = sum(mean.get(f"{t}:recall", 0.0) for t in ("rgb-conflict", "rgb-paraphrase", "ramdocs-answer")) / 3
    return recall + (mean["answer_utility"] + mean["short_utility"]) / 2


@pytest.mark.parametrize("seed", range(5))
def test_the_objective_from_the_figures_is_the_grids_total(seed):
    rng = random.Random(seed)
    tasks = ["rgb-answer", "rgb-abstain", "ramdocs-answer", "rgb-conflict", "rgb-paraphrase", "rgb-control"]
    collections = [(task, _collection(task, rng)) for task in tasks for _ in range(rng.randint(3, 30))]
    assert fit_reader.objective(_figures(collections)) == pytest.approx(_grid_total(collections))


def test_answering_an_unanswerable_collection_lowers_the_objective_and_declining_it_does_not():
    right = [("rgb-answer", {"answered": 1.0, "correct_any": 1.0, "short_given": 1.0, "short_em": 1.0})]
    declined = right + [("rgb-abstain", {"answered": 0.0})]
    answered = right + [("rgb-abstain", {"answered": 1.0})]
    assert fit_reader.objective(_figures(declined)) == pytest.approx(0.5 * (0.5 + 1.0))
    assert fit_reader.objective(_figures(answered)) == pytest.approx(0.5 * (0.0 + 1.0))
