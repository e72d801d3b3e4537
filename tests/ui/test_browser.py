"""The real app in headless Chromium: answers with linked markers and highlighted quotes, the disagreement
callout, hostile uploads staying inert, uploads and removal, several tabs at once, and the /ask API.

Screenshots of each state are saved under test-output/ui/ for a person to look at.
"""

from __future__ import annotations

import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

from index.vocab import MARKER
from qa import Turn
from tests.ui.fakes import DISAGREEMENT_QUESTION

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 30_000
HOSTILE_ARTICLE = (
    "Zebraton Quokka Festival <script>window.__pwned=1</script> report\n"
    "The quokka festival in Zebraton drew 5,000 visitors <img src=x onerror=\"window.__pwned=1\"> according to "
    "[the organisers](javascript:window.__pwned=1).\n"
)


def open_app(page: Page, url: str) -> list[str]:
    """Load the app; returns the list (filled as the page runs) of requests that left this machine."""
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(url)
    expect(page.locator("#sw-question textarea")).to_be_visible(timeout=TIMEOUT)
    return outside


def ask(page: Page, question: str) -> None:
    """Ask in the chat and wait for the finished answer (its sources appear when streaming ends)."""
    answered = page.locator(".sw-turn-sources").count()
    page.fill("#sw-question textarea", question)
    page.click("#sw-ask")
    expect(page.locator(".sw-turn-sources")).to_have_count(answered + 1, timeout=TIMEOUT)


def last_answer(page: Page):
    return page.locator(".sw-msg.sw-bot .sw-bubble").last


