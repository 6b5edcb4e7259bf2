"""L'évaluation engagée: the domain of public-policy evaluations (booklet #1 of Les Éclaireurs).

One stage per module, each a plain function over plain rows:

- :mod:`~eclaireur.evaluation.phases`: the eight phases and where an evaluation stands;
- :mod:`~eclaireur.evaluation.publication`: which evidence may be published (consent, alt text, transcript);
- :mod:`~eclaireur.evaluation.dossier`: one evaluation's records grouped by criterion and recommendation;
- :mod:`~eclaireur.evaluation.suivi`: the follow-up table (overdue actions, task progress, counts by status);
- :mod:`~eclaireur.evaluation.fete`: the yearly review of every evaluation's actions;
- :mod:`~eclaireur.evaluation.medias`: allowed media types and sizes;
- :mod:`~eclaireur.evaluation.rules`: the cross-file rules ``eclaireur check`` enforces;
- :mod:`~eclaireur.evaluation.graphiques`: the schedule and review charts (matplotlib SVG).
"""
