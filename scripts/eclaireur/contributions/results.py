"""A form's results: counts per answer for closed questions, texts for open ones.

Works on published rows only (:func:`eclaireur.contributions.publish.published_rows`): private fields
are already gone when the results are computed.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from eclaireur.charts import pyplot, to_svg
from eclaireur.contributions.markdown import safe_link, sanitised_markdown
from eclaireur.forms.definition import PRIVATE, PUBLISHED_SIGNATURE, SIGNATURE, FormDefinition
from eclaireur.forms.model import control_kind
from eclaireur.load import Row

NO_ANSWER = "Sans réponse"
BAR_COLOUR = "#1d4e89"


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    share: float


@dataclass(frozen=True)
class ClosedQuestion:
    name: str
    title: str
    counts: list[Count]
    answered: int

    def chart_data(self) -> dict[str, Any]:
        return {"title": self.title, "labels": [c.label for c in self.counts], "values": [c.count for c in self.counts]}


@dataclass(frozen=True)
class Answer:
    title: str
    text: Markup | None = None
    link: str = ""


@dataclass(frozen=True)
class PublishedContribution:
    id: str
    date: dt.date | None
    signature: str
    answers: list[Answer] = field(default_factory=list)


def is_closed(f: dict[str, Any]) -> bool:
    return control_kind(f) in ("radio", "select", "checkbox")


def closed_questions(form: FormDefinition, rows: list[Row]) -> list[ClosedQuestion]:
    """One count table per closed question (choices in the schema's order, then « Sans réponse »)."""
    questions = []
    for f in form.answer_fields:
        if f.get(PRIVATE) is True or f.get(SIGNATURE) or not is_closed(f):
            continue
        labels = f.get("eclaireur:labels", {}) or {}
        if f.get("type") == "boolean":
            choices: list[tuple[Any, str]] = [(True, "Oui"), (False, "Non")]
        else:
            choices = [(v, str(labels.get(str(v), v))) for v in f.get("constraints", {}).get("enum", [])]
        values = [row.get(f["name"]) for row in rows]
        counted = [(label, sum(1 for v in values if v == choice)) for choice, label in choices]
        missing = sum(1 for v in values if v in (None, ""))
        if missing:
            counted.append((NO_ANSWER, missing))
        total = len(rows)
        questions.append(
            ClosedQuestion(
                name=str(f["name"]),
                title=str(f.get("title", f["name"])),
                counts=[Count(label, n, n / total if total else 0.0) for label, n in counted],
                answered=total - missing,
            )
        )
    return questions


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None


def published_contributions(form: FormDefinition, rows: list[Row]) -> list[PublishedContribution]:
    """Each published contribution with its open answers (texts as sanitised Markdown, links checked)."""
    open_fields = [
        f for f in form.answer_fields
        if f.get(PRIVATE) is not True and not is_closed(f) and f.get("type", "string") == "string"
    ]
    out = []
    for row in rows:
        answers = []
        for f in open_fields:
            value = str(row.get(f["name"]) or "").strip()
            if not value:
                continue
            title = str(f.get("title", f["name"]))
            if f.get("format") == "uri":
                link = safe_link(value)
                if link:
                    answers.append(Answer(title, link=link))
            else:
                answers.append(Answer(title, text=sanitised_markdown(value)))
        if answers:
            out.append(PublishedContribution(str(row["id"]), _date(row.get("horodatage")),
                                             str(row.get(PUBLISHED_SIGNATURE, "")), answers))
    return out


def draw_answer_counts(data: dict[str, Any]) -> bytes:
    """Horizontal bars: how many contributors chose each answer (``data``: labels, values)."""
    plt = pyplot()
    # Narrow (3.8 in) so that its 11 pt text stays 12 px or more on a phone without scrolling.
    labels = [textwrap.fill(label, 22, max_lines=3, placeholder="…") for label in data["labels"]]
    values: list[int] = data["values"]
    lines = sum(label.count("\n") + 1 for label in labels)
    fig, ax = plt.subplots(figsize=(3.8, 0.3 * lines + 0.25 * len(labels) + 0.9))
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=BAR_COLOUR)
    ax.set_yticks(positions, labels)
    ax.set_xlabel("Nombre de réponses")
    for pos, value in zip(positions, values, strict=True):
        ax.annotate(str(value), (value, pos), xytext=(3, 0), textcoords="offset points", va="center", fontsize=11)
    ax.set_xlim(0, max([*values, 1]) * 1.2)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return to_svg(fig)
