"""Participer: the index of forms, one page per form, and one results page per form.

Form pages are generated from the forms' Table Schemas (:mod:`eclaireur.forms`); results pages show only
accepted contributions with consent, without private fields (:mod:`eclaireur.contributions.publish`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from eclaireur.contributions.markdown import sanitised_markdown
from eclaireur.contributions.publish import published_rows
from eclaireur.contributions.results import closed_questions, draw_answer_counts, published_contributions
from eclaireur.errors import DataError
from eclaireur.forms.channels import channels_for, template_problems
from eclaireur.forms.definition import FormDefinition, forms_dir, load_forms
from eclaireur.forms.model import build_form_model
from eclaireur.pages.base import BuildContext, Output, Page

INDEX = "formulaires/index.md"


def form_path(form_id: str) -> str:
    return f"formulaires/{form_id}/index.md"


def results_path(form_id: str) -> str:
    return f"formulaires/{form_id}/resultats.md"


def belongs_to(ctx: BuildContext, form: FormDefinition) -> dict[str, str] | None:
    """The evaluation or page the form belongs to: its title and source path, when they exist."""
    evaluation = form.belongs_to.get("evaluation")
    if evaluation:
        row = ctx.dataset.index("evaluations").get(evaluation) if "evaluations" in ctx.dataset.tables else None
        title = str((row or {}).get("titre") or evaluation)
        return {"kind": "évaluation", "title": title, "path": f"evaluations/{evaluation}/index.md"}
    page = form.belongs_to.get("page")
    if page:
        return {"kind": "page", "title": page, "path": page}
    return None


def build_date(ctx: BuildContext) -> dt.date:
    """The date forms are opened or closed on: the configured reference date (reproducible), else today."""
    return ctx.config.reference_date or dt.date.today()


def _form_context(ctx: BuildContext, form: FormDefinition) -> dict[str, Any]:
    return {
        "form": form,
        "state": form.state(build_date(ctx)),
        "introduction": sanitised_markdown(form.introduction),
        "belongs": belongs_to(ctx, form),
    }


def generate(ctx: BuildContext) -> Iterator[Output]:
    if not forms_dir(ctx.config.data_dir).is_dir():
        return
    forms = load_forms(ctx.config.data_dir)
    if not forms:
        return
    problems = template_problems(ctx.config.forge_new_file_url)
    if problems:
        raise DataError("mkdocs.yml, module eclaireur : " + " ".join(problems))
    summaries = []
    for form in forms:
        rows = published_rows(form, ctx.dataset.rows(form.resource))
        summaries.append({**_form_context(ctx, form), "published": len(rows)})
        model = build_form_model(form)
        page = form_path(form.id)
        yield Page(
            page,
            form.title,
            ctx.render("form.html.j2", page=page, model=model, channels=channels_for(form, ctx.config),
                       published=len(rows), **_form_context(ctx, form)),
            description=f"Formulaire : {form.title}",
        )
        if not form.results:
            continue
        questions = [
            (question, ctx.chart("reponses", question.chart_data(), draw_answer_counts) if rows else None)
            for question in closed_questions(form, rows)
        ]
        page = results_path(form.id)
        yield Page(
            page,
            f"Résultats : {form.title}",
            ctx.render("form-results.html.j2", page=page, questions=questions, total=len(rows),
                       contributions=published_contributions(form, rows), **_form_context(ctx, form)),
            description=f"Les contributions publiées du formulaire « {form.title} ».",
        )
    yield Page(
        INDEX,
        "Participer",
        ctx.render("form-index.html.j2", page=INDEX, forms=summaries),
        description="Les formulaires ouverts : enquêtes, contributions libres, témoignages et inscriptions.",
    )
