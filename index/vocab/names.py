"""The small words inside proper names: "Bashar al-Assad", "Ludwig van Beethoven", "Mohammed bin Salman"."""

from __future__ import annotations

__all__ = ["NAME_PARTICLES", "PERSON_TITLES"]

NAME_PARTICLES = frozenset({"al", "el", "the", "of", "de", "da", "di", "la", "le", "von", "van", "der", "den", "bin",
                            "ibn", "and", "&", "du", "del"})
"""Lower-case words that join the parts of a name and do not identify it."""

PERSON_TITLES = frozenset("""president minister ceo chairman chairwoman senator governor mayor chancellor spokesman
spokeswoman spokesperson pope premier ambassador envoy""".split())
"""Titles written before a person's name or "of" a place ("President Bashar al-Assad", "Minister of Defence"): a
run of capitalised words holding one names a person. Titles that often name things after people ("King's College",
"Prince Edward Island", "General Motors") are left out."""
