"""The small words inside proper names: "Bashar al-Assad", "Ludwig van Beethoven", "Mohammed bin Salman"."""

from __future__ import annotations

import re

__all__ = ["NAME_PARTICLES", "NAME_FIRST_WORD", "NAME_NEXT_WORD", "PERSONAL_NAME", "PERSON_TITLES",
           "DEMONYM_PLACES"]

NAME_PARTICLES = frozenset({"al", "el", "es", "the", "of", "de", "da", "di", "do", "dos", "das", "la", "le", "von",
                            "van", "der", "den", "bin", "ibn", "and", "&", "du", "del", "y"})
"""Lower-case words that join the parts of a name and do not identify it."""

NAME_FIRST_WORD = r"[A-Z][\w’'-]*"
NAME_NEXT_WORD = (r"\s+(?:(?:" + "|".join(sorted(re.escape(p) for p in NAME_PARTICLES - {"and", "&"}))
                  + r")[-\s]+)?[A-Z][\w’'-]*")
"""Regular-expression parts of a run of capitalised words that makes a name: its first word, and each next word,
joined by a particle or not ("Bashar al-Assad", "Ludwig van Beethoven", "Bank of England")."""

PERSONAL_NAME = NAME_FIRST_WORD + r"(?:\s+(?:(?:" + "|".join(sorted(NAME_PARTICLES - {"of", "the", "and", "&"})) \
    + r")[-\s]+)?[A-Z][\w’'-]*)*"
"""A regular expression for a person's name: capitalised words joined by the particles of personal names, not by
"of" or "the" ("Abu Mohammed al Jolani"; of "President Assad of Syria", "Assad")."""

PERSON_TITLES = frozenset("""president minister ceo chair chairman chairwoman chairperson senator governor mayor
chancellor spokesman spokeswoman spokesperson pope premier ambassador envoy secretary secretary-general""".split())
"""Titles written before a person's name or "of" a place ("President Bashar al-Assad", "Minister of Defence"): a
run of capitalised words holding one names a person. Titles that often name things after people ("King's College",
"Prince Edward Island", "General Motors") are left out."""

HONORIFICS = frozenset("""mr mrs ms dr inspector detective sergeant constable superintendent commissioner professor
prof judge sir dame captain colonel lieutenant admiral reverend rev""".split())
"""Ranks and honorifics written before a person's name ("Chief Inspector Gareth Pryce", "Professor Ana Ruiz", "Dr
Ana Ruiz"): no given names."""

DEMONYM_PLACES = {
    "french": "france", "dutch": "netherlands", "british": "britain", "english": "england", "scottish": "scotland",
    "welsh": "wales", "irish": "ireland", "swiss": "switzerland", "greek": "greece", "danish": "denmark",
    "swedish": "sweden", "finnish": "finland", "polish": "poland", "turkish": "turkey", "spanish": "spain",
    "norwegian": "norway", "chinese": "china", "filipino": "philippines", "thai": "thailand", "belgian": "belgium",
    "canadian": "canada", "mexican": "mexico", "moroccan": "morocco", "afghan": "afghanistan",
    "german": "germany", "italian": "italy", "hungarian": "hungary", "somali": "somalia", "lebanese": "lebanon",
    "argentine": "argentina", "argentinian": "argentina", "emirati": "emirates", "kuwaiti": "kuwait",
    "bahraini": "bahrain", "omani": "oman", "peruvian": "peru", "malagasy": "madagascar", "icelandic": "iceland",
    "israeli": "israel",
}
"""Adjectives of nationality that are not their place's name with a short ending ("French" of France; "Syrian" of
Syria needs no entry): the place a question's "the French election" is about, and so no answer to it."""
COMPANY_FORMS = frozenset("""Ltd Limited plc PLC Inc Incorporated Corp Corporation Co LLC LLP GmbH AG SA NV BV AB ASA
Oy Oyj SpA Srl Pty KK""".split())
"""The legal forms a company's name ends in ("Norvale Foods Ltd", "Tarnby Kraft AB"): a name ending in one is a
company's, whatever its other words."""
