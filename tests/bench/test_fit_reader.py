"""The reader fit: its objective, read back from the dev-set figures, is the one its threshold grid maximises; a
threshold fit keeps the models it is given."""

from __future__ import annotations

import json
import random
from types import SimpleNamespace

import pytest

from bench import fit_reader
from qa.reader import MODEL_PATH, PAIR_FEATURES


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
    """Means by task, as ``fit_reader.evaluate`` gives them (no spans here)."""
    return fit_reader.task_means((task, values, ()) for task, values in collections)


def _grid_total(collections: list[tuple[str, dict[str, float]]]) -> float:
    """``fit_report_thresholds``' total, tallied collection by collection as its grid does."""
    return fit_reader.total(fit_reader.tally(collections))


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


def test_a_threshold_fit_that_refits_the_pair_model_starts_from_a_blank_one(tmp_path):
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    stale = {**shipped, "pair": {**shipped["pair"], "features": ["an_old_feature", *PAIR_FEATURES[1:]]}}
    path = tmp_path / "model.json"
    path.write_text(json.dumps(stale), encoding="utf-8")
    with pytest.raises(ValueError, match="refit it"):
        fit_reader.kept_models(path)
    kept = fit_reader.kept_models(path, refit_pair=True)
    assert kept.pair.features == PAIR_FEATURES and not kept.pair.weights.any()
    assert kept.span.features == tuple(shipped["span"]["features"])
    assert list(kept.span.weights) == pytest.approx(shipped["span"]["weights"])


def _reading(doc_id: str, text: str):
    return SimpleNamespace(doc_id=doc_id, short=SimpleNamespace(text=text))


def test_two_true_articles_with_answers_of_their_own_teach_the_pair_model_nothing_in_any_task():
    # A RAMDocs item's answer collection holds the articles of its ambiguity collection: two people who share a
    # name, each article right about its own. Labelled "no clash" there, they taught the pair model that two
    # confident values each missing from the other article are no disagreement.
    roles = {"a": ("true", ("1828",)), "b": ("true", ("1882",)), "c": ("false", ("1835",)), "d": ("true", ("1828",))}
    for task in ("ramdocs-answer", "ramdocs-ambiguity"):
        assert fit_reader.pair_label(_reading("a", "1828"), _reading("b", "1882"), roles, task) == (False, True)
        assert fit_reader.pair_label(_reading("a", "1828"), _reading("c", "1835"), roles, task) == (True, False)
    # two articles with one answer that read different values: one is misread, which the model should learn
    assert fit_reader.pair_label(_reading("a", "1828"), _reading("d", "in 1828"), roles, "ramdocs-answer") \
        == (False, False)
