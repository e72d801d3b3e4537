"""The generative answerer: a language model writes the answer from numbered passages, and every sentence it writes is
checked against the passage it cites before it is shown.

The model is an OpenAI-compatible server (Ollama, llama.cpp server, vLLM, LM Studio, hosted) through llama-index's
``OpenAILike``, or a GGUF file run in process by llama.cpp (the ``sourcewise[local]`` extra). Whatever goes wrong --
no server, a timeout, an error, an empty or wholly unsupported reply -- the caller gets the extractive answer back
with a one-line ``notice``, never an exception.

Checking is pure logic over strings and vectors (``split_reply``, ``sentence_facts``, ``check_support``,
``check_sentences``, ``compose_generated``): a sentence is kept only when the passages it cites contain its names,
numbers and nearly all its words, agree with it in polarity, and are close to it in meaning; its citation is the exact
sentence inside the passage that supports it.
"""

from __future__ import annotations

import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import numpy as np

from index.errors import InputError, SourcewiseError
from index.vocab import (COMPOUND_NUMBER, LIGHT_WORDS, MARKER, MARKER_RUN, MONTH_NAMES, NAME_PARTICLES, NUMBER_WORDS,
                         STOPWORDS, alternation, content_terms, cosine_similarity, fold_word, format_markers,
                         month_number, parse_markers, renumber_markers, split_sentences, stem, strip_markers,
                         word_to_number)
from qa.answer import Answer
from qa.citations import CitationNumbers
from qa.compose import is_statement
from qa.evidence import Evidence
from qa.prompts import build_messages

ENV_VARS = {"url": "SOURCEWISE_LLM_URL", "model": "SOURCEWISE_LLM_MODEL", "key": "SOURCEWISE_LLM_KEY",
            "gguf": "SOURCEWISE_LLM_GGUF", "timeout": "SOURCEWISE_LLM_TIMEOUT"}
LOCAL_INSTALL = "pip install 'sourcewise[local]'  (llama-index-llms-llama-cpp and llama-cpp-python)"


# --------------------------------------------------------------------------------------------- configuration

@dataclass(frozen=True)
class LLMConfig:
    """Which language model writes answers: an OpenAI-compatible server (``url`` + ``model``) or a local GGUF file."""

    url: str | None = None
    model: str | None = None
    key: str | None = field(default=None, repr=False)
    gguf: str | None = None
    timeout: float = 60.0
    max_tokens: int = 512
    temperature: float = 0.0

    def __post_init__(self):
        if self.url and self.gguf:
            raise InputError("choose one language model: --llm-url or --llm-gguf, not both")
        if not self.url and not self.gguf:
            raise InputError("no language model given: pass --llm-url URL --llm-model NAME, or --llm-gguf PATH")
        if self.url:
            object.__setattr__(self, "url", normalise_url(self.url))
            if not self.model:
                raise InputError(f"the language model at {self.url} needs a name: pass --llm-model NAME "
                                 "(or set SOURCEWISE_LLM_MODEL), e.g. --llm-model qwen2.5")
        if not isinstance(self.timeout, (int, float)) or self.timeout <= 0:
            raise InputError(f"the language model timeout must be > 0 seconds, got {self.timeout!r}")
        if not isinstance(self.max_tokens, int) or self.max_tokens <= 0:
            raise InputError(f"max_tokens must be > 0, got {self.max_tokens!r}")
        if not 0 <= self.temperature <= 2:
            raise InputError(f"temperature must be within [0, 2], got {self.temperature!r}")

    @classmethod
    def from_env(cls, **overrides) -> "LLMConfig | None":
        """The configuration from SOURCEWISE_LLM_* variables, with ``overrides`` (CLI flags; None = not given)
        winning; None when no model is configured at all."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(overrides) - names)
        if unknown:
            raise TypeError(f"unknown language model setting(s): {', '.join(unknown)}")
        values: dict = {}
        for name, var in ENV_VARS.items():
            raw = os.environ.get(var, "").strip()
            if raw:
                values[name] = raw
        given = {k: v for k, v in overrides.items() if v is not None and v != ""}
        if given.get("url"):          # a flag naming one kind of model replaces the other kind from the environment
            values.pop("gguf", None)
        if given.get("gguf"):
            values.pop("url", None)
        values.update(given)
        if not values.get("url") and not values.get("gguf"):
            if values.get("model"):
                raise InputError("--llm-model needs --llm-url (or SOURCEWISE_LLM_URL): the address of an "
                                 "OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1")
            return None
        if isinstance(values.get("timeout"), str):
            try:
                values["timeout"] = float(values["timeout"])
            except ValueError:
                raise InputError(f"SOURCEWISE_LLM_TIMEOUT must be a number of seconds, "
                                 f"got {values['timeout']!r}") from None
        return cls(**values)

    def describe(self) -> str:
        """One line for a header or a log, without the key: ``llm: qwen2.5 at http://127.0.0.1:11434/v1``."""
        if self.gguf:
            return f"llm: {Path(self.gguf).name} (llama.cpp, in process)"
        return f"llm: {self.model} at {self.url}"


