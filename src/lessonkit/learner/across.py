"""Views of the lessons on all four articles: the comparison tables and the reporting verbs.

Map of the module: each function takes the lesson's data (precomputed at build time by
``_compare`` and ``_reporting``) and returns something to display: a pandas DataFrame (a
table that also reads well as text) or a ``View`` (HTML with a plain-text twin).
"""

from __future__ import annotations

from .base import View, esc, format_date


def compare_table(data: dict):
    """The four articles side by side: who, when, how long, how hard."""
    import pandas as pd

    rows = []
    for a in data["compare"]["articles"]:
        rows.append(
            {
                "article": a["short"],
                "date": format_date(a["date"]),
                "kind": "radio transcript" if a["kind"] == "transcript" else "news story",
                "lesson level": a["level"],
                "words": a["words"],
                "sentences": a["sentences"],
                "words per sentence": a["mean_sentence_length"],
                "reading minutes": a["reading_minutes"],
                "% words B2 or harder": a["share_above_b1"],
            }
        )
    return pd.DataFrame(rows).set_index("article")


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


def quoted_table(data: dict):
    """Who is quoted in which article, and how often."""
    import pandas as pd

    articles = data["compare"]["articles"]
    speakers = sorted({s for a in articles for s in a["quoted"]})
    rows = {s: {a["short"]: a["quoted"].get(s, 0) for a in articles} for s in speakers}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "who"
    return frame


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


def reporting_counts(data: dict):
    """How often each reporting verb is used in each article (found with nltk at build time)."""
    import pandas as pd

    verbs = data["reporting"]["verbs"]
    frame = pd.DataFrame.from_dict(verbs, orient="index").fillna(0).astype(int)
    frame = frame.loc[frame.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    frame.index.name = "verb"
    return frame


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
