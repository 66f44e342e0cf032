"""Gradient-boosted trees as data (pure): what ``tools/fit_junk.py`` fits and
``boilerplate_weights`` ships, evaluated without a learning library."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

__all__ = ["Trees", "tree_score", "tree_scorer"]


class Trees(NamedTuple):
    """An ensemble of binary trees, their nodes one after the other in flat sequences."""

    bias: float
    """The score before any tree."""
    roots: Sequence[int]
    """Each tree's first node."""
    feature: Sequence[int]
    """Per node, the feature it asks about (an index into the row); -1 for a leaf."""
    threshold: Sequence[float]
    """Per node, the value at or below which the row goes left."""
    left: Sequence[int]
    right: Sequence[int]
    value: Sequence[float]
    """Per leaf, what it adds to the score."""


def tree_score(trees: Trees, row: Sequence[float]) -> float:
    """The ensemble's score (a logit) for one row of features."""
    feature, threshold, left, right = trees.feature, trees.threshold, trees.left, trees.right
    total = trees.bias
    for node in trees.roots:
        while (asked := feature[node]) >= 0:
            node = left[node] if row[asked] <= threshold[node] else right[node]
        total += trees.value[node]
    return total


def _expression(trees: Trees, node: int) -> str:
    """A tree from ``node`` on as one Python expression of the row ``r``."""
    asked = trees.feature[node]
    if asked < 0:
        return repr(float(trees.value[node]))
    at_or_below = _expression(trees, trees.left[node])
    above = _expression(trees, trees.right[node])
    return f"({at_or_below} if r[{asked}] <= {float(trees.threshold[node])!r} else {above})"


def tree_scorer(trees: Trees) -> Callable[[Sequence[float]], float]:
    """``tree_score`` for ``trees`` as a compiled function of the row: each tree one nested
    conditional expression, added up in the same order (the same float), so a line costs its
    comparisons only, not a loop walking the nodes (about three times less)."""
    source = "def score(r):\n    total = " + repr(float(trees.bias)) + "\n"
    source += "".join(f"    total += {_expression(trees, root)}\n" for root in trees.roots)
    source += "    return total\n"
    namespace: dict[str, Callable[[Sequence[float]], float]] = {}
    exec(compile(source, "<boilerplate trees>", "exec"), namespace)  # the trees: our own data
    return namespace["score"]
