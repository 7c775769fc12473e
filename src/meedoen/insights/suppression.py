"""Small counts hidden, and no hidden count that can be worked out from what is shown.

Pure and typed: no database. A figure is a table of numbers (rows by columns, one column for a
simple list) with its totals. A cell whose count is small (from 1 to k - 1) is hidden: the
primary suppression. Then, so that no hidden number follows from the totals, more cells are
hidden: the secondary suppression.

How it decides. The table with its totals is a set of equations: every row adds up to its row
total, every column to its column total, the row totals and the column totals to the grand
total. Draw it as a graph: one node per row, one per column, one for the row of column totals
and one for the column of row totals; every number (cell or total) is an edge between the two
nodes whose equations it is in. The hidden numbers and the totals that are not shown are the
unknown edges. An unknown number follows from the equations exactly when its edge is a bridge
of the graph of unknown edges (no cycle passes through it: summing the equations on one side of
the cut gives its value). When every unknown edge of a hidden number lies on a cycle, the
numbers around that cycle can be shifted by one up and down together and every equation still
holds; since every hidden number is at least 1 (zero is never hidden to protect another), the
shifted table is a possible one too, so the hidden number is not determined.

So: while a hidden number's edge is a bridge, hide the cheapest chain of shown numbers (never
zero, cells before totals, never the grand total) that closes a cycle through it. The grand
total is hidden only when it is small itself, so that every figure of the same population (the
same filters, grouped another way) shows or hides the same grand total, and one grouping cannot
be used to undo another.

Zero is not a small count: it is shown. That nobody in a village asked for help singles out
no one, and a hidden zero would hide that the support does not reach a village.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

Number = int | Decimal

#: Hiding a total costs this much more than hiding a cell of the same size: the totals are
#: what readers use most.
TOTAL_PENALTY = 1_000_000


@dataclass(frozen=True)
class Shown:
    """A table after suppression: None where a number is hidden."""

    cells: list[list[Number | None]]
    row_totals: list[Number | None]
    column_totals: list[Number | None]
    total: Number | None
    #: Where the count itself was small (1 to k - 1): for the tests and the documentation.
    primary: frozenset[tuple[int, int]] = field(default_factory=frozenset)

    @property
    def hidden(self) -> int:
        return sum(value is None for row in self.cells for value in row)


# Nodes: ("r", i) a row, ("c", j) a column, ("r", -1) the row of column totals,
# ("c", -1) the column of row totals. An edge is the pair (row node index, column node index).
Edge = tuple[int, int]


def _edges(rows: int, columns: int) -> list[Edge]:
    """Every number of the table as an edge: cells (i, j), row totals (i, -1), column totals
    (-1, j) and the grand total (-1, -1)."""
    edges = [(i, j) for i in range(rows) for j in range(columns)]
    edges += [(i, -1) for i in range(rows)]
    edges += [(-1, j) for j in range(columns)]
    edges.append((-1, -1))
    return edges


def _node(side: str, index: int) -> tuple[str, int]:
    return (side, index)


def _reaches(unknown: set[Edge], start: tuple[str, int], goal: tuple[str, int], skip: Edge) -> bool:
    """Whether `goal` can be reached from `start` over the unknown edges, without `skip`."""
    adjacency: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for edge in unknown:
        if edge == skip:
            continue
        a, b = _node("r", edge[0]), _node("c", edge[1])
        adjacency.setdefault(a, []).append(b)
        adjacency.setdefault(b, []).append(a)
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for other in adjacency.get(node, ()):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return False


def determined(unknown: set[Edge], edge: Edge) -> bool:
    """Whether the number on `edge` follows from the equations when the `unknown` edges are
    not known: its edge is a bridge of the unknown edges."""
    return not _reaches(unknown, _node("r", edge[0]), _node("c", edge[1]), edge)


def _cheapest_chain(
    unknown: set[Edge],
    values: dict[Edge, Number],
    edge: Edge,
    rows: int,
    columns: int,
) -> list[Edge]:
    """The shown numbers to hide so that a cycle passes through `edge`: the cheapest path
    between its two ends over unknown edges (free) and shown non-zero numbers (their size,
    totals dearer), never the grand total and never `edge` itself."""
    start, goal = _node("r", edge[0]), _node("c", edge[1])
    adjacency: dict[tuple[str, int], list[tuple[tuple[str, int], Edge, float]]] = {}
    for other in _edges(rows, columns):
        if other == edge or other == (-1, -1):
            continue
        if other in unknown:
            cost = 0.0
        elif values[other] == 0:
            continue
        else:
            cost = float(values[other]) + (TOTAL_PENALTY if -1 in other else 0) + 1e-9
        a, b = _node("r", other[0]), _node("c", other[1])
        adjacency.setdefault(a, []).append((b, other, cost))
        adjacency.setdefault(b, []).append((a, other, cost))
    best: dict[tuple[str, int], float] = {start: 0.0}
    came: dict[tuple[str, int], tuple[tuple[str, int], Edge]] = {}
    queue: list[tuple[float, tuple[str, int]]] = [(0.0, start)]
    while queue:
        cost, node = heapq.heappop(queue)
        if node == goal:
            break
        if cost > best.get(node, float("inf")):
            continue
        for neighbour, via, step in adjacency.get(node, ()):
            total = cost + step
            if total < best.get(neighbour, float("inf")):
                best[neighbour] = total
                came[neighbour] = (node, via)
                heapq.heappush(queue, (total, neighbour))
    if goal not in came:
        # Cannot happen for a table whose grand total is not small (see the module's text);
        # hide the grand total rather than show a number that can be worked out.
        return [(-1, -1)]
    chain = []
    node = goal
    while node != start:
        node, via = came[node]
        if via not in unknown:
            chain.append(via)
    return chain


def suppress(
    cells: Sequence[Sequence[Number]],
    k: int,
    *,
    small: Sequence[Sequence[bool]] | None = None,
    row_totals: bool = True,
    column_totals: bool = True,
    small_total: bool = False,
) -> Shown:
    """Hide the small numbers of a table and the numbers that would give them away.

    `cells` is rows by columns. `small` says which cells are small counts (primary); by default
    those whose value is from 1 to k - 1 (for sums such as hours, pass whether fewer than k
    people are behind them). `row_totals` and `column_totals` say whether those totals are shown
    (a simple list is one column without row totals); the grand total is always shown unless it
    is small itself.
    """
    rows = len(cells)
    columns = len(cells[0]) if rows else 0
    values: dict[Edge, Number] = {}
    for i, row in enumerate(cells):
        if len(row) != columns:
            raise ValueError("every row needs the same number of columns")
        for j, value in enumerate(row):
            if value < 0:
                raise ValueError("numbers to publish are never negative")
            values[i, j] = value
    for i in range(rows):
        values[i, -1] = sum((values[i, j] for j in range(columns)), start=type_zero(values))
    for j in range(columns):
        values[-1, j] = sum((values[i, j] for i in range(rows)), start=type_zero(values))
    values[-1, -1] = sum((values[i, -1] for i in range(rows)), start=type_zero(values))

    def is_small_count(value: Number) -> bool:
        return 0 < value < k

    primary: set[Edge] = set()
    for i in range(rows):
        for j in range(columns):
            flagged = small[i][j] if small is not None else is_small_count(values[i, j])
            if flagged and values[i, j] != 0:
                primary.add((i, j))
    # A total is small when its own count is; for sums (`small` given), the grand total is
    # small when `small_total` says so (fewer than k people behind the whole figure).
    margins = [(i, -1) for i in range(rows)] + [(-1, j) for j in range(columns)] + [(-1, -1)]
    for edge in margins:
        if small is None:
            if is_small_count(values[edge]):
                primary.add(edge)
        elif edge == (-1, -1) and small_total and values[edge] != 0:
            primary.add(edge)

    free: set[Edge] = set()
    if not row_totals:
        free |= {(i, -1) for i in range(rows)}
    if not column_totals:
        free |= {(-1, j) for j in range(columns)}
    unknown = primary | free
    changed = True
    while changed:
        changed = False
        for edge in sorted(unknown - free, key=_order):
            if determined(unknown, edge):
                unknown |= set(_cheapest_chain(unknown, values, edge, rows, columns))
                changed = True
    hidden = unknown

    def shown(edge: Edge) -> Number | None:
        return None if edge in hidden and edge not in free else values[edge]

    return Shown(
        cells=[[shown((i, j)) for j in range(columns)] for i in range(rows)],
        row_totals=[shown((i, -1)) if row_totals else None for i in range(rows)],
        column_totals=[shown((-1, j)) if column_totals else None for j in range(columns)],
        total=shown((-1, -1)),
        primary=frozenset(e for e in primary if -1 not in e),
    )


def _order(edge: Edge) -> tuple[int, int]:
    return edge


def type_zero(values: dict[Edge, Number]) -> Number:
    return Decimal(0) if any(isinstance(v, Decimal) for v in values.values()) else 0


def suppress_list(
    values: Sequence[Number],
    k: int,
    *,
    small: Sequence[bool] | None = None,
    small_total: bool = False,
) -> Shown:
    """A simple list (one number per row) with its total."""
    return suppress(
        [[value] for value in values],
        k,
        small=[[flag] for flag in small] if small is not None else None,
        row_totals=False,
        column_totals=False,
        small_total=small_total,
    )
