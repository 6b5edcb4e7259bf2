"""L'élection des futurs: ranked ballots, their tally, PrefLib files and participation codes.

The counting rules are written once, in :mod:`eclaireur.vote.ranking` (how a ballot is read) and
:mod:`eclaireur.vote.kernel` (how ballots are counted); ``content/vote/regles.md`` explains them to citizens.
"""
