"""Print stage: posters, project sheets, the atlas booklet and the newspaper, as PDF.

The chain is: records (:mod:`eclaireur.print.donnees`) and Markdown prose (:mod:`eclaireur.print.pandoc`)
-> a typst source rendered by jinja2 where every value is a typst *literal*
(:mod:`eclaireur.print.typst_source`) -> PDF compiled by the typst binding with the shipped fonts only,
cached by content hash (:mod:`eclaireur.print.compilateur`).
"""
