"""Launch links: their format for Binder (JupyterLab, Voila) and for nbgitpuller on a hub."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from lessonkit.build.links import (
    END,
    START,
    binder_lab,
    binder_voila,
    hub_pull,
    lesson_links,
    pages_site,
    site_lesson,
    stale_docs,
    write_docs,
)
from lessonkit.build.sources import load_manifest
from lessonkit.cli import main

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
        "targetpath": ["lessonkit"],
        "urlpath": ["lab/tree/lessonkit/notebooks/02-x.ipynb"],
    }


def test_hub_link_can_pull_from_any_git_address():
    """Can a hub pull from a school's own git server or a folder (the folder is its name)?"""
    url = hub_pull("http://127.0.0.1:8000", "/srv/git/english.git", "main", "notebooks/a.ipynb")
    query = parse_qs(urlparse(url).query)
    assert query["targetpath"] == ["english"]
    assert query["urlpath"] == ["lab/tree/english/notebooks/a.ipynb"]


@pytest.mark.parametrize("bad", ["https://gitlab.com/a/b", "https://github.com/only-owner", "x"])
def test_non_github_repositories_are_refused(bad):
    """Is an address that Binder's gh provider cannot use refused with a clear message?"""
    with pytest.raises(ValueError, match="not a GitHub repository address"):
        binder_lab(bad, "main", "n.ipynb")


def test_every_lesson_gets_every_link():
    """Does every lesson of the manifest get a JupyterLite, a Binder, a Voila and a hub link?"""
    rows = lesson_links(load_manifest(ROOT), REPO, "main", "https://hub.example.org")
    assert [r["slug"] for r in rows] == [e.slug for e in load_manifest(ROOT).lessons]
    assert all({"site", "binder_lab", "binder_voila", "hub"} <= set(r) for r in rows)


def test_site_link_opens_the_notebook_on_the_pages_site():
    """Does the JupyterLite link open the notebook in the site's JupyterLab, at the GitHub
    Pages address of the repository unless another address is given?"""
    assert pages_site(REPO) == "https://example-school.github.io/lessonkit/"
    url = site_lesson(pages_site(REPO), "notebooks/01-geneva-summit.ipynb")
    assert url == (
        "https://example-school.github.io/lessonkit/lab/index.html"
        "?path=notebooks/01-geneva-summit.ipynb"
    )
    rows = lesson_links(load_manifest(ROOT), REPO, site="https://school.example.org/english/")
    assert rows[0]["site"] == (
        "https://school.example.org/english/lab/index.html?path=notebooks/00-start-here.ipynb"
    )


def test_links_command_takes_the_site_address(capsys):
    """Does `lessonkit links --site` put that address in the JupyterLite column?"""
    assert main(["links", "--repo", REPO, "--site", "https://lessons.example.org"]) == 0
    table = capsys.readouterr().out
    assert "| No server (JupyterLite) |" in table.splitlines()[0]
    assert "(https://lessons.example.org/lab/index.html?path=notebooks/" in table


def test_links_command(capsys):
    """Does `lessonkit links` print a Markdown table with a row per lesson?"""
    assert (
        main(["links", "--repo", REPO, "--hub", "https://hub.example.org", "--root", str(ROOT)])
        == 0
    )
    out = capsys.readouterr().out
    assert out.count("mybinder.org") == 2 * len(load_manifest(ROOT).lessons)
    assert "git-pull?" in out


def copy_project(tmp_path: Path, links: str) -> Path:
    """A project with the real lesson list, the given ``links:`` part and two marked docs."""
    root = tmp_path / "project"
    (root / "lessons").mkdir(parents=True)
    (root / "docs").mkdir()
    text = (ROOT / "lessons" / "lessons.yml").read_text(encoding="utf-8")
    text = text[: text.index("\nlinks:")] + "\n" + links
    (root / "lessons" / "lessons.yml").write_text(text, encoding="utf-8")
    for doc in ("README.md", "docs/teacher-guide.md"):
        (root / doc).write_text(f"# Title\n\n{START}\nold table\n{END}\n\nThe end.\n")
    return root


def test_docs_get_the_manifest_links_and_check_sees_them_go_stale(tmp_path):
    """Does --write put a row per lesson between the markers, and is a later change noticed?"""
    root = copy_project(
        tmp_path, "links:\n  repository: https://github.com/a-school/english\n  branch: student\n"
    )
    assert len(stale_docs(root, load_manifest(root))) == 2
    assert main(["links", "--write", "--root", str(root)]) == 0
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "old table" not in readme and readme.endswith("The end.\n")
    assert readme.count("https://mybinder.org/v2/gh/a-school/english/student?labpath=") == len(
        load_manifest(root).lessons
    )
    assert stale_docs(root, load_manifest(root)) == []
    manifest = root / "lessons" / "lessons.yml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "  hub: https://hub.example.org\n",
        encoding="utf-8",
    )
    assert stale_docs(root, load_manifest(root)) != []
    write_docs(root, load_manifest(root))
    assert "git-pull?" in (root / "docs" / "teacher-guide.md").read_text(encoding="utf-8")


def test_links_command_uses_the_manifest_by_default(tmp_path, capsys):
    """Without --repo, does `lessonkit links` use the address in lessons.yml?"""
    root = copy_project(tmp_path, "links:\n  repository: https://github.com/a-school/english\n")
    assert main(["links", "--root", str(root)]) == 0
    assert "/a-school/english/main?labpath=" in capsys.readouterr().out


def test_a_bad_repository_in_the_manifest_is_named(tmp_path, capsys):
    """Is a repository that is not a GitHub address refused with file, line and field?"""
    root = copy_project(tmp_path, "links:\n  repository: https://gitlab.com/a/b\n")
    assert main(["links", "--root", str(root)]) == 2
    error = capsys.readouterr().err
    assert "lessons/lessons.yml" in error and "repository" in error and "Traceback" not in error


def test_a_lost_marker_is_named(tmp_path):
    """Does a document with only one marker get a clear message, not a silent skip?"""
    root = copy_project(tmp_path, "links:\n  repository: https://github.com/a-school/english\n")
    (root / "README.md").write_text(f"# Title\n\n{START}\nno end\n", encoding="utf-8")
    with pytest.raises(Exception, match="README.md has only one of the two launch-link markers"):
        write_docs(root, load_manifest(root))


def test_the_committed_docs_carry_the_current_links():
    """Are the README's and the teacher guide's tables the ones the manifest makes?"""
    assert stale_docs(ROOT, load_manifest(ROOT)) == []