def normalise_url(url: str) -> str:
    """An http(s) base URL without a trailing slash; a bare host gets the usual ``/v1`` of OpenAI-compatible APIs."""
    url = url.strip()
    match = re.match(r"^(https?://[^/\s?#]+)(/[^\s?#]*)?$", url, re.I)
    if not match:
        raise InputError(f"--llm-url must be an http(s) address such as http://127.0.0.1:11434/v1, got {url!r}")
    host, path = match.group(1), (match.group(2) or "").rstrip("/")
    return host + (path or "/v1")


def build_llm(config: LLMConfig):
    """The llama-index LLM for ``config``: ``OpenAILike`` for a server (no retries: a failure falls back at once),
    ``LlamaCPP`` for a GGUF file (imported only here, from the ``local`` extra)."""
    if config.gguf:
        return _build_local_llm(config)
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError:
        raise SourcewiseError("answering with a language model server needs llama-index-llms-openai-like: "
                              "pip install llama-index-llms-openai-like") from None
    return OpenAILike(model=config.model, api_base=config.url, api_key=config.key or "none", is_chat_model=True,
                      is_function_calling_model=False, timeout=config.timeout, max_retries=0,
                      temperature=config.temperature, max_tokens=config.max_tokens)


def _build_local_llm(config: LLMConfig):
    path = Path(config.gguf).expanduser()
    if not path.is_file():
        raise InputError(f"no GGUF model file at {path}: pass the path of a .gguf file to --llm-gguf")
    try:
        from llama_index.llms.llama_cpp import LlamaCPP
    except ImportError:
        raise SourcewiseError(f"running a GGUF model in process needs the local extra: {LOCAL_INSTALL}") from None
    template = GGUFChatTemplate()
    llm = LlamaCPP(model_path=str(path), temperature=config.temperature, max_new_tokens=config.max_tokens,
                   context_window=4096, generate_kwargs={}, model_kwargs={}, verbose=False,
                   messages_to_prompt=template.messages_to_prompt, completion_to_prompt=template.completion_to_prompt)
    template.bind(_vocabulary(path))
    return llm


def _vocabulary(path: Path):
    """The GGUF file's metadata and vocabulary without its weights: LlamaCPP keeps its ``Llama`` private."""
    from llama_cpp import Llama

    return Llama(model_path=str(path), vocab_only=True, n_ctx=1, verbose=False)


class GGUFChatTemplate:
    """Formats chat messages with the chat template stored in the GGUF file (Gemma, Llama, Qwen, ...); plain
    ``System:/User:/Assistant:`` turns when the file has none or it cannot render these messages."""

    def __init__(self):
        self._render: Callable[[list[dict]], str] | None = None

    def bind(self, model) -> None:
        template = (getattr(model, "metadata", None) or {}).get("tokenizer.chat_template")
        if not template:
            return
        try:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            def token_text(token_id: int) -> str:
                return model.detokenize([token_id], special=True).decode("utf-8", "replace") if token_id >= 0 else ""

            formatter = Jinja2ChatFormatter(template=template, eos_token=token_text(model.token_eos()),
                                            bos_token=token_text(model.token_bos()))
            self._render = lambda messages: formatter(messages=messages).prompt
        except Exception:  # an unusual template or llama-cpp version: plain turns still work
            self._render = None

    def messages_to_prompt(self, messages) -> str:
        dicts = [{"role": getattr(m.role, "value", str(m.role)), "content": m.content or ""} for m in messages]
        if self._render is not None:
            for attempt in (dicts, _system_into_user(dicts)):
                try:
                    return self._render(attempt)
                except Exception:  # e.g. a template that refuses a system role
                    continue
        turns = [f"{d['role'].capitalize()}: {d['content']}" for d in dicts]
        return "\n\n".join(turns) + "\n\nAssistant:"

    def completion_to_prompt(self, completion: str) -> str:
        from llama_index.core.llms import ChatMessage

        return self.messages_to_prompt([ChatMessage(role="user", content=completion)])


def _system_into_user(dicts: list[dict]) -> list[dict]:
    system = "\n\n".join(d["content"] for d in dicts if d["role"] == "system")
    rest = [dict(d) for d in dicts if d["role"] != "system"]
    if system and rest and rest[0]["role"] == "user":
        rest[0]["content"] = f"{system}\n\n{rest[0]['content']}"
    return rest


# --------------------------------------------------------------------------------------------- passages

