"""Teachers' tools over a folder of malformed result files: a line per file, never a crash."""

from __future__ import annotations

from pathlib import Path

from lessonkit.cli import main
from lessonkit.teacher.dashboard import dashboard

FIXTURES = Path(__file__).parent / "fixtures" / "results"
# Every file of the catalogue but the good ones (results-*) and the valid file whose learner
# name holds markup (it is read like any other).
BAD_FILES = sorted(
    p.name
    for p in FIXTURES.iterdir()
    if p.is_file() and not p.name.startswith("results-") and p.name != "markup-name.json"
)


def test_results_command_reports_every_bad_file(tmp_path, capsys):
    """Does `lessonkit results` read the catalogue, write the good rows, and name each bad
    file in its report?"""
    out = tmp_path / "class.csv"
    assert main(["results", str(FIXTURES), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "Wrote" in captured.out and out.exists()
    report = captured.err
    for name in BAD_FILES:
        assert name in report, name
    assert "Traceback" not in report


def test_results_command_refuses_a_missing_folder(tmp_path, capsys):
    """Does `lessonkit results` on a folder that is not there give one sentence, exit 2?"""
    assert main(["results", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lessonkit: ") and err.count("\n") == 1


def test_dashboard_reports_every_bad_file():
    """Does the class dashboard show the same catalogue with a line per problem file?"""
    view = dashboard(FIXTURES, Path(__file__).parents[1] / "data")
    text = repr(view)
    for name in BAD_FILES:
        assert name in text or name in view._repr_html_(), name
