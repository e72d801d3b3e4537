"""The pipeline's own steps that need no reader: which articles a question about one outlet's report reads, and the
year an article's undated days fall in."""

from datetime import date

from qa.evidence import Evidence
from qa.pipeline import described_articles, outlet_articles, year_hint
from qa.question import read_question
from qa.reader import ArticleText


def _article(doc_id: str, source: str | None, *texts: str) -> ArticleText:
    return ArticleText(doc_id, tuple(Evidence(doc_id=doc_id, text=text, quote=text, start=0, end=len(text),
                                              source=source, position=k)
                                     for k, text in enumerate(texts or ["The strike ended on Monday."])))


def test_a_question_about_one_outlets_report_reads_that_outlets_articles():
    articles = [_article("a", "North Press"), _article("b", "Reuters"), _article("c", None)]
    assert [a.doc_id for a in outlet_articles(articles, "North Press")] == ["a"]
    assert [a.doc_id for a in outlet_articles(articles, "north press")] == ["a"], "matched by its words"
    assert outlet_articles(articles, "TASS") == [], "an outlet no article is from: the articles may quote it"
    assert outlet_articles(articles, None) == []


def test_a_question_about_the_report_it_describes_reads_the_reports_that_fit():
    lyon = _article("a", None, "LYON, March 4 (Rhone Wire) - The strike ended on Monday.", "Mayor Ines Rocha said so.")
    porto = _article("b", None, "PORTO, March 5 - The strike ended on Tuesday, Reuters reported.")
    plain = _article("c", None, "The strike ended this week.")
    articles = [lyon, porto, plain]

    def read(question: str) -> list[str]:
        return [a.doc_id for a in described_articles(articles, read_question(question).report)]

    assert read("When did the strike end, according to the Lyon-datelined report?") == ["a"]
    assert read("When did the strike end, according to the report datelined in Porto?") == ["b"]
    assert read("When did the strike end, per the Reuters-based story?") == ["b"]
    assert read("How does the report quoting Mayor Rocha describe the end of the strike?") == ["a"]
    assert read("When did the strike end, according to the report citing the union?") == [], \
        "a source in common words picks none"
    assert read("When did the strike end?") == []


def _dated(doc_id: str, text: str, published: str | None) -> ArticleText:
    return ArticleText(doc_id, (Evidence(doc_id=doc_id, text=text, quote=text, start=0, end=len(text),
                                         published=published),))


def test_the_year_hint_comes_from_weekdays_and_dates_else_from_the_years_the_articles_are_dated_in():
    today = date(2026, 12, 7)
    weekday = _dated("a", "By Sunday, December 1, the town had fallen.", None)
    assert year_hint([weekday], today) == 2024, "the latest year whose December 1 is a Sunday"
    undated = _dated("b", "The plane left the runway on Wednesday.", "--10-09")
    dated = _dated("c", "The plane left the runway on 8 October.", "2025-10-09")
    assert year_hint([undated, dated], today) == 2025, "the one year the dated report gives"
    assert year_hint([undated, dated, _dated("d", "It rained.", "2023-05-01")], today) is None, "two years: none"
    assert year_hint([undated], today) is None