def assert_not_pwned(page: Page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_answer_shows_markers_linked_to_highlighted_quotes(real_app, page, screenshots):
    question = "Where did Assad and his family arrive?"
    expected = real_app.engine.ask(question)
    assert expected.answered and expected.citations, "precondition: the engine answers this from the seeds"
    outside = open_app(page, real_app.url)
    expect(page.locator("#sw-header")).to_contain_text("Answerer: extractive")
    for example in ("How long did Bashar al-Assad rule Syria?", "On what date did Damascus fall to the rebels?",
                    "Where did Assad go?", "Who leads HTS?"):
        expect(page.get_by_role("button", name=example)).to_be_visible()
    page.screenshot(path=screenshots / "01-empty-chat.png", full_page=True)
    page.evaluate("""() => {
        window.__streamed = new Set();
        new MutationObserver(() => {
            const partial = document.querySelector('#sw-conversation .sw-streaming');
            if (partial) window.__streamed.add(partial.textContent.length);
        }).observe(document.querySelector('#sw-conversation'), {subtree: true, childList: true, characterData: true});
    }""")

    ask(page, question)

    assert page.evaluate("window.__streamed.size") >= 3, "the answer streams in a few words at a time"
    bubble = last_answer(page)
    expect(bubble).to_contain_text("Moscow")
    markers = bubble.locator("a.sw-marker")
    # One link per [n] in the answer: the short answer cites every article that states it, the quotes again.
    expect(markers).to_have_count(len(MARKER.findall(expected.answer)))
    highlighted = page.locator("#sources-1 mark").all_inner_texts()
    assert [" ".join(t.split()) for t in highlighted] == [c.text for c in expected.citations]
    expect(page.get_by_role("button", name="Where did Assad go?")).to_be_hidden()
    page.screenshot(path=screenshots / "02-answer-with-sources.png", full_page=True)

    last = len(expected.citations)
    bubble.locator(f'a.sw-marker[href="#src-1-{last}"]').first.click()
    target = page.locator(f"#src-1-{last}")
    expect(target).to_be_in_viewport()
    assert page.evaluate("location.hash") == f"#src-1-{last}"
    assert page.evaluate(f"document.querySelector('#src-1-{last}').matches(':target')")
    page.screenshot(path=screenshots / "03-marker-clicked.png")
    assert outside == [], f"the page fetched from the internet: {outside}"


def test_unanswered_question_says_so_plainly(real_app, page, screenshots):
    open_app(page, real_app.url)
    ask(page, "What is the capital of France?")
    expect(last_answer(page)).to_contain_text("Not answered by the articles")
    expect(last_answer(page)).to_contain_text(real_app.engine.ask("What is the capital of France?").answer)
    page.screenshot(path=screenshots / "04-not-answered.png", full_page=True)


def test_real_disagreements_show_the_callout(real_app, page, screenshots):
    expected = real_app.engine.ask(DISAGREEMENT_QUESTION)
    open_app(page, real_app.url)
    page.get_by_role("button", name=DISAGREEMENT_QUESTION).click()
    expect(page.locator(".sw-turn-sources")).to_have_count(1, timeout=TIMEOUT)
    expect(page.locator(".sw-callout")).to_have_count(1 if expected.disagreements else 0)
    for disagreement in expected.disagreements:
        for claim in disagreement.claims:
            expect(page.locator(".sw-callout")).to_contain_text(claim.value)
    page.screenshot(path=screenshots / "05-real-disagreement-question.png", full_page=True)


def test_disagreement_callout_sets_values_side_by_side(fake_app, page, screenshots):
    open_app(page, fake_app.url)
    page.get_by_role("button", name=DISAGREEMENT_QUESTION).click()
    callout = page.locator(".sw-callout")
    expect(callout).to_be_visible(timeout=TIMEOUT)
    expect(callout).to_contain_text("Sources disagree")
    columns = callout.locator(".sw-claim-column")
    expect(columns).to_have_count(2)
    expect(columns.nth(0)).to_contain_text("24 years")
    expect(columns.nth(0)).to_contain_text("Daily Gazette")
    expect(columns.nth(0)).to_contain_text("ending his 24-year rule")
    expect(columns.nth(1)).to_contain_text("over 20 years")
    expect(columns.nth(1)).to_contain_text("Morning Post")
    left, right = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert right["x"] >= left["x"] + left["width"] - 1 and abs(right["y"] - left["y"]) < 2, "side by side"
    page.screenshot(path=screenshots / "06-sources-disagree.png", full_page=True)


def test_follow_up_sends_the_earlier_question_and_its_answer(fake_app, page):
    open_app(page, fake_app.url)
    ask(page, "Where did the Assad family arrive?")
    ask(page, "Who granted them asylum?")
    first = fake_app.engine.ask("Where did the Assad family arrive?")
    sent = [history for question, history in fake_app.engine.asked if question == "Who granted them asylum?"]
    assert sent[-1] == (Turn("Where did the Assad family arrive?", first.answer),)
    expect(page.locator("#sw-sources .sw-turn-question").first).to_have_text("Who granted them asylum?")


def test_conversation_downloads_as_markdown_with_sources(fake_app, page, tmp_path):
    open_app(page, fake_app.url)
    page.get_by_role("button", name=DISAGREEMENT_QUESTION).click()
    expect(page.locator(".sw-turn-sources")).to_have_count(1, timeout=TIMEOUT)
    with page.expect_download() as download:
        page.click("#sw-download")
    saved = tmp_path / "conversation.md"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert f"## 1. {DISAGREEMENT_QUESTION}" in text
    assert "Sources disagree" in text and "Daily Gazette" in text and "Sources:" in text


def test_hostile_upload_stays_inert_and_can_be_removed(real_app, page, screenshots, tmp_path):
    article = tmp_path / "zebraton-festival.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    tool = tmp_path / "tool.exe"
    tool.write_bytes(b"MZ")
    open_app(page, real_app.url)
    page.get_by_role("tab", name="Library").click()
    expect(page.locator(".sw-lib-table tbody tr")).to_have_count(5, timeout=TIMEOUT)

    page.set_input_files("#sw-files input[type=file]", [str(article), str(tool)])
    expect(page.locator("#sw-files tbody tr")).to_have_count(2, timeout=TIMEOUT)  # both uploaded to Gradio
    page.click("#sw-add")
    status = page.locator("#sw-library-status .sw-status")
    expect(status).to_contain_text("1 added", timeout=TIMEOUT)
    expect(status).to_contain_text("tool.exe: '.exe' files are not supported")
    expect(page.locator(".sw-lib-table tbody tr")).to_have_count(6)
    assert (real_app.upload_dir / "zebraton-festival.txt").is_file()
    assert_not_pwned(page)
    page.screenshot(path=screenshots / "07-library-after-hostile-upload.png", full_page=True)

    page.get_by_role("tab", name="Ask").click()
    ask(page, "How many visitors did the quokka festival in Zebraton draw?")
    bubble = last_answer(page)
    expect(bubble).to_contain_text('5,000 visitors <img src=x onerror="window.')
    sources = page.locator("#sw-sources")
    expect(sources).to_contain_text("<img src=x onerror=")
    assert page.locator(":is(#sw-conversation, #sw-sources) :is(img, script)").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert_not_pwned(page)
    page.screenshot(path=screenshots / "08-hostile-article-answer.png", full_page=True)

    page.get_by_role("tab", name="Library").click()
    page.locator("#sw-remove-choice input").click()
    option = page.get_by_role("option", name="Zebraton")
    expect(option).to_contain_text("<script>window.__pwned=1</script>")
    page.wait_for_timeout(400)  # let the list finish fading in
    page.screenshot(path=screenshots / "09-removing-hostile-article.png", full_page=True)
    option.click()
    page.click("#sw-remove")
    expect(status).to_contain_text("Removed", timeout=TIMEOUT)
    expect(page.locator(".sw-lib-table tbody tr")).to_have_count(5)
    assert not (real_app.upload_dir / "zebraton-festival.txt").exists()
    page.screenshot(path=screenshots / "10-library-after-removal.png", full_page=True)
    gone = real_app.engine.ask("How many visitors did the quokka festival in Zebraton draw?")
    assert all("Zebraton" not in c.text for c in gone.citations)


def test_upload_shows_a_progress_bar_while_indexing(fake_app, page, screenshots, tmp_path, monkeypatch):
    monkeypatch.setattr(fake_app.engine, "ingest_delay", 0.7)
    paths = []
    for i in range(3):
        paths.append(tmp_path / f"note-{i}.md")
        paths[-1].write_text(f"Progress note {i}\nA note about progress number {i}.", encoding="utf-8")
    open_app(page, fake_app.url)
    page.get_by_role("tab", name="Library").click()
    page.set_input_files("#sw-files input[type=file]", [str(p) for p in paths])
    expect(page.locator("#sw-files tbody tr")).to_have_count(3, timeout=TIMEOUT)
    page.click("#sw-add")
    expect(page.locator("#sw-library-status .progress-bar")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#sw-library-status .progress-level-inner")).to_contain_text("%")
    page.screenshot(path=screenshots / "12-indexing-progress.png", full_page=True)
    expect(page.locator("#sw-library-status .sw-status")).to_contain_text("3 added", timeout=TIMEOUT)
    expect(page.locator(".sw-lib-table")).to_contain_text("Progress note 2")


def test_oversized_upload_is_refused_with_a_clear_message(fake_app, page, screenshots, tmp_path):
    big = tmp_path / "huge-article.txt"
    big.write_bytes(b"a" * (1024 * 1024 + 1))  # the test app allows 1 MB
    open_app(page, fake_app.url)
    page.get_by_role("tab", name="Library").click()
    page.set_input_files("#sw-files input[type=file]", str(big))
    toast = page.get_by_test_id("toast-body")
    expect(toast).to_contain_text("exceed the maximum allowed size of 1.0 Mb", timeout=TIMEOUT)
    expect(toast).to_contain_text("huge-article.txt")
    page.screenshot(path=screenshots / "11-oversized-upload.png", full_page=True)
    assert not (fake_app.upload_dir / "huge-article.txt").exists()


def test_several_tabs_asking_at_once_get_their_own_answers(real_app, browser):
    questions = ["Where did Assad go?", "What is the capital of France?", "Who leads HTS?"]
    expected = {q: real_app.engine.ask(q).answer for q in questions}
    contexts = [browser.new_context() for _ in questions]
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:
            open_app(page, real_app.url)
        for page, question in zip(pages, questions):
            page.fill("#sw-question textarea", question)
        for page in pages:
            page.click("#sw-ask")
        for page, question in zip(pages, questions):
            expect(page.locator(".sw-turn-sources")).to_have_count(1, timeout=TIMEOUT)
            expect(page.locator(".sw-msg.sw-user .sw-bubble")).to_have_text([question])
            shown = " ".join(last_answer(page).inner_text().split())
            first_words = " ".join(MARKER.sub(lambda m: m.group(1), expected[question]).split()[:8])
            assert first_words in shown, (question, shown)
    finally:
        for context in contexts:
            context.close()


def test_ask_endpoint_returns_the_python_answer_json(real_app):
    # The default client, as a user would call it: citations name their article under "file", because
    # gradio_client takes any dict with a "path" string for a file to download.
    client = Client(real_app.url, verbose=False)
    for question in ("Where did Assad go?", DISAGREEMENT_QUESTION, "What is the capital of France?"):
        assert client.predict(question, api_name="/ask") == real_app.engine.ask(question).to_dict()
