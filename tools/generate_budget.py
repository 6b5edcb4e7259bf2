"""Génère `data/budget.csv`, le budget réalisé par thème de la ville FICTIVE de Loirance.

Les montants sont inventés pour la démonstration : ils sont calculés de façon déterministe
(graine fixe) à partir d'hypothèses écrites ci-dessous, pour qu'une ville d'environ 51 000
habitants ait des ordres de grandeur crédibles :

- dépenses réelles de fonctionnement de 52 M€ en 2008 à environ 75 M€ en 2025 (baisse des
  dotations de l'État de 2014 à 2017, creux de 2020 lié à la crise sanitaire, inflation de
  2022-2023) ;
- dépenses réelles d'investissement récurrentes (entretien, voirie, matériel) de 7 à 9 M€,
  modulées par le cycle électoral (faibles en début de mandat, fortes avant l'élection),
  auxquelles s'ajoutent les grandes opérations de chaque mandat (médiathèque, piscine,
  groupe scolaire des Tanneries, renouvellement urbain des Bruyères...) ;
- la part de chaque thème évolue d'un mandat à l'autre (montée de la tranquillité publique,
  de la transition écologique et de la démocratie locale).

Une ligne par mandat × thème × exercice × section (3 × 12 × 6 × 2 = 432 lignes), triées par
clé primaire. Les codes de fonction M57 sont lus dans `data/themes.csv`.

Usage (depuis la racine du dépôt) : python tools/generate_budget.py
Même entrée, mêmes octets : relancer le script redonne exactement le même fichier.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
GRAINE = 2026

MANDATS: dict[str, list[int]] = {
    "2008-2014": list(range(2008, 2014)),
    "2014-2020": list(range(2014, 2020)),
    "2020-2026": list(range(2020, 2026)),
}

# Dépenses réelles de fonctionnement totales, en millions d'euros.
FONCTIONNEMENT_TOTAL: dict[int, float] = {
    2008: 52.1, 2009: 53.4, 2010: 54.2, 2011: 55.3, 2012: 56.6, 2013: 57.8,
    2014: 58.6, 2015: 58.9, 2016: 58.7, 2017: 59.4, 2018: 60.5, 2019: 61.8,
    2020: 61.2, 2021: 63.5, 2022: 67.4, 2023: 70.9, 2024: 73.2, 2025: 75.1,
}

# Investissement récurrent total, en millions d'euros, avant effet du cycle électoral.
INVESTISSEMENT_RECURRENT: dict[int, float] = {
    annee: 7.0 + 0.12 * (annee - 2008) for annee in range(2008, 2026)
}
CYCLE_ELECTORAL = [0.72, 0.85, 1.0, 1.12, 1.22, 1.09]

# Parts de fonctionnement par thème et par mandat (normalisées ensuite).
PARTS_FONCTIONNEMENT: dict[str, tuple[float, float, float]] = {
    "education": (0.185, 0.190, 0.192),
    "solidarites": (0.062, 0.065, 0.068),
    "culture": (0.082, 0.076, 0.073),
    "sport": (0.066, 0.066, 0.063),
    "jeunesse": (0.031, 0.028, 0.030),
    "urbanisme": (0.031, 0.030, 0.029),
    "mobilites": (0.078, 0.076, 0.072),
    "environnement": (0.078, 0.080, 0.089),
    "tranquillite": (0.036, 0.044, 0.051),
    "economie": (0.014, 0.015, 0.016),
    "democratie": (0.019, 0.021, 0.027),
    "administration": (0.288, 0.279, 0.262),
}

PARTS_INVESTISSEMENT: dict[str, float] = {
    "education": 0.15, "solidarites": 0.02, "culture": 0.06, "sport": 0.08, "jeunesse": 0.02,
    "urbanisme": 0.06, "mobilites": 0.30, "environnement": 0.10, "tranquillite": 0.03,
    "economie": 0.02, "democratie": 0.04, "administration": 0.12,
}

# Grandes opérations : (thème, opération, {exercice: millions d'euros}).
GRANDES_OPERATIONS: list[tuple[str, str, dict[int, float]]] = [
    ("culture", "médiathèque Jules-Verne", {2009: 1.2, 2010: 4.1, 2011: 3.6, 2012: 0.4}),
    ("education", "groupe scolaire de Beaulieu", {2011: 0.8, 2012: 3.2, 2013: 2.5}),
    ("mobilites", "requalification du quai des Mariniers", {2012: 1.5, 2013: 2.2}),
    ("sport", "piscine des Hautes-Rives", {2016: 1.8, 2017: 4.0, 2018: 3.2}),
    ("urbanisme", "renouvellement urbain des Bruyères, 1re phase", {2017: 0.8, 2018: 1.9, 2019: 2.2}),
    ("mobilites", "boulevard de la Loirance", {2018: 1.2, 2019: 1.6}),
    ("education", "groupe scolaire des Tanneries", {2021: 0.7, 2022: 3.0, 2023: 3.9, 2024: 1.4}),
    ("urbanisme", "renouvellement urbain des Bruyères, 2e phase",
     {2022: 0.6, 2023: 1.2, 2024: 1.6, 2025: 1.4}),
    ("mobilites", "plan vélo", {2021: 0.4, 2022: 0.8, 2023: 0.9, 2024: 1.1, 2025: 0.8}),
    ("environnement", "rénovation énergétique des bâtiments", {2022: 0.5, 2023: 0.9, 2024: 1.2, 2025: 1.0}),
    ("culture", "mise en accessibilité du conservatoire", {2024: 0.6, 2025: 0.4}),
    ("solidarites", "centre municipal de santé", {2024: 0.3, 2025: 0.9}),
    ("sport", "gymnase de Saint-Roch", {2023: 0.3, 2024: 0.9}),
    ("economie", "rénovation des halles du marché", {2022: 0.9, 2023: 1.7, 2024: 1.0}),
]


def lire_fonctions_m57(chemin: Path) -> dict[str, str]:
    """Renvoie le code de fonction M57 de chaque thème, lu dans themes.csv."""
    with chemin.open(encoding="utf-8", newline="") as fichier:
        return {ligne["id"]: ligne["fonction_m57"] for ligne in csv.DictReader(fichier)}


def calculer_lignes(fonctions: dict[str, str]) -> list[dict[str, str]]:
    """Calcule les 432 lignes du budget, triées par (mandat, thème, exercice, section)."""
    alea = random.Random(GRAINE)
    lignes: list[dict[str, str]] = []
    for rang_mandat, (mandat, exercices) in enumerate(MANDATS.items()):
        somme_parts = sum(parts[rang_mandat] for parts in PARTS_FONCTIONNEMENT.values())
        for theme in sorted(PARTS_FONCTIONNEMENT):
            for rang_annee, exercice in enumerate(exercices):
                part = PARTS_FONCTIONNEMENT[theme][rang_mandat] / somme_parts
                fonctionnement = FONCTIONNEMENT_TOTAL[exercice] * part * alea.uniform(0.97, 1.03)
                recurrent = (INVESTISSEMENT_RECURRENT[exercice] * CYCLE_ELECTORAL[rang_annee]
                             * PARTS_INVESTISSEMENT[theme] * alea.uniform(0.7, 1.3))
                operations = sum(montants.get(exercice, 0.0)
                                 for nom_theme, _operation, montants in GRANDES_OPERATIONS
                                 if nom_theme == theme)
                for section, millions in (("fonctionnement", fonctionnement),
                                          ("investissement", recurrent + operations)):
                    lignes.append({
                        "mandat": mandat,
                        "theme": theme,
                        "exercice": str(exercice),
                        "section": section,
                        "montant_realise": f"{millions * 1_000_000:.2f}",
                        "fonction_m57": fonctions[theme],
                    })
    lignes.sort(key=lambda ligne: (ligne["mandat"], ligne["theme"], ligne["exercice"], ligne["section"]))
    return lignes


def main() -> None:
    """Écrit data/budget.csv."""
    fonctions = lire_fonctions_m57(RACINE / "data" / "themes.csv")
    lignes = calculer_lignes(fonctions)
    champs = ["mandat", "theme", "exercice", "section", "montant_realise", "fonction_m57"]
    with (RACINE / "data" / "budget.csv").open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=champs, lineterminator="\n")
        ecrivain.writeheader()
        ecrivain.writerows(lignes)
    print(f"data/budget.csv : {len(lignes)} lignes")


if __name__ == "__main__":
    main()
