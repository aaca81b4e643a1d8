"""Measure how well `lessonkit new` reads real web pages (issue 18).

    .venv/bin/python scripts/measure_new.py [CORPUS ...] [--pages] [--no-senses]

CORPUS is a folder of page folders, each with page.txt (a plain-text copy of the whole page)
and gold.yml (tests/data/pages/README.md describes the layout); the default is
tests/data/pages. It prints headline exact match, date match, the median precision and recall
by words of the kept text, and the share of gold words whose drafted WordNet sense is right,
each with the issue's target. --pages adds a line per page and each wrong sense. Senses need
Debian's wordnet-base. The exit status is 0 whether or not targets are met (1 on bad input).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lessonkit.build.newcheck import measure, report
from lessonkit.errors import LessonkitError

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "pages"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--pages", action="store_true", help="a line per page, and sense misses")
    parser.add_argument("--no-senses", action="store_true", help="skip the WordNet senses")
    args = parser.parse_args(argv)
    try:
        for corpus in args.corpus:
            print(f"== {corpus}")
            print(report(measure(corpus, senses=not args.no_senses), verbose=args.pages))
    except LessonkitError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
