"""The report's development-data section and the merge that keeps sections whose figures were not saved."""

from __future__ import annotations

from bench import report


def _row(task, metric, label, tune, heldout, n=10):
    return {"task": task, "metric": metric, "label": label, "over": "items", "tune": tune, "n_tune": n,
            "heldout": heldout, "n_heldout": n, "all": None, "n_all": 2 * n}


def test_devset_section_shows_both_splits_and_the_proxy_targets():
    result = {"rows": [_row("rgb-conflict", "recall_value", "disagreement recall", 0.95, 0.85),
                       _row("rgb-control", "false_report", "false reports", 0.0, 0.02),
                       _row("rgb-answer", "short_em", "short answer exact match", None, None, n=0)],
              "settings": {"split": "all", "tasks": ["rgb-conflict", "rgb-control"], "limit": None},
              "seconds": 12.0, "embedding": {"encoded": 5, "from_cache": 7}, "measured": "2026-01-01 10:00"}
    text = "\n".join(report.devset_section(result))
    assert "| rgb-conflict | disagreement recall | 0.950 | 10 | 0.850 | 10 |" in text
    assert "| rgb-answer | short answer exact match | - | 0 | - | 0 |" in text
    assert "| RGB disagreement recall >= 0.9 | rgb-conflict: 0.850 (n 10) | **not met** |" in text
    assert "| RGB false reports <= 5% | rgb-control: 0.020 (n 10) | met |" in text
    assert "5 texts encoded by the model" in text and "CC BY-NC-SA 4.0" in text


OLD = """# Title

Written by old.

## Targets

| target | figure | verdict |
| --- | --- | --- |
| ask p50 | 38 ms | met |

## Core figures

core table

## Notes

- a note
"""

NEW = """# Title

Written by new.

## Targets

| target | figure | verdict |
| --- | --- | --- |
| recall | 0.9 | met |

## Development data

dev table
"""


def test_merge_keeps_unsaved_sections_and_target_rows_and_takes_new_ones():
    merged = report.merge_reports(OLD, NEW)
    assert merged.startswith("# Title\n\nWritten by new.")
    assert "| recall | 0.9 | met |" in merged and "| ask p50 | 38 ms | met |" in merged
    assert merged.index("## Core figures") < merged.index("## Development data") < merged.index("## Notes")
    assert "core table" in merged and "dev table" in merged
    again = report.merge_reports(merged, NEW.replace("dev table", "new dev table"))
    assert "new dev table" in again and "\ndev table" not in again and again.count("## Development data") == 1


def test_merge_keeps_the_hand_written_subsections_of_a_section_it_rewrites():
    old = OLD.replace("## Notes", "## Development data\n\nold dev table\n\n### Before and after\n\nby hand\n\n## Notes")
    merged = report.merge_reports(old, NEW)
    assert "old dev table" not in merged and "dev table" in merged
    assert merged.index("dev table") < merged.index("### Before and after\n\nby hand") < merged.index("## Notes")
    assert report.merge_reports(merged, NEW).count("### Before and after") == 1
