"""Gradient-boosted trees as data (pure): what ``tools/fit_junk.py`` fits and
``boilerplate_weights`` ships, evaluated without a learning library."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["Trees", "tree_score"]


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