@dataclass(frozen=True, eq=False)
class PromptPassage:
    """Numbered passage ``n`` of the prompt: consecutive sentences of one article."""

    n: int
    sentences: tuple[Evidence, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def doc_id(self) -> str:
        return self.sentences[0].doc_id

    @property
    def source(self) -> str:
        return self.sentences[0].outlet

    @property
    def published(self) -> str | None:
        return self.sentences[0].published


def evidence_key(item: Evidence) -> tuple[str, int, int]:
    return item.doc_id, item.start, item.end


def select_passages(evidence: Sequence[Evidence], *, max_passages: int = 8, per_article: int = 3, context: int = 1,
                    first: Sequence[tuple[str, int, int]] = (), min_share_of_best: float = 0.5,
                    max_gap: int = 200) -> list[PromptPassage]:
    """The passages to show the model: the ``first`` sentences (what the extractive answer cites), then the most
    relevant others, at most ``per_article`` from one article while others remain, each with ``context`` sentences
    either side; overlapping or touching windows of an article merge. Numbered by relevance, best first."""
    unique: dict[tuple[str, int, int], Evidence] = {}
    for item in evidence:
        unique.setdefault(evidence_key(item), item)
    if not unique:
        return []
    by_doc: dict[str, list[Evidence]] = defaultdict(list)
    for item in unique.values():
        by_doc[item.doc_id].append(item)
    for items in by_doc.values():
        items.sort(key=lambda e: e.start)
    position = {evidence_key(e): i for items in by_doc.values() for i, e in enumerate(items)}

    ranked = sorted(unique.values(), key=lambda e: -e.relevance)
    floor = ranked[0].relevance * min_share_of_best
    preferred = [unique[k] for k in first if k in unique]
    chosen: dict[tuple[str, int, int], Evidence] = {}
    for item in preferred:
        if len(chosen) < max_passages:
            chosen.setdefault(evidence_key(item), item)
    for capped in (True, False):
        per_doc: dict[str, int] = defaultdict(int)
        for item in chosen.values():
            per_doc[item.doc_id] += 1
        for item in ranked:
            if len(chosen) >= max_passages or item.relevance < floor:
                break
            key = evidence_key(item)
            if key in chosen or not is_statement(item.text) or (capped and per_doc[item.doc_id] >= per_article):
                continue
            chosen[key] = item
            per_doc[item.doc_id] += 1

    windows: dict[str, list[list[int]]] = defaultdict(list)  # doc -> [low, high, best relevance]
    for item in chosen.values():
        items = by_doc[item.doc_id]
        i = position[evidence_key(item)]
        low = high = i
        while low > 0 and i - low < context and _adjacent(items[low - 1], items[low], max_gap):
            low -= 1
        while high < len(items) - 1 and high - i < context and _adjacent(items[high], items[high + 1], max_gap):
            high += 1
        windows[item.doc_id].append([low, high, item.relevance])
    merged: list[tuple[float, tuple[Evidence, ...]]] = []
    for doc_id, spans in windows.items():
        spans.sort()
        current = spans[0]
        for span in spans[1:]:
            if span[0] <= current[1] + 1 and _adjacent(by_doc[doc_id][current[1]], by_doc[doc_id][span[0]], max_gap) \
                    or span[0] <= current[1]:
                current = [current[0], max(current[1], span[1]), max(current[2], span[2])]
            else:
                merged.append((current[2], tuple(by_doc[doc_id][current[0]:current[1] + 1])))
                current = span
        merged.append((current[2], tuple(by_doc[doc_id][current[0]:current[1] + 1])))
    merged.sort(key=lambda pair: -pair[0])
    return [PromptPassage(n=n, sentences=sentences) for n, (_, sentences) in enumerate(merged, start=1)]


def _adjacent(a: Evidence, b: Evidence, max_gap: int) -> bool:
    return 0 <= b.start - a.end <= max_gap


def prompt_messages(question: str, passages: Sequence[PromptPassage]) -> list[tuple[str, str]]:
    return build_messages(question, [(p.n, p.text, p.source, p.published) for p in passages])


# --------------------------------------------------------------------------------------------- reading the reply

_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S | re.I)
_BULLET = re.compile(r"^\s*(?:[-*•]+|\d+[.)]|#+)\s+")
_LABEL = re.compile(r"^\s*(?:\*\*)?answer(?:\*\*)?\s*:\s*(?:\*\*)?\s*", re.I)


@dataclass(frozen=True)
class DraftSentence:
    """A sentence of the model's reply: its words without markers, and the passage numbers it cites, in order."""

    text: str
    markers: tuple[int, ...] = ()


