"""The pipeline's own steps that need no reader: which articles a question about one outlet's report reads."""

from qa.evidence import Evidence
from qa.pipeline import outlet_articles
from qa.reader import ArticleText


def _article(doc_id: str, source: str | None) -> ArticleText:
    text = "The strike ended on Monday."
    return ArticleText(doc_id, (Evidence(doc_id=doc_id, text=text, quote=text, start=0, end=len(text), source=source),))


def test_a_question_about_one_outlets_report_reads_that_outlets_articles():
    articles = [_article("a", "North Press"), _article("b", "Reuters"), _article("c", None)]
    assert [a.doc_id for a in outlet_articles(articles, "North Press")] == ["a"]
    assert [a.doc_id for a in outlet_articles(articles, "north press")] == ["a"], "matched by its words"
    assert outlet_articles(articles, "TASS") == [], "an outlet no article is from: the articles may quote it"
    assert outlet_articles(articles, None) == []
