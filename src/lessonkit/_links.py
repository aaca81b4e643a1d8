"""Launch links for every lesson: JupyterLab or Voila on Binder, and a school's JupyterHub.

Map of the module:

- ``binder_lab(repo, ref, path)`` / ``binder_voila(repo, ref, path)``: mybinder.org links
  that open one notebook in JupyterLab (``labpath``) or as an app in Voila (``urlpath``).
- ``hub_pull(hub, repo, ref, path)``: an nbgitpuller link: the hub pulls the repository
  into the learner's home and opens the notebook in JupyterLab.
- ``lesson_links(manifest, repo, ref, hub)``: all of them, for every lesson in order.

``repo`` is the repository's web address (https://github.com/OWNER/NAME); the Binder links
are built from its owner and name.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlparse

BINDER = "https://mybinder.org/v2/gh"


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


def hub_pull(hub: str, repo: str, ref: str, path: str) -> str:
    folder = _owner_name(repo).split("/")[1]
    query = urlencode({"repo": repo, "branch": ref, "urlpath": f"lab/tree/{folder}/{path}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def lesson_links(manifest, repo: str, ref: str = "main", hub: str | None = None) -> list[dict]:
    """One row per lesson: slug, title and its links."""
    rows = []
    for entry in manifest.lessons:
        path = f"notebooks/{entry.slug}.ipynb"
        row = {
            "slug": entry.slug,
            "title": entry.title,
            "binder_lab": binder_lab(repo, ref, path),
            "binder_voila": binder_voila(repo, ref, path),
        }
        if hub:
            row["hub"] = hub_pull(hub, repo, ref, path)
        rows.append(row)
    return rows
