"""No hidden number can be worked out from what a figure shows: proved over any table.

The check does not reuse the module's graph: it writes down every equation a reader has (each
row, each column and the totals add up) and asks linear algebra whether a hidden number is a
combination of them. Since every hidden number is at least 1, a table that the equations do not
pin down can be shifted by one along a cycle and stays a possible table.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from meedoen.insights.suppression import Shown, suppress, suppress_list

K = 5

small_heavy = st.one_of(st.integers(0, 6), st.integers(0, 40))


def _equations(rows: int, columns: int) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Every number of the table (cells, row totals, column totals, grand total) and one
    equation per row, per column and for the totals: the coefficients over those numbers."""
    edges = [(i, j) for i in range(rows) for j in range(columns)]
    edges += [(i, -1) for i in range(rows)] + [(-1, j) for j in range(columns)] + [(-1, -1)]
    index = {e: n for n, e in enumerate(edges)}
    lines = []
    for i in range(rows):
        line = np.zeros(len(edges))
        for j in range(columns):
            line[index[i, j]] = 1
        line[index[i, -1]] = -1
        lines.append(line)
    for j in range(columns):
        line = np.zeros(len(edges))
        for i in range(rows):
            line[index[i, j]] = 1
        line[index[-1, j]] = -1
        lines.append(line)
    for side in ("rows", "columns"):
        line = np.zeros(len(edges))
        for n in range(rows if side == "rows" else columns):
            line[index[(n, -1) if side == "rows" else (-1, n)]] = 1
        line[index[-1, -1]] = -1
        lines.append(line)
    return edges, np.array(lines)


def _published(shown: Shown, edge: tuple[int, int]):
    i, j = edge
    if i >= 0 and j >= 0:
        return shown.cells[i][j]
    if j == -1 and i >= 0:
        return shown.row_totals[i]
    if i == -1 and j >= 0:
        return shown.column_totals[j]
    return shown.total


def _truth(cells, edge):
    i, j = edge
    rows, columns = len(cells), len(cells[0])
    if i >= 0 and j >= 0:
        return cells[i][j]
    if i >= 0:
        return sum(cells[i])
    if j >= 0:
        return sum(cells[r][j] for r in range(rows))
    return sum(sum(row) for row in cells) if columns else 0


def undetermined_hidden(tables: list[tuple[list[list], Shown]], shared_total: bool) -> list:
    """The hidden numbers that the shown ones give away: for each table (and for all of them
    together when they count the same people, sharing the grand total)."""
    blocks = []
    for cells, shown in tables:
        edges, matrix = _equations(len(cells), len(cells[0]))
        blocks.append((cells, shown, edges, matrix))
    size = sum(len(edges) for *_x, edges, _m in blocks)
    lines, unknown_columns, hidden, offset = [], [], [], 0
    total_columns = []
    for _cells, shown, edges, matrix in blocks:
        for row in matrix:
            line = np.zeros(size)
            line[offset : offset + len(edges)] = row
            lines.append(line)
        for n, edge in enumerate(edges):
            if _published(shown, edge) is None:
                unknown_columns.append(offset + n)
                if -1 not in edge:
                    hidden.append(offset + n)
            if edge == (-1, -1):
                total_columns.append(offset + n)
        offset += len(edges)
    if shared_total:
        # The figures count the same people: their grand totals are one number.
        for a, b in itertools.pairwise(total_columns):
            line = np.zeros(size)
            line[a], line[b] = 1, -1
            lines.append(line)
    a_unknown = np.array(lines)[:, unknown_columns] if unknown_columns else None
    given_away = []
    if a_unknown is None:
        return given_away
    rank = np.linalg.matrix_rank(a_unknown)
    for column in hidden:
        target = np.zeros(len(unknown_columns))
        target[unknown_columns.index(column)] = 1
        if np.linalg.matrix_rank(np.vstack([a_unknown, target])) == rank:
            given_away.append(column)
    return given_away


def _check_table(cells, shown: Shown, k=K):
    rows, columns = len(cells), len(cells[0])
    for i in range(rows):
        for j in range(columns):
            value, published = cells[i][j], shown.cells[i][j]
            if 0 < value < k:
                assert published is None, "a small count is shown"
            if published is not None:
                assert published == value
            else:
                assert value >= 1, "a zero was hidden to protect another number"
    grand = _truth(cells, (-1, -1))
    assert (shown.total is None) == (0 < grand < k), "the grand total follows its own size only"


tables = st.integers(1, 6).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda columns: st.lists(
            st.lists(small_heavy, min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(cells=tables, row_totals=st.booleans(), column_totals=st.booleans())
def test_no_hidden_cell_of_a_table_follows_from_what_is_shown(cells, row_totals, column_totals):
    shown = suppress(cells, K, row_totals=row_totals, column_totals=column_totals)
    _check_table(cells, shown)
    for i, total in enumerate(shown.row_totals):
        if total is not None:
            assert row_totals and total == sum(cells[i])
        elif row_totals:
            assert sum(cells[i]) >= 1
    assert undetermined_hidden([(cells, shown)], shared_total=False) == []


records = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 4), st.integers(0, 7), st.integers(0, 11)),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(people=records)
def test_every_grouping_of_the_same_people_together_gives_no_hidden_count_away(people):
    """The dashboard groups the same requests by channel, by outcome, by area and by month
    (the same filters): the lists, read together, still give no hidden count away."""
    sizes = (3, 5, 8, 12)
    tables = []
    for position, size in enumerate(sizes):
        counts = [0] * size
        for person in people:
            counts[person[position]] += 1
        shown = suppress_list(counts, K)
        cells = [[count] for count in counts]
        _check_table(cells, shown)
        tables.append((cells, shown))
    totals = {shown.total for _cells, shown in tables}
    assert len(totals) == 1, "every grouping shows or hides the same grand total"
    assert undetermined_hidden(tables, shared_total=True) == []


@settings(max_examples=200, deadline=None)
@given(
    hours=st.lists(
        st.tuples(st.decimals("0", "300", places=2), st.integers(0, 12)), min_size=1, max_size=12
    )
)
def test_sums_are_hidden_when_few_people_are_behind_them(hours):
    """Hours per area: hidden where fewer than k volunteers gave them, and no hidden sum
    follows from the total."""
    values = [value if people else Decimal(0) for value, people in hours]
    small = [0 < people < K for _value, people in hours]
    everyone = sum(people for _value, people in hours)
    shown = suppress_list(values, K, small=small, small_total=0 < everyone < K)
    for value, flag, published in zip(values, small, shown.cells, strict=True):
        if flag and value:
            assert published == [None]
        elif published[0] is not None:
            assert published[0] == value
        else:
            assert value > 0
    if 0 < everyone < K and sum(values):
        assert shown.total is None
    assert undetermined_hidden([([[v] for v in values], shown)], shared_total=False) == []


def test_a_small_count_beside_a_large_one_hides_the_smallest_other_number():
    shown = suppress_list([3, 0, 40, 12], K)
    assert [row[0] for row in shown.cells] == [None, 0, 40, None]
    assert shown.total == 55


def test_a_small_grand_total_is_hidden_and_zeros_stay_shown():
    shown = suppress_list([2, 0, 0], K)
    assert [row[0] for row in shown.cells] == [None, 0, 0]
    assert shown.total is None


def test_nothing_small_nothing_hidden():
    shown = suppress([[5, 6], [0, 9]], K)
    assert shown.cells == [[5, 6], [0, 9]] and shown.total == 20 and shown.hidden == 0