def split_reply(reply: str) -> list[DraftSentence]:
    """The model's reply as sentences with their markers; markers after a full stop belong to the sentence before.

    Reasoning blocks (``<think>``), bullets, headings, bold and an "Answer:" label are dropped; a line is never
    joined to the next; within a line, sentences end where they end in an article (``index.vocab.split_sentences``:
    not after ``Mr.``, ``Dec.``, ``U.S.`` or an initial).
    """
    reply = _THINK.sub(" ", reply).replace("**", "").replace("__", "").replace("`", "")
    sentences: list[DraftSentence] = []
    for line in reply.splitlines():
        if line.lstrip().startswith("#"):
            continue                        # a heading states nothing
        line = _LABEL.sub("", _BULLET.sub("", line)).strip()
        if not line or (line.endswith(":") and not MARKER.search(line)):
            continue                        # nor does an introduction ("Here is what the passages say:")
        for start, end in split_sentences(line, attached=MARKER_RUN):
            _add_sentence(sentences, line[start:end])
    return sentences


def _add_sentence(sentences: list[DraftSentence], raw: str) -> None:
    raw = raw.strip()
    if not raw:
        return
    markers, text = parse_markers(raw), strip_markers(raw)
    if not re.search(r"\w", text):          # a line of markers alone cites the sentence before it
        if sentences and markers:
            last = sentences[-1]
            sentences[-1] = DraftSentence(last.text, last.markers + tuple(n for n in markers if n not in last.markers))
        return
    sentences.append(DraftSentence(text, markers))


# --------------------------------------------------------------------------------------------- checking facts

_FREE_WORDS = """yes according reportedly report reports reported reporting source sources passage passages article
articles outlet outlets state states stated stating statement say says said saying mention mentions mentioned note
notes noted add adds added describe describes described claim claims claimed disagree disagrees disagreement differ
differs different difference conflict conflicting contradict contradicts while whereas another other others one
both either respectively however also further furthermore addition additionally meanwhile although though
""".split()
FREE_STEMS = frozenset(stem(w) for w in _FREE_WORDS) | {w for w in _FREE_WORDS}
_COUNTED_WORDS = {**{w: n for w, n in NUMBER_WORDS.items() if n >= 2}, "hundred": 100}  # "one" says "a", not 1
_NUMBER_STEMS = frozenset(stem(w) for w in [*NUMBER_WORDS, "hundred", "hundreds", "dozen", "dozens"])
_WORD_NUMBER = re.compile(rf"\b(?:{COMPOUND_NUMBER}|{alternation(_COUNTED_WORDS)})\b", re.I)
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|none|nobody|nothing|cannot|den(?:y|ies|ied|ying|ial)|"
                      r"refus(?:e|es|ed|ing)|reject(?:s|ed|ing)?|false(?:ly)?)\b|n[’']t\b", re.I)
INSTRUCTION = re.compile(r"\b(?:ignore|disregard|forget|override)\b[^.]{0,60}\b(?:instructions?|prompts?)\b"
                         r"|\bsystem prompt\b|\byou are now\b|\bas an ai\b", re.I)
GAP = re.compile(r"\b(?:passages?|articles?|sources?|texts?)\b[^.]{0,40}\b(?:do|does|did)(?:\s+not|n[’']t)\s+"
                 r"(?:answer|say|mention|state|contain|give|provide|specify|include|cover|report|address|explain)\b"
                 r"|\bno information\b|\bnot (?:mentioned|stated|specified|reported) in the (?:passages?|articles?)\b",
                 re.I)
_GAP_WORDS = frozenset(stem(w) for w in """answer question information mention state contain give provide specify
include cover report address explain detail details clear clearly directly exact exactly""".split())
_CONTRAST = re.compile(r"\b(?:but|however|although|though|yet|whereas|while|instead)\b|;", re.I)


@dataclass(frozen=True)
class Facts:
    """What a sentence asserts that can be looked up in a passage."""

    terms: tuple[str, ...]    # content-word stems, reporting words left out
    names: tuple[str, ...]    # capitalised words and acronyms, as written
    numbers: tuple[str, ...]  # normalised: "1,000" -> "1000", "twenty-four" -> "24"
    negated: bool

    @property
    def empty(self) -> bool:
        return not (self.terms or self.names or self.numbers)


def numbers_in(text: str, *, words: bool = True) -> list[str]:
    found = [_normalise_number(m.group()) for m in _DIGITS.finditer(text)]
    if words:
        for match in _WORD_NUMBER.finditer(text):
            value = _COUNTED_WORDS.get(match.group().lower())
            found.append(str(int(value if value is not None else word_to_number(match.group()))))
    return list(dict.fromkeys(found))


def _normalise_number(text: str) -> str:
    text = text.replace(",", "")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return str(int(text)) if text.isdigit() else text


