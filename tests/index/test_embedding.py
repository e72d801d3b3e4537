"""The bundled model's token counts, read from its folder, are the ones the model itself sees."""

import pytest

from index.chunking import chunk_article, word_token_estimate
from index.embedding import MODEL_ID, bundled_model_path, model_identity, model_token_counter
from index.readers import read_sources
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords


@pytest.mark.slow
def test_token_counts_match_the_tokenizer_the_model_embeds_with(real_embed):
    from sentence_transformers import SentenceTransformer

    count = model_token_counter(real_embed)
    texts = ["Café naïve — “quoted” ½ 北京 emoji 🎉", ""]
    for doc in read_sources([SEEDS]):
        texts.append(doc.text)
        for chunk in chunk_article(doc.text, count):
            texts += [chunk.text] + [s.text for s in chunk.sentences]
    tokenizer = SentenceTransformer(bundled_model_path(), device="cpu").tokenizer
    expected = [len(ids) for ids in tokenizer(texts, add_special_tokens=False, truncation=False)["input_ids"]]
    assert count(texts) == expected
    assert max(expected) > 256  # whole articles: nothing was cut at the model's window
    assert model_identity(real_embed) == (MODEL_ID, 384)


def test_a_model_without_a_tokenizer_folder_counts_words():
    assert model_token_counter(HashedBagOfWords()) is word_token_estimate
