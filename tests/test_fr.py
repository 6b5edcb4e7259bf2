import datetime as dt

from eclaireur import fr


def test_numbers_use_narrow_nbsp_and_comma() -> None:
    assert fr.nombre(1234567) == "1\u202f234\u202f567"
    assert fr.nombre(1234.5, 2) == "1\u202f234,50"


def test_euros_and_millions() -> None:
    assert fr.euros(1063850) == "1\u202f063\u202f850\u00a0€"
    assert fr.millions(12_345_678) == "12,3\u00a0M€"
    assert fr.euros(None) == ""


def test_percent() -> None:
    assert fr.pourcent(0.125) == "12,5\u00a0%"


def test_dates() -> None:
    assert fr.date_fr(dt.date(2026, 1, 31)) == "31 janvier 2026"
    assert fr.date_fr(dt.date(2025, 3, 1)) == "1er mars 2025"
    assert fr.date_fr(dt.date(2025, 3, 1), "short") == "01/03/2025"


def test_units() -> None:
    assert fr.unite(1200, "élèves") == "1\u202f200\u00a0élèves"
    assert fr.unite(12.5, "%") == "12,5\u00a0%"