def sentence_facts(text: str) -> Facts:
    """Terms, names, numbers and polarity of a sentence (its first word is a name unless it is a common word)."""
    words = _WORD.findall(text)
    names = []
    for i, word in enumerate(words):
        base = fold_word(word)
        if stem(base) in FREE_STEMS or base in STOPWORDS or base in LIGHT_WORDS or base in FREE_STEMS:
            continue
        if any(len(part) > 1 and part[:1].isupper() for part in word.split("-")):
            names.append(re.sub(r"[’']s?$", "", word))
    terms = [t for t in content_terms(text) if t not in FREE_STEMS and t not in _NUMBER_STEMS and not t.isdigit()]
    return Facts(terms=tuple(dict.fromkeys(terms)), names=tuple(dict.fromkeys(names)),
                 numbers=tuple(numbers_in(text)), negated=bool(NEGATION.search(text)))


@dataclass(frozen=True)
class Lexicon:
    """Every word, stem and number of some texts, for looking facts up."""

    words: frozenset[str]
    stems: frozenset[str]
    prefixes: frozenset[str]
    numbers: frozenset[str]

    @classmethod
    def of(cls, texts: Sequence[str]) -> "Lexicon":
        words, stems, numbers = set(), set(), set()
        for text in texts:
            for word in _WORD.findall(text):
                base = fold_word(word)
                words.add(base)
                words.update(p for p in re.split(r"[-’']", base) if p)
                stems.add(stem(base))
            stems.update(content_terms(text))
            words.update(a.replace(".", "").lower() for a in re.findall(r"\b(?:[A-Za-z]\.){2,}", text))
            numbers.update(numbers_in(text))
        prefixes = {s[:5] for s in stems | words if len(s) >= 5}
        return cls(frozenset(words), frozenset(stems), frozenset(prefixes), frozenset(numbers))

    def has_term(self, term: str) -> bool:
        return term in self.stems or term in self.words or (len(term) >= 5 and term[:5] in self.prefixes)

    def has_name(self, name: str) -> bool:
        base = fold_word(name)
        parts = [p for p in re.split(r"[-’']", base) if p] or [base]
        return all(self._has_word(p) for p in parts
                   if p not in STOPWORDS and p not in LIGHT_WORDS and p not in NAME_PARTICLES)

    def _has_word(self, word: str) -> bool:
        if word in self.words or stem(word) in self.stems or (len(word) >= 5 and word[:5] in self.prefixes):
            return True
        month = month_number(word)
        return month is not None and MONTH_NAMES[month - 1].lower() in self.words

    def has_number(self, number: str) -> bool:
        return number in self.numbers


def _published_words(published: str | None) -> list[str]:
    """``2024-12-08`` -> ``2024 12 8 December``, so a model may date a report by its article."""
    if not published:
        return []
    parts = re.findall(r"\d+", published)
    words = [str(int(p)) for p in parts]
    if len(parts) >= 2 and 1 <= int(parts[-2]) <= 12:
        words.append(MONTH_NAMES[int(parts[-2]) - 1])
    return words


@dataclass(frozen=True)
class Support:
    """The verdict on one sentence against some passages: the supporting sentence of each passage kept."""

    supported: bool
    anchors: tuple[tuple[int, Evidence], ...] = ()
    similarity: float = 0.0
    reason: str = ""


def is_instruction(text: str) -> bool:
    """Text addressed to an AI ("ignore previous instructions ..."): never evidence for anything."""
    return bool(INSTRUCTION.search(text))


