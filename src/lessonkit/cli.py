"""The ``lessonkit`` command: import an article, build and check lessons, read results.

Every command reports problems as one sentence (no traceback) and exits with status 2
for bad input, 1 for a failed check, 0 on success.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lessonkit.errors import LessonkitError


def _import(args: argparse.Namespace) -> int:
    from lessonkit.build.importer import import_text
    from lessonkit.build.sources import read_text

    raw = read_text(Path(args.source))
    article = import_text(
        raw,
        source_file=Path(args.source).name,
        title=args.title,
        outlet=args.outlet,
        byline=args.byline,
        date=args.date,
        date_note=args.date_note,
        note=args.note,
    )
    text = article.to_markdown()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"Wrote {out} ({len(article.paragraphs)} paragraphs).")
    return 0


def _build(args: argparse.Namespace) -> int:
    from lessonkit.build import cache

    root = Path(args.root)
    whole = not args.lesson and not args.force
    if whole and cache.up_to_date(root):
        print("Nothing changed since the last build: every generated file is up to date.")
        return 0
    cache.forget(root)

    from lessonkit.build.links import write_docs
    from lessonkit.build.pipeline import build
    from lessonkit.build.sources import load_manifest

    build(root, lessons=args.lesson or None, force=args.force)
    for path in write_docs(root, load_manifest(root)):
        print(f"Wrote the launch links in {path}.")
    if not args.lesson:
        cache.remember(root)
    return 0


def _check(args: argparse.Namespace) -> int:
    from lessonkit.build.itemchecks import ERROR, run_checks
    from lessonkit.build.links import stale_docs
    from lessonkit.build.pipeline import check
    from lessonkit.build.sources import load_manifest

    problems = check(Path(args.root))
    problems += stale_docs(Path(args.root), load_manifest(Path(args.root)))
    problems += audio_problems(Path(args.root))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("Run 'lessonkit build' to bring the generated files up to date.", file=sys.stderr)
    # Item-writing checks (_itemchecks.py): one line per finding; only errors fail.
    findings = run_checks(Path(args.root))
    for finding in findings:
        print(finding, file=sys.stderr)
    errors = sum(f.severity == ERROR for f in findings)
    if findings:
        print(
            f"Item-writing checks: {errors} errors and {len(findings) - errors} warnings.",
            file=sys.stderr,
        )
    drafts = _drafts_left(args)
    if problems or drafts or errors:
        return 1
    print("All lesson sources are valid and every generated file is up to date.")
    return 0


def audio_problems(root: Path) -> list[str]:
    """Stale or missing audio (``speech.stale``: the article's, its easier text's and its
    glossary words'); a draft lesson (``lessonkit new``, not yet finished) may have none yet:
    its audio is made with 'make audio' once it is finished."""
    import re

    from lessonkit.build.drafts import unfinished
    from lessonkit.build.speech import stale

    drafts = {
        m.group(1)
        for line in unfinished(root)
        if (m := re.match(r"(?:lessons/|vocab/)(\d\d-[a-z0-9-]+?)(?:/|\.csv)", line))
    }
    return [
        p
        for p in stale(root)
        if not any(
            p.startswith(f"data/audio/{slug}{kind}.json is missing")
            for slug in drafts
            for kind in ("", "-easier", "-words")
        )
    ]


def _drafts_left(args: argparse.Namespace) -> list[str]:
    """List unfinished drafts (lessonkit new); they fail the check unless --allow-drafts."""
    from lessonkit.build.drafts import unfinished

    drafts = unfinished(Path(args.root))
    for draft in drafts:
        print(("draft: " if args.allow_drafts else "") + draft, file=sys.stderr)
    if drafts and not args.allow_drafts:
        print(
            f"{len(drafts)} parts of the lessons are unfinished drafts: finish them, or run "
            "'lessonkit check --allow-drafts' to accept them for now.",
            file=sys.stderr,
        )
        return drafts
    return []


def _new(args: argparse.Namespace) -> int:
    from lessonkit.build.new import new_lesson

    made = new_lesson(
        Path(args.source),
        args.slug,
        Path(args.root),
        level=args.level,
        title=args.title,
        outlet=args.outlet,
        byline=args.byline,
        date=args.date,
    )
    for path in made.files:
        print(f"Wrote {path}.")
    print(
        f"Drafted {made.vocab} key words ({made.defined} with a WordNet definition to edit), "
        f"{made.practice} practice questions and {made.scaffolds} comprehension questions to "
        f"write, from {made.words} words of text."
    )
    print(
        "Next: finish every TODO and check each 'draft: true' question and DRAFT word "
        "('lessonkit check' lists them), then run 'lessonkit build'."
    )
    return 0


def _results(args: argparse.Namespace) -> int:
    from lessonkit.learner.results import read_results_dir

    folder = Path(args.folder)
    if not folder.is_dir():
        raise LessonkitError(f"{folder} is not a folder; give the folder of result files.")
    report = read_results_dir(folder)
    for problem in report.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    table = report.table
    if args.gradebook:
        return _gradebook(args, table)
    if args.output == "-":
        sys.stdout.write(table.to_csv(index=False))
    else:
        table.to_csv(args.output, index=False)
        learners = table["learner"].nunique() if len(table) else 0
        print(
            f"Wrote {args.output}: {len(table)} answers from {learners} learners "
            f"({len(report.problems)} problems)."
        )
    return 0


def _gradebook(args: argparse.Namespace, table) -> int:
    """``results --gradebook moodle|canvas``: one row per learner, a column per lesson."""
    from lessonkit.teacher.dashboard import load_lessons
    from lessonkit.teacher.export import gradebook_csv

    data = Path(args.root) / "data"
    lessons = load_lessons(data) if data.is_dir() else None
    text = gradebook_csv(table, lessons, args.gradebook)
    rows = max(text.count("\n") - (2 if args.gradebook == "canvas" else 1), 0)
    _write_out(args.output, text.encode("utf-8"))
    if args.output != "-":
        print(f"Wrote {args.output}: a {args.gradebook} gradebook of {rows} learners.")
    return 0


def _write_out(output: str, data: bytes) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise LessonkitError(f"{output} cannot be written ({error.strerror}).") from None


def _export(args: argparse.Namespace) -> int:
    from lessonkit.build.sources import load_project
    from lessonkit.teacher.export import export

    if args.format == "anki" and args.output == "-":
        raise LessonkitError("an Anki package is a binary file; give its name with -o.")
    project = load_project(Path(args.root))
    options = {"ordering": "matching"} if args.ordering_as_matching else {}
    made = export(project, args.format, args.lesson or None, **options)
    _write_out(args.output, made if isinstance(made, bytes) else made.encode("utf-8"))
    if args.output != "-":
        print(f"Wrote {args.output} ({args.format}).")
    return 0


def _release(args: argparse.Namespace) -> int:
    from lessonkit.build.release import release

    release(Path(args.root), Path(args.outdir), assessment=args.assessment)
    return 0


def _print(args: argparse.Namespace) -> int:
    from lessonkit.teacher.printing import print_lessons

    paths = print_lessons(Path(args.root), Path(args.output), args.lesson or None, args.paper)
    print(f"Wrote {len(paths)} PDF files in {args.output} ({args.paper} paper).")
    return 0


def _links(args: argparse.Namespace) -> int:
    from lessonkit.build.links import lesson_links, links_table, write_docs
    from lessonkit.build.sources import load_manifest

    manifest = load_manifest(Path(args.root))
    if args.write:
        for path in write_docs(Path(args.root), manifest):
            print(f"Wrote the launch links in {path}.")
        return 0
    where = manifest.links
    repo = args.repo or (where.repository if where else None)
    if repo is None:
        raise LessonkitError(
            "lessons/lessons.yml has no 'links: repository:' address; give one with --repo."
        )
    branch = args.branch or (where.branch if where else "main")
    hub = args.hub or (where.hub if where else None)
    try:
        rows = lesson_links(manifest, repo, branch, hub, args.site)
    except ValueError as error:
        raise LessonkitError(str(error)) from None
    print(links_table(rows))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="lessonkit", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("new", help="turn a new article (text or saved HTML) into a draft lesson")
    p.add_argument("source", help="the article: a plain-text copy or a saved HTML page")
    p.add_argument("--slug", required=True, help="the new lesson's slug, like 07-city-bicycles")
    p.add_argument("--level", default="B1", help="the learners' level, A1 to C2 (default: B1)")
    for name in ("title", "outlet", "byline", "date"):
        p.add_argument(
            f"--{name}",
            help=f"the article's {name}, when the text does not tell it (or tells it wrongly)",
        )
    p.add_argument("--root", default=".", help="the project folder (default: here)")
    p.set_defaults(run=_new)

    p = sub.add_parser("import", help="clean a raw web copy of an article into article.md")
    p.add_argument("source", help="the raw text file")
    p.add_argument("-o", "--output", default="-", help="where to write article.md (- = stdout)")
    for name in ("title", "outlet", "byline", "date", "date-note", "note"):
        p.add_argument(
            f"--{name}",
            help=f"the article's {name.replace('-', ' ')}, when the "
            "text does not tell it (or tells it wrongly)",
        )
    p.set_defaults(run=_import)

    p = sub.add_parser("build", help="generate and execute the notebooks from lesson sources")
    p.add_argument("--root", default=".", help="the project folder (default: here)")
    p.add_argument("--lesson", action="append", help="build only this lesson (repeatable)")
    p.add_argument("--force", action="store_true", help="re-execute even unchanged notebooks")
    p.set_defaults(run=_build)

    p = sub.add_parser("results", help="read a folder of learners' result files into one table")
    p.add_argument("folder", help="the folder with the .json (or .csv) files learners sent")
    p.add_argument("-o", "--output", default="-", help="CSV file to write (- = stdout)")
    p.add_argument(
        "--gradebook",
        choices=("moodle", "canvas"),
        help="write a gradebook CSV to import into Moodle or Canvas (a score per lesson)",
    )
    p.add_argument(
        "--root", default=".", help="the project folder, for lesson data (default: here)"
    )
    p.set_defaults(run=_results)

    p = sub.add_parser(
        "export", help="questions for Moodle (XML, GIFT); glossaries for Anki, Quizlet"
    )
    p.add_argument("format", choices=("moodle", "gift", "anki", "quizlet"))
    p.add_argument("-o", "--output", required=True, help="the file to write (- = stdout)")
    p.add_argument("--lesson", action="append", help="export only this lesson (repeatable)")
    p.add_argument(
        "--ordering-as-matching",
        action="store_true",
        help="Moodle XML: ordering questions as matching (Moodle before 4.4, no plugin)",
    )
    p.add_argument("--root", default=".", help="the project folder (default: here)")
    p.set_defaults(run=_export)

    p = sub.add_parser("release", help="write the student bundle (no answer keys, no sources)")
    p.add_argument("outdir", help="a new or empty folder")
    p.add_argument("--root", default=".", help="the project folder (default: here)")
    p.add_argument(
        "--assessment",
        action="store_true",
        help="every quiz in assessment mode: no right or wrong until the learner presses Finish",
    )
    p.set_defaults(run=_release)

    p = sub.add_parser(
        "links", help="print launch links for every lesson (JupyterLite, Binder, Voila, hub)"
    )
    p.add_argument("--repo", help="the repository's GitHub address (default: lessons.yml)")
    p.add_argument("--branch", help="branch or tag, e.g. of the student release (default: main)")
    p.add_argument("--hub", help="your JupyterHub's address, for nbgitpuller links")
    p.add_argument(
        "--site",
        help="where your JupyterLite site (make site) is published (default: the repository's "
        "GitHub Pages address, https://OWNER.github.io/NAME/)",
    )
    p.add_argument(
        "--write",
        action="store_true",
        help="write the links of lessons.yml into the README and the teacher guide",
    )
    p.add_argument("--root", default=".", help="the project folder (default: here)")
    p.set_defaults(run=_links)

    p = sub.add_parser("print", help="print each article lesson as student and teacher PDFs")
    p.add_argument("-o", "--output", required=True, help="the folder to write the PDF files in")
    p.add_argument("--lesson", action="append", help="print only this lesson (repeatable)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="(default: a4)")
    p.add_argument("--root", default=".", help="the project folder (default: here)")
    p.set_defaults(run=_print)

    p = sub.add_parser("check", help="validate every source; fail when a generated file is stale")
    p.add_argument("--root", default=".", help="the project folder (default: here)")
    p.add_argument(
        "--allow-drafts",
        action="store_true",
        help="list unfinished drafts (from 'lessonkit new') but do not fail on them",
    )
    p.set_defaults(run=_check)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except LessonkitError as error:
        print(f"lessonkit: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lessonkit: stopped.", file=sys.stderr)
        return 130
