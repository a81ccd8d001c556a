"""擂台比武 charts: the quarter's ranking as bars, and one cluster's rank over quarters.
Drawn on ``ui.charts`` canvases (its Chinese fonts, right-click to save as PNG)."""

from __future__ import annotations

from matplotlib.figure import Figure

from ui.charts import new_axes

FLAG_RED = "#c62828"
BAR = "#90a4ae"
VETO = "#616161"
RANK_LABEL_ROOM = 0.25  # of the ranks shown, above the first and below the last: labels


def draw_ranking(figure: Figure, rows: list[tuple[str, float, bool, bool]], title: str) -> None:
    """``rows``: (cluster name, total, holds a flag, vetoed) in ranking order."""
    axes = new_axes(figure, title, "该季度还没有得分。", bool(rows))
    if axes is None:
        return
    names = [name.replace("联合党总支", "").replace("联合党组织", "") for name, *_ in rows]
    totals = [total for _, total, _, _ in rows]
    colours = [FLAG_RED if flag else (VETO if vetoed else BAR) for _, _, flag, vetoed in rows]
    bars = axes.bar(range(len(rows)), totals, color=colours)
    axes.set_xticks(range(len(rows)), names, rotation=60, fontsize="small")
    axes.bar_label(bars, labels=[f"{t:.0f}" for t in totals], fontsize="x-small", padding=2)
    axes.set_ylabel("总分")
    axes.set_ylim(0, max(100.0, max(totals) * 1.1))
    axes.set_title(title + "（红色：流动红旗；深灰：一票否决）", fontsize="medium")
    axes.grid(axis="y", alpha=0.3)


def draw_rank_history(figure: Figure, name: str, history: list[tuple[str, int, float]],
                      clusters: int) -> None:
    """A cluster's rank in each quarter (1 at the top)."""
    title = f"{name}各季度名次"
    axes = new_axes(figure, title, "还没有季度得分。", bool(history))
    if axes is None:
        return
    quarters = [q for q, _, _ in history]
    ranks = [r for _, r, _ in history]
    axes.plot(range(len(history)), ranks, marker="o", color=FLAG_RED)
    for x, (_, rank, total) in enumerate(history):
        # A dip (the line comes down to it on both sides) is labelled below, clear of the line.
        neighbours = ranks[max(0, x - 1):x] + ranks[x + 1:x + 2]
        below = bool(neighbours) and all(rank > other for other in neighbours)
        axes.annotate(f"第{rank}名\n{total:.1f}分", (x, rank), textcoords="offset points",
                      xytext=(0, -7 if below else 6), ha="center",
                      va="top" if below else "bottom", fontsize="x-small")
    axes.set_xticks(range(len(history)), quarters, fontsize="small")
    axes.margins(x=0.12)
    bottom = max(clusters, max(ranks))
    room = RANK_LABEL_ROOM * bottom  # above first place and below the last: two lines of text
    axes.set_ylim(bottom + room, 1 - room)  # rank 1 at the top
    axes.set_yticks([1, *range(5, bottom + 1, 5)])  # no ticks above first place
    axes.set_ylabel("名次")
    axes.set_title(title, fontsize="medium")
    axes.grid(alpha=0.3)


def draw_groups_against_median(figure: Figure, name: str,
                               rows: list[tuple[str, float, float, float]]) -> None:
    """``rows``: (group, the cluster's subtotal, the town's median, the group's weight)."""
    title = f"{name}各类别得分与全镇中位数"
    axes = new_axes(figure, title, "方案还没有指标类别。", bool(rows))
    if axes is None:
        return
    positions = range(len(rows))
    width = 0.38
    axes.bar([p - width / 2 for p in positions], [r[1] for r in rows], width,
             label=name.replace("联合党总支", "").replace("联合党组织", ""), color=FLAG_RED)
    axes.bar([p + width / 2 for p in positions], [r[2] for r in rows], width,
             label="全镇中位数", color=BAR)
    axes.scatter(list(positions), [r[3] for r in rows], marker="_", s=400, color="#37474f",
                 label="满分", zorder=3)
    axes.set_xticks(list(positions), [r[0] for r in rows], fontsize="small")
    axes.set_ylabel("分")
    axes.set_title(title, fontsize="medium")
    axes.legend(fontsize="x-small", loc="upper right", frameon=False)
    axes.grid(axis="y", alpha=0.3)
