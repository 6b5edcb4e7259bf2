import pytest

from eclaireur.pages.base import page_url, relative_url


@pytest.mark.parametrize(
    ("source", "url"),
    [("index.md", ""), ("atlas/index.md", "atlas/"), ("atlas/education.md", "atlas/education/"), ("a.csv", "a.csv")],
)
def test_page_url(source: str, url: str) -> None:
    assert page_url(source) == url


@pytest.mark.parametrize(
    ("origin", "target", "expected"),
    [
        ("atlas/education.md", "projets/cantine.md", "../../projets/cantine/"),
        ("atlas/index.md", "atlas/education.md", "education/"),
        ("atlas/education.md", "atlas/index.md", "../"),
        ("donnees/index.md", "donnees/projets.csv", "projets.csv"),
        ("atlas/education.md", "graphiques/x.svg", "../../graphiques/x.svg"),
        ("index.md", "atlas/index.md", "atlas/"),
        ("atlas/index.md", "index.md", "../"),
    ],
)
def test_relative_url(origin: str, target: str, expected: str) -> None:
    assert relative_url(origin, target) == expected
