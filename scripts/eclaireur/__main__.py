"""``python -m eclaireur`` is the ``eclaireur`` command."""

from eclaireur.cli import main

main()
