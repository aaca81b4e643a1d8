"""Launch links: their format for Binder (JupyterLab, Voila) and for nbgitpuller on a hub."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from lessonkit._cli import main
from lessonkit._links import binder_lab, binder_voila, hub_pull, lesson_links
from lessonkit._sources import load_manifest

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/example-school/lessonkit"


def test_binder_lab_link_opens_the_notebook():
    """Does the Binder link name the repository, the branch and the notebook (labpath)?"""
    url = binder_lab(REPO, "main", "notebooks/01-geneva-summit.ipynb")
    assert url == (
        "https://mybinder.org/v2/gh/example-school/lessonkit/main"
        "?labpath=notebooks/01-geneva-summit.ipynb"
    )


def test_binder_voila_link_renders_the_notebook_as_an_app():
    """Does the Voila link point urlpath at voila/render/<notebook>, encoded?"""
    url = binder_voila(REPO, "student", "notebooks/01-geneva-summit.ipynb")
    query = parse_qs(urlparse(url).query)
    assert urlparse(url).path.endswith("/example-school/lessonkit/student")
    assert query["urlpath"] == ["voila/render/notebooks/01-geneva-summit.ipynb"]


def test_hub_link_pulls_the_repository_and_opens_the_lesson():
    """Is the nbgitpuller link the hub's git-pull with repo, branch and the lesson's lab path?"""
    url = hub_pull("https://hub.example.org/", REPO, "main", "notebooks/02-x.ipynb")
    parsed = urlparse(url)
    assert parsed.path == "/hub/user-redirect/git-pull"
    assert parse_qs(parsed.query) == {
        "repo": [REPO],
        "branch": ["main"],
        "urlpath": ["lab/tree/lessonkit/notebooks/02-x.ipynb"],
    }


@pytest.mark.parametrize("bad", ["https://gitlab.com/a/b", "https://github.com/only-owner", "x"])
def test_non_github_repositories_are_refused(bad):
    """Is an address that Binder's gh provider cannot use refused with a clear message?"""
    with pytest.raises(ValueError, match="not a GitHub repository address"):
        binder_lab(bad, "main", "n.ipynb")


def test_every_lesson_gets_every_link():
    """Does every lesson of the manifest get a Binder, a Voila and a hub link?"""
    rows = lesson_links(load_manifest(ROOT), REPO, "main", "https://hub.example.org")
    assert [r["slug"] for r in rows] == [e.slug for e in load_manifest(ROOT).lessons]
    assert all({"binder_lab", "binder_voila", "hub"} <= set(r) for r in rows)


def test_links_command(capsys):
    """Does `lessonkit links` print a Markdown table with a row per lesson?"""
    assert (
        main(["links", "--repo", REPO, "--hub", "https://hub.example.org", "--root", str(ROOT)])
        == 0
    )
    out = capsys.readouterr().out
    assert out.count("mybinder.org") == 2 * len(load_manifest(ROOT).lessons)
    assert "git-pull?" in out
