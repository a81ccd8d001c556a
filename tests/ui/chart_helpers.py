"""Reading back what a chart of ``ui.chart_marks`` marks shows, as a person would read it."""

from __future__ import annotations

from ui.chart_marks import CategoryLabels


def category_labels(axes) -> CategoryLabels:
    labels, = (artist for artist in axes.artists if isinstance(artist, CategoryLabels))
    return labels


def category_names(axes) -> list[str]:
    """The names under the bars, left to right (placed as last drawn)."""
    texts = category_labels(axes).texts
    assert sorted(texts, key=lambda text: text.get_position()[0]) == texts
    return [text.get_text() for text in texts]


def stacked_segments(axes) -> dict[tuple[str, str], tuple[float, float]]:
    """(name under the bar, legend label) -> (bottom, top) of every bar of every collection."""
    names = [text.get_text() for text in category_labels(axes).texts]
    found = {}
    for collection in axes.collections:
        for path in collection.get_paths():
            xs, ys = path.vertices[:, 0], path.vertices[:, 1]
            found[names[round((xs.min() + xs.max()) / 2)], collection.get_label()] = \
                (float(ys.min()), float(ys.max()))
    return found
