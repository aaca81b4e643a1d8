"""Launch links for every lesson: JupyterLab or Voila on Binder, the JupyterLite site (no
server), and a school's JupyterHub.

Map of the module:

- ``binder_lab(repo, ref, path)`` / ``binder_voila(repo, ref, path)``: mybinder.org links
  that open one notebook in JupyterLab (``labpath``) or as an app in Voila (``urlpath``).
- ``hub_pull(hub, repo, ref, path)``: an nbgitpuller link: the hub pulls the repository
  into the learner's home and opens the notebook in JupyterLab.
- ``pages_site(repo)`` / ``site_lesson(site, path)``: the JupyterLite site that ``make site``
  builds and the GitHub Pages workflow publishes (https://OWNER.github.io/NAME/), and the link
  that opens one notebook there; Python runs in the learner's browser.
- ``lesson_links(manifest, repo, ref, hub)``: all of them, for every lesson in order.
- ``links_table(rows)``: the Markdown table of those links.
- ``write_docs(root)`` / ``stale_docs(root)``: the table between the ``links`` markers of
  the README and the teacher guide, written from ``lessons/lessons.yml`` or checked.

``repo`` is the repository's web address (https://github.com/OWNER/NAME); the Binder links
are built from its owner and name. A hub can pull from any git address (a school's own git
server, or a folder on the hub, as the tests do).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlencode, urlparse

from lessonkit.errors import LessonkitError

BINDER = "https://mybinder.org/v2/gh"
# Files that carry the table of launch links between these two lines.
LINK_DOCS = (Path("README.md"), Path("docs/teacher-guide.md"))
START = "<!-- links:start (made by 'lessonkit links --write'; do not edit by hand) -->"
END = "<!-- links:end -->"


def _owner_name(repo: str) -> str:
    parts = urlparse(repo).path.strip("/").removesuffix(".git").split("/")
    if urlparse(repo).netloc != "github.com" or len(parts) != 2 or not all(parts):
        raise ValueError(
            f"{repo!r} is not a GitHub repository address like https://github.com/OWNER/NAME"
        )
    return "/".join(parts)


def binder_lab(repo: str, ref: str, path: str) -> str:
    return f"{BINDER}/{_owner_name(repo)}/{quote(ref, safe='')}?labpath={quote(path)}"


def binder_voila(repo: str, ref: str, path: str) -> str:
    return (
        f"{BINDER}/{_owner_name(repo)}/{quote(ref, safe='')}"
        f"?urlpath={quote('voila/render/' + path, safe='')}"
    )


def pull_folder(repo: str) -> str:
    """The folder nbgitpuller makes in the learner's home: the repository's name."""
    name = PurePosixPath(urlparse(repo).path.rstrip("/")).name.removesuffix(".git")
    if not name:
        raise ValueError(f"{repo!r} has no repository name at its end")
    return name


def hub_pull(hub: str, repo: str, ref: str, path: str) -> str:
    folder = pull_folder(repo)
    query = urlencode(
        {
            "repo": repo,
            "branch": ref,
            "targetpath": folder,
            "urlpath": f"lab/tree/{folder}/{path}",
        }
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def pages_site(repo: str) -> str:
    """The address GitHub Pages gives the site of a repository (its workflow publishes the
    JupyterLite site there): https://OWNER.github.io/NAME/."""
    owner, name = _owner_name(repo).split("/")
    return f"https://{owner}.github.io/{name}/"


def site_lesson(site: str, path: str) -> str:
    """The link that opens one notebook of the JupyterLite site in its JupyterLab."""
    return f"{site.rstrip('/')}/lab/index.html?path={quote(path)}"


def lesson_links(
    manifest, repo: str, ref: str = "main", hub: str | None = None, site: str | None = None
) -> list[dict]:
    """One row per lesson: slug, title and its links. ``site`` is the JupyterLite site's
    address (by default the repository's GitHub Pages address)."""
    site = site or pages_site(repo)
    rows = []
    for entry in manifest.lessons:
        path = f"notebooks/{entry.slug}.ipynb"
        row = {
            "slug": entry.slug,
            "title": entry.title,
            "binder_lab": binder_lab(repo, ref, path),
            "binder_voila": binder_voila(repo, ref, path),
            "site": site_lesson(site, path),
        }
        if hub:
            row["hub"] = hub_pull(hub, repo, ref, path)
        rows.append(row)
    return rows


def links_table(rows: list[dict]) -> str:
    """The Markdown table of launch links, one row per lesson."""
    hub = any("hub" in row for row in rows)
    head = "| Lesson | No server (JupyterLite) | JupyterLab on Binder | App (Voila) on Binder |" + (
        " Your JupyterHub |" if hub else ""
    )
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for row in rows:
        cells = [
            row["title"],
            f"[open]({row['site']})",
            f"[open]({row['binder_lab']})",
            f"[open]({row['binder_voila']})",
        ]
        if hub:
            cells.append(f"[open]({row['hub']})")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def manifest_links(manifest) -> str:
    """The table for the addresses set in the manifest's ``links`` (or a note saying how)."""
    where = manifest.links
    if where is None:
        return (
            "No launch links yet: add a `links:` section with your repository's address to "
            "`lessons/lessons.yml` and run `make build`."
        )
    rows = lesson_links(manifest, where.repository, where.branch, where.hub)
    note = (
        f"These links open `{where.branch}` of {where.repository}, as set in "
        "`lessons/lessons.yml` (`links:`); the JupyterLite links open the site that the "
        f"repository's GitHub Pages workflow publishes ({pages_site(where.repository)})."
    )
    if "/OWNER/" in where.repository:
        note += (
            " OWNER is a stand-in: put the GitHub account that holds your copy there, then "
            "run `make build`."
        )
    if where.hub is None:
        note += (
            " For a school's JupyterHub, add `hub:` there, or run "
            "`lessonkit links --hub https://your.hub`."
        )
    return note + "\n\n" + links_table(rows)


def _region(text: str, shown: str) -> tuple[int, int] | None:
    start, end = text.find(START), text.find(END)
    if start == -1 and end == -1:
        return None
    if start == -1 or end == -1 or end < start:
        raise LessonkitError(
            f"{shown} has only one of the two launch-link markers; put back both lines "
            f"{START!r} and {END!r}."
        )
    return start + len(START), end


def _with_table(text: str, table: str, shown: str) -> str | None:
    region = _region(text, shown)
    if region is None:
        return None
    return text[: region[0]] + "\n\n" + table + "\n\n" + text[region[1] :]


def _docs(root: Path, manifest):
    """(shown path, path, text now, text with the manifest's table) of each marked file."""
    table = manifest_links(manifest)
    for shown in LINK_DOCS:
        path = Path(root) / shown
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        made = _with_table(text, table, str(shown))
        if made is not None:
            yield shown, path, text, made


def stale_docs(root: Path, manifest) -> list[str]:
    """Each file whose table of launch links differs from the manifest's links."""
    return [
        f"{shown} has out-of-date launch links: run 'lessonkit links --write' (or 'make build')."
        for shown, _, text, made in _docs(root, manifest)
        if made != text
    ]


def write_docs(root: Path, manifest) -> list[Path]:
    """Rewrite the launch-link tables; return the files that changed."""
    changed = []
    for shown, path, text, made in _docs(root, manifest):
        if made != text:
            path.write_text(made, encoding="utf-8")
            changed.append(shown)
    return changed
