from index.text import find_repeated_paragraphs, fold_whitespace, split_paragraphs
from index.vocab import split_sentences
from tests.conftest import SEEDS


def texts(text, spans):
    return [text[s:e] for s, e in spans]


def test_each_line_is_a_paragraph_in_line_per_paragraph_news():
    text = "Headline Without A Period\nFirst paragraph is here. It has two sentences.\n\nThird one."
    assert texts(text, split_paragraphs(text)) == [
        "Headline Without A Period", "First paragraph is here. It has two sentences.", "Third one."]


def test_hard_wrapped_block_is_one_paragraph_with_its_newlines():
    text = ("This is a hard wrapped paragraph, the way plain-text newsletters and\n"
            "mailing lists send their articles, with lines broken near seventy\n"
            "characters.\n\nSecond para.")
    spans = split_paragraphs(text)
    assert texts(text, spans)[0].endswith("characters.") and "\n" in texts(text, spans)[0]
    assert texts(text, spans)[1] == "Second para."


def test_a_headline_over_a_paragraph_on_one_long_line_is_a_paragraph_of_its_own():
    body = ("PORTO, March 13 (Harbour Wire) – A ferry struck the quay on Thursday morning, injuring 41 people, as a "
            "strike by dockworkers entered its fourth day. The operator said the crossing would stay shut.")
    text = f"Ferry slams into quay in strike-hit port of Porto, 41 injured\n{body}\n\nSecond paragraph."
    assert texts(text, split_paragraphs(text)) == ["Ferry slams into quay in strike-hit port of Porto, 41 injured",
                                                   body, "Second paragraph."]


def test_a_headline_over_a_byline_or_dateline_line_is_a_paragraph_of_its_own():
    for top in ("By Ana Ruiz, Harbour Daily, 14 March 2025", "PORTO, Portugal, March 13 (Harbour Wire) –",
                "Harbour Daily", "Pan-Atlantic News Service"):
        text = f"Ferry slams into quay in strike-hit port of Porto, 41 injured\n{top}\n\nA ferry hit the quay."
        assert texts(text, split_paragraphs(text))[:2] == [
            "Ferry slams into quay in strike-hit port of Porto, 41 injured", top]


def test_sentence_spans_are_exact_slices_of_every_seed():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for start, end in split_paragraphs(text):
            for s, e in split_sentences(text, start, end):
                assert start <= s < e <= end
                assert text[s:e] == text[s:e].strip() and text[s:e]


def test_seed_003_repeated_headline_and_body_are_found():
    text = (SEEDS / "003_cd9dee10429034ff.txt").read_text(encoding="utf-8")
    spans = split_paragraphs(text)
    repeated = find_repeated_paragraphs(text, spans)
    kept = [text[s:e] for i, (s, e) in enumerate(spans) if i not in repeated]
    assert len(kept) == len(set(kept)) == 10  # headline, 8 body paragraphs, the editor line
    assert kept[0] == "Bashar al-Assad’s Escapes to Moscow, Russian Source Reveals"


def test_repeats_match_across_spacing_and_quote_styles():
    text = "He said “yes”.\nOther.\nHe  said \"yes\"."
    assert find_repeated_paragraphs(text, split_paragraphs(text)) == {2}


def test_fold_whitespace():
    assert fold_whitespace("\ufeff a\n\tb  c ") == "a b c"


def test_folded_positions_point_each_folded_char_at_its_source():
    from index.text import fold_whitespace, folded_positions

    text = "  Assad’s\n   24-year \ufeff rule  "
    folded = fold_whitespace(text)
    positions = folded_positions(text)
    assert len(positions) == len(folded)
    assert all(text[p] == c for p, c in zip(positions, folded) if c != " ")


def test_offsets_map_a_span_of_readable_text_to_its_quote():
    from index.text import encode_offsets, map_offsets

    quote = "Assad&#8217;s <b>24-year</b>\n rule"
    text = "Assad’s 24-year rule"
    spans = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 12), (12, 13), (13, 14), (17, 18), (18, 19), (19, 20),
             (20, 21), (21, 22), (22, 23), (23, 24), (28, 29), (31, 32), (32, 33), (33, 34), (34, 35)]
    assert len(spans) == len(text)
    encoded = encode_offsets(spans)
    a, b = map_offsets(encoded, text.index("24-year"), text.index("24-year") + 7)
    assert quote[a:b] == "24-year"
    a, b = map_offsets(encoded, 0, 7)
    assert quote[a:b] == "Assad&#8217;s"
    assert encode_offsets([(i, i + 1) for i in range(5)]) is None
    assert map_offsets(None, 2, 4) == (2, 4)
