"""Views of the lessons on all four articles: the comparison tables and the reporting verbs.

Map of the module: each function takes the lesson's data (precomputed at build time by
``build.compare`` and ``build.reporting``) and returns something to display: a ``Table`` (an
HTML table with a plain-text twin that reads well as text) or a ``View`` (HTML with a
plain-text twin). No pandas: these lessons also run in a browser (JupyterLite), where there is
none, and a learner's kernel stays small.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import View, esc, format_date


@dataclass(frozen=True)
class Table:
    """A small table: named columns, and rows that each have a label (the first column)."""

    index_name: str
    columns: list[str]
    rows: list[tuple[str, list]]

    @property
    def index(self) -> list[str]:
        """The row labels, in order."""
        return [label for label, _ in self.rows]

    def column(self, name: str) -> list:
        at = self.columns.index(name)
        return [values[at] for _, values in self.rows]

    def row(self, label: str) -> dict:
        """One row by its label, as {column: value}."""
        for found, values in self.rows:
            if found == label:
                return dict(zip(self.columns, values, strict=True))
        raise KeyError(label)

    def _repr_html_(self) -> str:
        head = "".join(f"<th scope='col'>{esc(c)}</th>" for c in [self.index_name, *self.columns])
        body = "".join(
            f"<tr><th scope='row'>{esc(label)}</th>"
            + "".join(f"<td>{esc(v)}</td>" for v in values)
            + "</tr>"
            for label, values in self.rows
        )
        return (
            f'<table class="lk-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        )

    def __repr__(self) -> str:
        """The table as aligned text (what a viewer without HTML shows)."""
        grid = [[self.index_name, *self.columns]]
        grid += [[label, *values] for label, values in self.rows]
        cells = [[str(c) for c in line] for line in grid]
        widths = [max(len(line[i]) for line in cells) for i in range(len(cells[0]))]
        lines = [
            "  ".join(
                c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(line)
            ).rstrip()
            for line in cells
        ]
        return "\n".join(lines)


def compare_table(data: dict) -> Table:
    """The four articles side by side: who, when, how long, how hard."""
    columns = [
        "date",
        "kind",
        "lesson level",
        "words",
        "sentences",
        "words per sentence",
        "reading minutes",
        "% words B2 or harder",
    ]
    rows = []
    for a in data["compare"]["articles"]:
        values = [
            format_date(a["date"]),
            "radio transcript" if a["kind"] == "transcript" else "news story",
            a["level"],
            a["words"],
            a["sentences"],
            a["mean_sentence_length"],
            a["reading_minutes"],
            a["share_above_b1"],
        ]
        rows.append((a["short"], values))
    return Table("article", columns, rows)


def only_here(data: dict) -> View:
    """Words that only one of the four articles uses."""
    html_parts, text = [], []
    for a in data["compare"]["articles"]:
        words = data["compare"]["only_here"].get(a["slug"], [])
        name = a["short"]
        listed = ", ".join(f"{w['word']} ({w['level']})" for w in words)
        html_parts.append(f"<li><strong>{esc(name)}</strong>: {esc(listed) or '—'}</li>")
        text.append(f"{name}: {listed}")
    return View('<ul class="lk-only-here">' + "".join(html_parts) + "</ul>", "\n".join(text))


def quoted_table(data: dict) -> Table:
    """Who is quoted in which article, and how often."""
    articles = data["compare"]["articles"]
    speakers = sorted({s for a in articles for s in a["quoted"]})
    rows = [(s, [a["quoted"].get(s, 0) for a in articles]) for s in speakers]
    return Table("who", [a["short"] for a in articles], rows)


def timeline(data: dict) -> View:
    """The events of the story in time order, each with the lesson that tells it."""
    items, text = [], []
    for e in data["timeline"]:
        items.append(
            f"<li><strong>{esc(format_date(e['date']))}</strong>: {esc(e['event'])} "
            f"<em>(<a href='{esc(e['lesson'])}.ipynb'>{esc(e['lesson_title'])}</a>)</em>"
            "</li>"
        )
        text.append(f"{format_date(e['date'])}: {e['event']} ({e['lesson_title']})")
    return View('<ol class="lk-timeline">' + "".join(items) + "</ol>", "\n".join(text))


def headlines(data: dict) -> View:
    """The four headlines, with their outlets and length."""
    rows, text = [], []
    for a in data["compare"]["articles"]:
        h = data["compare"]["headlines"][a["slug"]]
        rows.append(
            f"<tr><th scope='row'>{esc(a['short'])}</th>"
            f"<td>{esc(h['text'])}</td><td>{esc(h['words'])}</td></tr>"
        )
        text.append(f"{a['short']}: {h['text']} ({h['words']} words)")
    head = "<tr><th>Outlet</th><th>Headline</th><th>Words</th></tr>"
    return View(f'<table class="lk-headlines">{head}{"".join(rows)}</table>', "\n".join(text))


def reporting_counts(data: dict) -> Table:
    """How often each reporting verb is used in each article (found with nltk at build time),
    the most used verb first."""
    verbs = data["reporting"]["verbs"]
    articles: list[str] = []
    for counts in verbs.values():
        articles += [a for a in counts if a not in articles]
    rows = [(verb, [int(counts.get(a, 0)) for a in articles]) for verb, counts in verbs.items()]
    rows.sort(key=lambda row: -sum(row[1]))  # stable: equal totals keep their order
    return Table("verb", articles, rows)


def reporting_examples(data: dict, per_verb: int = 2) -> View:
    """Example sentences for each reporting verb, with who speaks and where."""
    seen: dict[str, int] = {}
    items, text = [], []
    for row in data["reporting"]["rows"]:
        if seen.get(row["lemma"], 0) >= per_verb:
            continue
        seen[row["lemma"]] = seen.get(row["lemma"], 0) + 1
        who = row.get("speaker") or "?"
        where = f"{row['lesson']}, paragraph {row['paragraph']}"
        items.append(
            f"<li><strong>{esc(row['verb'])}</strong> ({esc(who)}): "
            f"{esc(row['sentence'])} <em>({esc(where)})</em></li>"
        )
        text.append(f"{row['verb']} ({who}): {row['sentence']} ({where})")
    return View('<ul class="lk-reporting">' + "".join(items) + "</ul>", "\n".join(text))
