"""Tirage au sort vérifiable: draw k people from a published list with a seed published beforehand.

:mod:`eclaireur.tirage.draw` holds the algorithm (documented step by step), :mod:`eclaireur.tirage.result`
the list, result and verification files, :mod:`eclaireur.tirage.command` the ``eclaireur tirage`` command.
"""
