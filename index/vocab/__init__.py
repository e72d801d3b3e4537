"""The shared text vocabulary of Sourcewise: tokens, stems, stopwords, name particles, calendar and number words,
sentences, citation markers, question words, synonyms and vector cosine.

Pure and cheap to import; ``index`` and ``qa`` both use it.
"""

from index.vocab.calendar import (CALENDAR_NAMES, MONTH_ABBREVIATIONS, MONTH_NAMES, MONTH_WORDS, MONTHS,
                                  WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES, WEEKDAY_WORDS, WEEKDAYS, YEAR_DIGITS,
                                  alternation, format_date, month_number)
from index.vocab.markers import (MARKER, MARKER_RUN, Marker, format_markers, parse_markers, renumber_markers,
                                 split_markers, strip_markers)
from index.vocab.names import (COMPANY_FORMS, DEMONYM_PLACES, HONORIFICS, NAME_FIRST_WORD, NAME_NEXT_WORD,
                               NAME_PARTICLES, PERSON_TITLES, PERSONAL_NAME)
from index.vocab.numbers import (COMPOUND_NUMBER, NUMBER_IN_WORDS, NUMBER_WORDS, ORDINAL_WORDS, SCALES, TENS, UNITS,
                                 word_to_number)
from index.vocab.questions import (ACCOUNT_VERBS, AUXILIARIES, BUSINESS_NOUNS, CATEGORY_NOUNS, CHANGE_VERBS,
                                   CURRENT_WORDS, DESTINATION_WORDS, DURATION_UNITS, EVENT_DATE_NOUNS, FORMER_WORDS,
                                   HEADCOUNT_NOUNS, HOW_WORDS, KIN_NOUNS, KIN_WORDS, LEADER_NOUNS, LEADING_VERBS,
                                   LEAVING_WORDS, LIFE_EVENT_WORDS, MEASURE_NOUNS, MONEY_NOUNS, MONEY_SENSES,
                                   MONEY_VERBS, MOVING_WORDS, ORGANISATION_NOUNS, PERSON_NOUNS, PLACE_NOUNS,
                                   POINT_EVENT_WORDS, QUESTION_WORDS, REPORTING_VERBS, ROLE_NOUNS, ROLES_FOR_SOMEONE,
                                   SHARE_NOUNS, SOURCE_VERBS, SPEECH_VERBS, TIME_NOUNS, TOP_POSTS, WORK_NOUNS)
from index.vocab.sentences import ABBREVIATIONS, MAX_SENTENCE_CHARS, Span, split_sentences, trim_span
from index.vocab.stems import TERMS_VERSION, content_terms, is_inflected_verb, is_irregular_past, stem
from index.vocab.stopwords import LIGHT_WORDS, STOPWORDS, is_stopword
from index.vocab.synonyms import (NOUN_ACT, NOUN_ARTIFACT, NOUN_COMMUNICATION, NOUN_EVENT, NOUN_GROUP, NOUN_LOCATION,
                                  NOUN_OBJECT, NOUN_PERSON, NOUN_STATE, PHRASE_WORDS, a_verb_form, base_forms,
                                  capital_of, first_noun_class, noun_classes, noun_senses, only_an_adjective,
                                  phrase_synonym_stems, synonym_stems, used_most_as_verb)
from index.vocab.tokens import Token, fold_accents, fold_word, token_texts, tokenize, word_parts
from index.vocab.vectors import cosine_similarity

__all__ = [
    # tokens and words
    "Token", "tokenize", "token_texts", "word_parts", "fold_accents", "fold_word", "stem", "is_irregular_past",
    "is_inflected_verb", "content_terms", "TERMS_VERSION", "STOPWORDS", "LIGHT_WORDS", "is_stopword", "NAME_PARTICLES",
    "PERSON_TITLES", "HONORIFICS", "NAME_FIRST_WORD", "NAME_NEXT_WORD", "PERSONAL_NAME", "DEMONYM_PLACES",
    "COMPANY_FORMS",
    "synonym_stems", "phrase_synonym_stems", "used_most_as_verb", "a_verb_form", "base_forms", "noun_senses",
    "noun_classes",
    "first_noun_class", "only_an_adjective", "PHRASE_WORDS", "capital_of",
    "NOUN_ACT", "NOUN_ARTIFACT", "NOUN_COMMUNICATION", "NOUN_EVENT", "NOUN_GROUP", "NOUN_LOCATION", "NOUN_OBJECT",
    "NOUN_PERSON", "NOUN_STATE",
    # calendar and numbers
    "MONTH_NAMES", "MONTHS", "MONTH_WORDS", "MONTH_ABBREVIATIONS", "WEEKDAY_NAMES", "WEEKDAYS", "WEEKDAY_WORDS",
    "WEEKDAY_ABBREVIATIONS", "CALENDAR_NAMES", "YEAR_DIGITS", "month_number", "alternation", "format_date",
    "UNITS", "TENS", "SCALES", "NUMBER_WORDS", "ORDINAL_WORDS", "COMPOUND_NUMBER", "NUMBER_IN_WORDS", "word_to_number",
    # sentences and citation markers
    "ABBREVIATIONS", "MAX_SENTENCE_CHARS", "Span", "split_sentences", "trim_span",
    "MARKER", "MARKER_RUN", "Marker", "parse_markers", "format_markers", "strip_markers", "split_markers",
    "renumber_markers",
    # questions and vectors
    "QUESTION_WORDS", "AUXILIARIES", "HOW_WORDS", "TIME_NOUNS", "DURATION_UNITS", "EVENT_DATE_NOUNS", "MEASURE_NOUNS",
    "MONEY_NOUNS", "MONEY_SENSES", "MONEY_VERBS", "SHARE_NOUNS", "PERSON_NOUNS", "PLACE_NOUNS", "ORGANISATION_NOUNS",
    "BUSINESS_NOUNS", "WORK_NOUNS",
    "LEAVING_WORDS", "DESTINATION_WORDS", "MOVING_WORDS", "CURRENT_WORDS", "FORMER_WORDS", "REPORTING_VERBS",
    "ACCOUNT_VERBS", "ROLE_NOUNS", "ROLES_FOR_SOMEONE", "LEADER_NOUNS", "LEADING_VERBS", "CATEGORY_NOUNS",
    "HEADCOUNT_NOUNS",
    "POINT_EVENT_WORDS", "KIN_NOUNS", "KIN_WORDS", "LIFE_EVENT_WORDS", "SPEECH_VERBS", "SOURCE_VERBS", "CHANGE_VERBS",
    "TOP_POSTS",
    "cosine_similarity",
]
