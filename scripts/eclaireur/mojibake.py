"""Text that was encoded twice on its way: « PlutÃ´t » for « Plutôt ».

A form sent without JavaScript goes by e-mail (``mailto:`` with the ``text/plain`` encoding): Chromium writes the
answers as UTF-8 and then encodes those bytes once more, so the message reaches the town hall as « PlutÃ´t en
sÃ©curitÃ© ». The import repairs such text with ftfy (its encoding fixes only: nothing is « improved » beyond
undoing the double encoding) and says so in its report.
"""

from __future__ import annotations

import ftfy

NOTE = "texte réparé : il avait été encodé deux fois en chemin (« PlutÃ´t » au lieu de « Plutôt »)"


def repair(text: str) -> tuple[str, bool]:
    """``text`` with its double encoding undone, and whether anything was changed."""
    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text