def check_support(text: str, vector: np.ndarray | None, passages: Sequence[PromptPassage],
                  vectors: Mapping[tuple[str, int, int], np.ndarray], *, threshold: float = 0.4,
                  max_missing_share: float = 0.25) -> Support:
    """Whether ``passages`` support the sentence ``text``: every name and number in them, at most
    ``max_missing_share`` of its other words missing, the same polarity as its supporting sentence, and a cosine of at
    least ``threshold`` to it. A cited passage neither close in meaning nor adding a fact of its own is not cited."""
    facts = sentence_facts(text)
    if facts.empty:
        return Support(False, reason="states nothing that can be checked")
    usable = [(p, [s for s in p.sentences if not is_instruction(s.text)]) for p in passages]
    usable = [(p, sentences) for p, sentences in usable if sentences]
    if not usable:
        return Support(False, reason="the cited passages hold no usable sentence")
    contributing = []
    for passage, sentences in usable:
        lexicon = Lexicon.of([s.text for s in sentences] + [passage.source] + _published_words(passage.published))
        if _shares_any(facts, lexicon):
            contributing.append((passage, sentences, lexicon))
    if not contributing:
        return Support(False, reason="shares nothing with the cited passages")
    texts = [s.text for _, sentences, _ in contributing for s in sentences]
    extras = [w for p, _, _ in contributing for w in [p.source, *_published_words(p.published)]]
    pool = Lexicon.of(texts + extras)
    missing_names = [n for n in facts.names if not pool.has_name(n)]
    if missing_names:
        return Support(False, reason=f"names not in the cited passages: {', '.join(missing_names)}")
    missing_numbers = [n for n in facts.numbers if not pool.has_number(n)]
    if missing_numbers:
        return Support(False, reason=f"numbers not in the cited passages: {', '.join(missing_numbers)}")
    missing_terms = [t for t in facts.terms if not pool.has_term(t)]
    if len(missing_terms) > int(len(facts.terms) * max_missing_share):
        return Support(False, reason=f"words not in the cited passages: {', '.join(missing_terms)}")

    anchors: list[tuple[int, Evidence, float]] = []
    covered: list[set[str]] = []
    for passage, sentences, lexicon in contributing:
        scored = []
        for sentence in sentences:
            similarity = cosine_similarity(vector, vectors.get(evidence_key(sentence))) or 0.0
            scored.append((similarity + _coverage(facts, Lexicon.of([sentence.text])), similarity, sentence))
        _, similarity, best = max(scored, key=lambda item: item[0])
        anchors.append((passage.n, best, similarity))
        covered.append(_covered(facts, lexicon))
    # a cited passage stays cited when it is close in meaning or adds a fact no other cited passage has
    kept = [anchor for i, anchor in enumerate(anchors)
            if anchor[2] >= threshold or covered[i] - set().union(*(c for j, c in enumerate(covered) if j != i))]
    anchors = kept or [max(anchors, key=lambda a: a[2])]
    similarity = max(s for _, _, s in anchors)
    if similarity < threshold:
        return Support(False, similarity=similarity,
                       reason=f"too far in meaning from the cited sentence (cosine {similarity:.2f} < {threshold:.2f})")
    closest = max(anchors, key=lambda a: a[2])[1]
    if facts.negated and not any(NEGATION.search(a.text) for _, a, _ in anchors):
        return Support(False, similarity=similarity, reason="negates what the cited sentence says")
    if not facts.negated and NEGATION.search(closest.text):
        return Support(False, similarity=similarity, reason="drops a negation of the cited sentence")
    return Support(True, tuple((n, a) for n, a, _ in anchors), similarity)


def _shares_any(facts: Facts, lexicon: Lexicon) -> bool:
    return any(lexicon.has_term(t) for t in facts.terms) or any(lexicon.has_name(n) for n in facts.names) \
        or any(lexicon.has_number(n) for n in facts.numbers)


def _covered(facts: Facts, lexicon: Lexicon) -> set[str]:
    return {f"t:{t}" for t in facts.terms if lexicon.has_term(t)} | {f"n:{n}" for n in facts.names
                                                                    if lexicon.has_name(n)} \
        | {f"#:{n}" for n in facts.numbers if lexicon.has_number(n)}


def _coverage(facts: Facts, lexicon: Lexicon) -> float:
    checks = [lexicon.has_term(t) for t in facts.terms] + [lexicon.has_name(n) for n in facts.names] \
        + [lexicon.has_number(n) for n in facts.numbers]
    return sum(checks) / len(checks) if checks else 0.0


def is_gap_statement(text: str, question: str, passages: Sequence[PromptPassage]) -> bool:
    """"The passages do not say when he left." -- a statement about the passages, asserting nothing else: every
    name, number and word of it is in the question or the passages, and it has no second clause."""
    if not GAP.search(text) or _CONTRAST.search(text):
        return False
    facts = sentence_facts(text)
    known = Lexicon.of([question] + [p.text for p in passages])
    return all(known.has_name(n) for n in facts.names) and all(known.has_number(n) for n in facts.numbers) \
        and all(known.has_term(t) or t in _GAP_WORDS for t in facts.terms)


# --------------------------------------------------------------------------------------------- the checked answer

@dataclass(frozen=True)
class Verdict:
    """One sentence of the reply: kept with its anchors, kept as a statement about the passages, or left out."""

    sentence: DraftSentence
    kind: str  # "supported" | "gap" | "unsupported"
    anchors: tuple[tuple[int, Evidence], ...] = ()
    reason: str = ""


def check_sentences(sentences: Sequence[DraftSentence], vectors: Sequence[np.ndarray | None],
                    passages: Sequence[PromptPassage], passage_vectors: Mapping[tuple[str, int, int], np.ndarray],
                    question: str, *, threshold: float = 0.4, max_missing_share: float = 0.25) -> list[Verdict]:
    """Check each sentence against the passages it cites; out-of-range markers are dropped, and a sentence left
    without markers is given the one passage that supports it best, if any does."""
    by_number = {p.n: p for p in passages}
    verdicts = []
    for sentence, vector in zip(sentences, vectors):
        cited = [by_number[n] for n in sentence.markers if n in by_number]
        if cited:
            support = check_support(sentence.text, vector, cited, passage_vectors, threshold=threshold,
                                    max_missing_share=max_missing_share)
        elif is_gap_statement(sentence.text, question, passages):
            verdicts.append(Verdict(sentence, "gap"))
            continue
        else:
            candidates = [check_support(sentence.text, vector, [p], passage_vectors, threshold=threshold,
                                        max_missing_share=max_missing_share) for p in passages]
            supported = [c for c in candidates if c.supported]
            support = max(supported, key=lambda c: c.similarity) if supported else Support(
                False, reason="no passage supports it")
        verdicts.append(Verdict(sentence, "supported" if support.supported else "unsupported", support.anchors,
                                support.reason))
    return verdicts


