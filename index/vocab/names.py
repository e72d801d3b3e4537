"""The small words inside proper names: "Bashar al-Assad", "Ludwig van Beethoven", "Mohammed bin Salman"."""

from __future__ import annotations

__all__ = ["NAME_PARTICLES"]

NAME_PARTICLES = frozenset({"al", "el", "the", "of", "de", "da", "di", "la", "le", "von", "van", "der", "den", "bin",
                            "ibn", "and", "&", "du", "del"})
"""Lower-case words that join the parts of a name and do not identify it."""
