"""Generate the FICTIONAL lists of the two demo draws (data/tirages/), deterministically.

Run from the repository root: ``.venv/bin/python tools/generate_tirages.py``. Then the draws themselves are
made with ``eclaireur tirage`` (commands in data/tirages/LISEZMOI.md), as an authority would.

* ``conclave-budget-participatif-liste.csv``: 200 agents who volunteered for the conclave of the
  evaluation of the participatory budget, identified by a pseudonymous number (``agent-0137``) and their
  service (the services that carry the evaluation's actions).
* ``jury-citoyen-futurs-liste.csv``: 2 000 volunteer electors for the citizen jury of the élection des
  futurs, identified by a pseudonymous registration number (``electeur-00042``) and their district.
* ``jury-citoyen-futurs-quotas.csv``: the jury's 24 seats shared between districts in proportion to
  their population (largest remainders).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "tirages"
SEED = 1789

SERVICES = {
    "Direction des services techniques": 60,
    "Direction des maisons de quartier": 50,
    "Direction du numérique": 20,
    "Mission démocratie locale et vie des quartiers": 18,
    "Direction de la communication": 16,
    "Direction des ressources humaines": 14,
    "Direction de la commande publique": 12,
    "Direction générale des services": 10,
}
# district: (inhabitants, volunteers)
QUARTIERS = {
    "Centre-ville": (9800, 470),
    "Beaulieu": (8600, 410),
    "Les Bruyères": (7900, 190),
    "Saint-Roch": (6700, 170),
    "Les Hauts-de-Loirance": (6300, 300),
    "Les Tanneries": (6100, 260),
    "Les Hautes-Rives": (5840, 200),
}
JURY_SEATS = 24


def largest_remainders(weights: dict[str, int], seats: int) -> dict[str, int]:
    total = sum(weights.values())
    exact = {k: seats * w / total for k, w in weights.items()}
    result = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: (-(exact[k] - result[k]), k))[: seats - sum(result.values())]:
        result[k] += 1
    return result


def write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    rng = random.Random(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    numbers = sorted(rng.sample(range(1, 1021), sum(SERVICES.values())))
    services = [s for s, n in SERVICES.items() for _ in range(n)]
    rng.shuffle(services)
    write(OUT / "conclave-budget-participatif-liste.csv", ["identifiant", "service"],
          [[f"agent-{n:04d}", s] for n, s in zip(numbers, services, strict=True)])
    volunteers = [q for q, (_, v) in QUARTIERS.items() for _ in range(v)]
    rng.shuffle(volunteers)
    numbers = sorted(rng.sample(range(1, 38001), len(volunteers)))
    write(OUT / "jury-citoyen-futurs-liste.csv", ["identifiant", "quartier"],
          [[f"electeur-{n:05d}", q] for n, q in zip(numbers, volunteers, strict=True)])
    quotas = largest_remainders({q: p for q, (p, _) in QUARTIERS.items()}, JURY_SEATS)
    write(OUT / "jury-citoyen-futurs-quotas.csv", ["strate", "nombre"], [[q, quotas[q]] for q in sorted(quotas)])
    print(f"listes écrites dans {OUT.relative_to(ROOT)}/ ; quotas du jury : {quotas}")


if __name__ == "__main__":
    main()
