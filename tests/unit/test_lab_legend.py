"""The lab's plots tell runs and series apart without colour: one marker each, named in a legend."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tutor.lab.legend import MAX_RUNS, SERIES, legend_lines, marker


@pytest.mark.parametrize("ascii_only", [False, True])
def test_every_series_of_every_run_has_its_own_marker(ascii_only: bool) -> None:
    markers = [marker(run, series, ascii_only) for run in range(MAX_RUNS) for series in SERIES]
    assert len(set(markers)) == len(markers)
    assert all(len(m) == 1 and cell_len(m) == 1 for m in markers)
    if ascii_only:
        assert all(m.isascii() and m.isprintable() and m != " " for m in markers)


def test_run_a_is_filled_and_run_b_hollow() -> None:
    assert [marker(0, s) for s in SERIES] == ["●", "■", "▲", "◆"]
    assert [marker(1, s) for s in SERIES] == ["○", "□", "△", "◇"]


def test_markers_that_cannot_be_told_apart_are_refused() -> None:
    with pytest.raises(ValueError):
        marker(MAX_RUNS, "train")
    with pytest.raises(ValueError):
        marker(0, "colour")


def test_the_legend_names_each_run_and_the_marker_of_each_series() -> None:
    lines = legend_lines([("A — taux 0,1", ["train", "val"]), ("B — taux 0,003", ["train", "val"])], "fr")
    assert lines == ["A — taux 0,1\u00a0: ● entraînement  ■ validation",
                     "B — taux 0,003\u00a0: ○ entraînement  □ validation"]
    ascii_lines = legend_lines([("this run", ["val", "source"]), ("previous run", ["val"])], "en", ascii_only=True)
    assert ascii_lines == ["this run: o validation  ^ source", "previous run: x validation"]


def test_a_run_that_draws_nothing_has_no_line_but_keeps_its_markers() -> None:
    lines = legend_lines([("A", []), ("B", ["source"])], "en", ascii_only=True)
    assert lines == ["B: % source"]


def test_axis_ticks_are_written_in_the_language() -> None:
    from tutor.lab.legend import axis_ticks

    positions, labels = axis_ticks([0.253, 0.687], "fr")
    assert positions[0] == 0.253 and positions[-1] == 0.687 and labels[0] == "0,253" and labels[-1] == "0,687"
    assert axis_ticks([0.0, 300.0], "fr", whole=True)[1] == ["0", "75", "150", "225", "300"]
    assert axis_ticks([0.0, 3e-3], "en", scientific=True)[1][-1] == "3e-3"
    assert axis_ticks([], "fr") == ([], [])
