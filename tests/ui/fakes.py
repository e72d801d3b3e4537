"""Scripted values for the UI tests (a disagreement, hostile markup) over the fake engine on the seed articles."""

from __future__ import annotations

from pathlib import Path

from qa import Answer, Citation, Claim, Disagreement
from tests.fake_engine import FakeEngine

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DISAGREEMENT_QUESTION = "How long did Bashar al-Assad rule Syria?"


def disagreement_answer(engine: FakeEngine) -> Answer:
    """An answer whose sources disagree (24 years vs over 20 years), as the real detector would report it."""
    c1 = engine.cite("This development follows the collapse", 1)
    c2 = engine.cite("This development comes in the wake", 2)
    claims = tuple(Claim(doc_id=c.doc_id, n=c.n, quote=c.quote, start=c.start, end=c.end, value=value,
                         source=source, published=published, side=side)
                   for c, value, source, published, side in (
                       (c1, "24 years", "Daily Gazette", "2024-12-09", 0),
                       (c2, "over 20 years", "Morning Post", "--12-09", 1)))
    return Answer(question=DISAGREEMENT_QUESTION,
                  answer="Assad's government collapsed, ending his 24-year rule [1]. "
                         "Another report puts it at over 20 years [2].",
                  answered=True, citations=(c1, c2),
                  disagreements=(Disagreement(topic="length of Assad's rule", kind="number",
                                              summary="The articles give different lengths for Assad's rule.",
                                              claims=claims),))


def fake_seed_engine() -> FakeEngine:
    """The fake engine over the seed articles, scripted with one disagreement."""
    engine = FakeEngine.from_paths([SEEDS])
    engine.scripted[DISAGREEMENT_QUESTION] = disagreement_answer(engine)
    return engine


HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">[click](javascript:alert(1))'


def hostile_answer(question: str = "hostile?") -> Answer:
    """An answer in which every untrusted field carries markup that must stay inert."""
    c = Citation(n=1, doc_id="evil", quote=HOSTILE, start=0, end=len(HOSTILE), score=1.0, text=HOSTILE,
                 title=f"Title {HOSTILE}", source=f"Outlet {HOSTILE}", published="2024-12-09",
                 file="/tmp/<evil>.txt", url="javascript:alert(1)")
    claim = Claim(doc_id="evil", n=1, quote=HOSTILE, start=0, end=len(HOSTILE), value=f"value {HOSTILE}",
                  source=f"Claim outlet {HOSTILE}")
    return Answer(question=question, answer=f"Answer {HOSTILE} [1]", answered=True, citations=(c,),
                  disagreements=(Disagreement(topic=f"topic {HOSTILE}", kind="other", summary=f"summary {HOSTILE}",
                                              claims=(claim, claim)),),
                  notice=f"notice {HOSTILE}", unsupported=(f"unsupported {HOSTILE}",))