def _sentence_end(text: str) -> str:
    return text if text.rstrip("”’\"')").endswith((".", "!", "?")) else f"{text}."


def compose_generated(question: str, verdicts: Sequence[Verdict], fallback: Answer) -> Answer | None:
    """The checked answer: kept sentences with renumbered markers, then the disagreements the extractive answer
    found, renumbered into the same list; None when nothing was kept."""
    citations = CitationNumbers()
    parts: list[str] = []
    supported = False
    for verdict in verdicts:
        if verdict.kind == "unsupported":
            continue
        text = _sentence_end(verdict.sentence.text)
        if verdict.kind == "supported":
            supported = True
            numbers = dict.fromkeys(citations.number(anchor) for _, anchor in verdict.anchors)
            text = f"{text} {format_markers(numbers)}"
        if text not in parts:
            parts.append(text)
    if not parts:
        return None
    answer_text = " ".join(parts)
    old = {c.n: c for c in fallback.citations}
    disagreements = []
    for disagreement in fallback.disagreements:
        mapping = {}
        for k in [*parse_markers(disagreement.summary), *(c.n for c in disagreement.claims)]:
            if k in old and k not in mapping:
                mapping[k] = citations.renumber(old[k])
        summary = renumber_markers(disagreement.summary, lambda n: mapping.get(n, n))
        claims = tuple(replace(c, n=mapping.get(c.n, c.n)) for c in disagreement.claims)
        disagreements.append(replace(disagreement, summary=summary, claims=claims))
        answer_text = f"{answer_text}\n\n{summary}"
    unsupported = tuple(dict.fromkeys(v.sentence.text for v in verdicts if v.kind == "unsupported"))
    return Answer(question=question, answer=answer_text, answered=supported and fallback.answered,
                  citations=tuple(citations.citations), disagreements=tuple(disagreements), answerer="llm",
                  unsupported=unsupported)


# --------------------------------------------------------------------------------------------- the answerer

