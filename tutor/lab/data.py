"""Synthetic documents for the lab, as bag-of-words vectors (numpy; imported only by the lab).

See tutor.lab.corpus for the story and the word lists. A document is drawn word by word: each
word is from the document's own topic, another topic, the reader-service words of its class
(target only) or the common words, with the shares of SOURCE_MIX / TARGET_MIX. Inside a list,
word frequencies fall off with the rank (Zipf). The network reads the average of the one-hot
words: counts / length.

Everything is deterministic from the seed: numpy's PCG64 streams keyed (seed, purpose). The
target training set is drawn in chunks of 16 from streams (seed, 3, chunk), so the first 16
examples are the same whatever the requested number: adding examples only adds examples.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.lab import corpus
from tutor.lab._numpy import np

CHUNK = 16
_C = len(corpus.COMMON_WORDS)
_K = len(corpus.TOPICS)
_W = corpus.WORDS_PER_TOPIC
_S = len(corpus.SERVICE_WORDS[0])
_V = corpus.VOCAB_SIZE


def _zipf(n: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1, dtype=np.float64) ** exponent
    normalised: np.ndarray = weights / weights.sum()
    return normalised


_TOPIC_P = _zipf(_W, corpus.TOPIC_ZIPF)
_COMMON_P = _zipf(_C, corpus.COMMON_ZIPF)


@dataclass(frozen=True)
class Documents:
    """Bag-of-words rows (documents × vocabulary, counts / length), labels, and the words drawn."""

    x: np.ndarray
    y: np.ndarray
    tokens: np.ndarray  # word index of every drawn word, documents one after the other
    lengths: np.ndarray


def draw_documents(
    rng: np.random.Generator,
    topics: np.ndarray,
    classes: np.ndarray,
    length: tuple[int, int],
    mix: tuple[float, float, float],
) -> Documents:
    """Documents about `topics` (one per row); `classes` choose the service words (target task)."""
    n = len(topics)
    lengths = rng.integers(length[0], length[1] + 1, n)
    doc = np.repeat(np.arange(n), lengths)
    own, other, service = mix
    kind = rng.choice(4, size=len(doc), p=[own, other, service, 1.0 - own - other - service])
    second = (topics + rng.integers(1, _K, n)) % _K
    in_topic = rng.choice(_W, size=len(doc), p=_TOPIC_P)
    common = rng.choice(_C, size=len(doc), p=_COMMON_P)
    service_word = rng.integers(0, _S, len(doc))
    tokens = np.select(
        [kind == 0, kind == 1, kind == 2],
        [
            _C + topics[doc] * _W + in_topic,
            _C + second[doc] * _W + in_topic,
            _C + _K * _W + classes[doc] * _S + service_word,
        ],
        default=common,
    )
    counts = np.bincount(doc * _V + tokens, minlength=n * _V).reshape(n, _V).astype(np.float64)
    return Documents(counts / lengths[:, None], np.asarray(classes), tokens, lengths)


def source_documents(seed: int, count: int) -> Documents:
    """`count` training articles of the source task (8 topics), then see source_test_documents."""
    rng = np.random.default_rng([seed, 1])
    topics = rng.integers(0, _K, count)
    return _with_labels(draw_documents(rng, topics, np.zeros(count, dtype=np.int64), corpus.SOURCE_LENGTH,
                                       corpus.SOURCE_MIX), topics)


def source_test_documents(seed: int, count: int) -> Documents:
    """Held-out source articles, to measure the source accuracy (forgetting)."""
    rng = np.random.default_rng([seed, 5])
    topics = rng.integers(0, _K, count)
    return _with_labels(draw_documents(rng, topics, np.zeros(count, dtype=np.int64), corpus.SOURCE_LENGTH,
                                       corpus.SOURCE_MIX), topics)


def _with_labels(docs: Documents, labels: np.ndarray) -> Documents:
    return Documents(docs.x, labels, docs.tokens, docs.lengths)


_TARGET_TOPIC_INDEX = np.array([corpus.TOPICS.index(t) for t in corpus.TARGET_TOPICS])


def _target_chunk(rng: np.random.Generator, count: int) -> Documents:
    # Classes in shuffled pairs, so any prefix of 2k examples has k of each class.
    pairs = (count + 1) // 2
    classes = np.stack([np.zeros(pairs, dtype=np.int64), np.ones(pairs, dtype=np.int64)], axis=1)
    flip = rng.random(pairs) < 0.5
    classes[flip] = classes[flip][:, ::-1]
    classes = classes.reshape(-1)[:count]
    docs = draw_documents(rng, _TARGET_TOPIC_INDEX[classes], classes, corpus.TARGET_LENGTH, corpus.TARGET_MIX)
    noisy = rng.random(count) < corpus.TARGET_LABEL_NOISE
    return Documents(docs.x, np.where(noisy, 1 - classes, classes), docs.tokens, docs.lengths)


def target_documents(seed: int, count: int) -> Documents:
    """The first `count` labelled target examples for `seed` (labels with 5 % noise)."""
    chunks = [_target_chunk(np.random.default_rng([seed, 3, i]), CHUNK) for i in range(-(-count // CHUNK))]
    lengths = np.concatenate([c.lengths for c in chunks])[:count]
    return Documents(
        np.concatenate([c.x for c in chunks])[:count],
        np.concatenate([c.y for c in chunks])[:count],
        np.concatenate([c.tokens for c in chunks])[: int(lengths.sum())],
        lengths,
    )


def validation_documents(seed: int) -> Documents:
    """The 400 validation messages of the target task."""
    return _target_chunk(np.random.default_rng([seed, 2]), corpus.TARGET_VALIDATION_DOCS)


def texts(docs: Documents, limit: int | None = None) -> list[str]:
    """The drawn words of the first `limit` documents, as text."""
    out = []
    start = 0
    for length in docs.lengths[: limit if limit is not None else len(docs.lengths)]:
        out.append(" ".join(corpus.VOCABULARY[i] for i in docs.tokens[start : start + int(length)]))
        start += int(length)
    return out


def example_messages(seed: int = 0, count: int = 4, lang: str = "en") -> list[tuple[str, str]]:
    """(text, class name) of the first target training examples: what the learner's data looks like."""
    docs = target_documents(seed, max(1, count))
    names = corpus.TARGET_CLASSES.get(lang, corpus.TARGET_CLASSES["en"])
    return [(text, names[int(label)]) for text, label in zip(texts(docs, count), docs.y[:count], strict=True)]