class GeneratedAnswerer:
    """Answers with a language model over the passages retrieval found, keeping only the sentences the passages
    support; falls back to the extractive answer (with a notice) whenever the model cannot give one."""

    name = "llm"

    def __init__(self, llm, embed_text: Callable[[list[str]], np.ndarray], *, support_threshold: float = 0.4,
                 max_passages: int = 8, per_article: int = 3, context_sentences: int = 1,
                 max_missing_share: float = 0.25, timeout: float | None = None, label: str | None = None):
        if not 0 <= support_threshold <= 1:
            raise ValueError(f"support_threshold must be within [0, 1], got {support_threshold}")
        if max_passages <= 0:
            raise ValueError(f"max_passages must be > 0, got {max_passages}")
        if per_article <= 0:
            raise ValueError(f"per_article must be > 0, got {per_article}")
        if context_sentences < 0:
            raise ValueError(f"context_sentences must be >= 0, got {context_sentences}")
        if not 0 <= max_missing_share < 1:
            raise ValueError(f"max_missing_share must be within [0, 1), got {max_missing_share}")
        timeout = timeout if timeout is not None else getattr(llm, "timeout", None) or 60.0
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0, got {timeout}")
        self.llm, self.embed_text = llm, embed_text
        self.support_threshold, self.max_passages, self.per_article = support_threshold, max_passages, per_article
        self.context_sentences, self.max_missing_share, self.timeout = context_sentences, max_missing_share, timeout
        self.label = label or describe_llm(llm)

    def passages(self, evidence: Sequence[Evidence], fallback: Answer) -> list[PromptPassage]:
        first = [(c.doc_id, c.start, c.end) for c in fallback.citations]
        return select_passages(evidence, max_passages=self.max_passages, per_article=self.per_article,
                               context=self.context_sentences, first=first)

    def answer(self, question: str, evidence: Sequence[Evidence], fallback: Answer) -> Answer:
        """The checked answer, or ``fallback`` with a notice saying why the model's answer is not shown."""
        if not fallback.citations:  # nothing near the question: the extractive "not covered" stands
            return fallback
        try:
            passages = self.passages(evidence, fallback)
            if not passages:
                return fallback
            response = self.llm.chat(_chat_messages(prompt_messages(question, passages)))
            reply = response.message.content or ""
        except Exception as exc:  # any failure of the model falls back; see failure_notice
            return replace(fallback, notice=failure_notice(exc, self.label, self.timeout))
        return self.finish(question, reply, passages, fallback)

    def stream(self, question: str, evidence: Sequence[Evidence], fallback: Answer) -> Iterator[str | Answer]:
        """The model's text as it arrives (raw and unchecked, for display), then the checked ``Answer`` last; on a
        failure the fallback with a notice is the last item."""
        if not fallback.citations:
            yield fallback
            return
        try:
            passages = self.passages(evidence, fallback)
            if not passages:
                yield fallback
                return
            chunks = self.llm.stream_chat(_chat_messages(prompt_messages(question, passages)))
        except Exception as exc:
            yield replace(fallback, notice=failure_notice(exc, self.label, self.timeout))
            return
        pieces: list[str] = []
        deadline = time.monotonic() + self.timeout
        try:
            for chunk in chunks:
                if chunk.delta:
                    pieces.append(chunk.delta)
                    yield chunk.delta
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no complete answer within {self.timeout:g} s")
        except Exception as exc:
            yield replace(fallback, notice=failure_notice(exc, self.label, self.timeout))
            return
        finally:
            close = getattr(chunks, "close", None)
            if callable(close):
                close()
        yield self.finish(question, "".join(pieces), passages, fallback)

    def finish(self, question: str, reply: str, passages: Sequence[PromptPassage], fallback: Answer) -> Answer:
        """Check ``reply`` and build the answer; the fallback with a notice when nothing in it can be shown."""
        sentences = split_reply(reply)
        if not sentences:
            return replace(fallback, notice=f"The language model at {self.label} gave an empty answer; "
                                            "showing the extractive answer.")
        try:
            verdicts = check_sentences(sentences, self._embed([s.text for s in sentences]), passages,
                                       self._passage_vectors(passages), question, threshold=self.support_threshold,
                                       max_missing_share=self.max_missing_share)
        except Exception as exc:  # the embedding model failed: nothing can be checked, so nothing is shown
            return replace(fallback, notice=f"The answer of the language model at {self.label} could not be checked "
                                            f"({type(exc).__name__}: {_first_line(exc)}); "
                                            "showing the extractive answer.")
        answer = compose_generated(question, verdicts, fallback)
        if answer is None:
            rejected = tuple(dict.fromkeys(v.sentence.text for v in verdicts))
            return replace(fallback, unsupported=rejected,
                           notice="No sentence of the language model's answer was supported by the passages it "
                                  "cites; showing the extractive answer.")
        return answer

    def _embed(self, texts: list[str]) -> list[np.ndarray]:
        return list(np.asarray(self.embed_text(texts), dtype=np.float32)) if texts else []

    def _passage_vectors(self, passages: Sequence[PromptPassage]) -> dict[tuple[str, int, int], np.ndarray]:
        vectors = {evidence_key(s): np.asarray(s.embedding, dtype=np.float32)
                   for p in passages for s in p.sentences if s.embedding is not None}
        missing = list(dict.fromkeys(s for p in passages for s in p.sentences if evidence_key(s) not in vectors))
        for item, vector in zip(missing, self._embed([s.text for s in missing])):
            vectors[evidence_key(item)] = vector
        return vectors


def _chat_messages(messages: Sequence[tuple[str, str]]):
    from llama_index.core.llms import ChatMessage

    return [ChatMessage(role=role, content=content) for role, content in messages]


def describe_llm(llm) -> str:
    """How a notice names the model: its server address, its file, or its class."""
    for attribute in ("api_base", "model_path"):
        value = getattr(llm, attribute, None)
        if isinstance(value, str) and value:
            return value
    return type(llm).__name__


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else "no details"


def failure_notice(exc: BaseException, where: str, timeout: float) -> str:
    """One line saying why the model's answer is missing, for ``Answer.notice``."""
    chain, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    names = {cls.__name__ for e in chain for cls in type(e).__mro__}
    tail = "showing the extractive answer."
    if names & {"APITimeoutError", "TimeoutException", "ReadTimeout", "ConnectTimeout", "TimeoutError"}:
        return f"The language model at {where} did not answer (timeout after {timeout:g} s); {tail}"
    status = next((e.status_code for e in chain if isinstance(getattr(e, "status_code", None), int)), None)
    if status is not None:
        return f"The language model at {where} answered with an error (HTTP {status}); {tail}"
    if names & {"APIConnectionError", "ConnectError", "ConnectionError"}:
        detail = _first_line(chain[-1])
        reason = "connection refused" if "refused" in detail.lower() else detail
        return f"The language model at {where} could not be reached ({reason}); {tail}"
    return f"The language model at {where} failed ({type(exc).__name__}: {_first_line(exc)}); {tail}"
