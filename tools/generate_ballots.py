"""Generate the SYNTHETIC ballots of the demo election (data/bulletins.csv, data/codes_participation.csv).

Run from the repository root: ``.venv/bin/python tools/generate_ballots.py``. Same seed, same bytes.

The model: each voter has a utility for each désir = popularity of the désir + a bias of the channel
where they vote (lycéens care more about studies, market-goers about local food ...) + a bias of a
latent group of voters (health and care, climate, youth, everyday life) + random noise (Gumbel, so that
rankings follow a Plackett–Luce model). Voters rank the désirs by utility, then many stop after a few
(partial rankings), some write the same rank twice (ties), and a few ballots are blank or spoiled on
purpose (unknown option, option twice, unreadable ranking, missing, unknown or reused participation code)
so that the tally's reporting can be seen at work.

Participation codes of the demo are derived from the fixed seed: they are NOT secret and must never be
used for a real vote (``eclaireur election codes`` draws real ones with :mod:`secrets`).

Online ballots carry the submission key ``eclaireur election importer`` would have stored (column
``envoi``): the key of an identifiant drawn like the ballot page draws one, or, for the online ballots the
page could not have prepared (blank, or without the participation code the page asks for: e-mails sent
without JavaScript), the key of their content and day. The identifiants are drawn from their own random
generator, after everything else, so that the ballots themselves do not depend on them.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from pathlib import Path

from eclaireur.vote.ballot_file import content_key, identifier_key, normalised_ranking
from eclaireur.vote.codes import ALPHABET, code_hash, display
from eclaireur.vote.ranking import RankingReader

ROOT = Path(__file__).resolve().parent.parent
SEED = 2040
ELECTION = "futurs-2040"
OPENING = dt.date(2025, 10, 6)
CLOSING = dt.date(2025, 11, 16)
SCHOOL_HOLIDAYS = (dt.date(2025, 10, 18), dt.date(2025, 11, 2))
CODES_PRINTED = 4000

POPULARITY = {
    "medecin-proche": 1.55, "fraicheur-ete": 1.3, "logement-abordable": 1.25, "eau-du-robinet": 1.2,
    "vieillir-chez-soi": 1.1, "manger-bio-local": 1.0, "nature-en-ville": 0.85, "velo-tous-ages": 0.8,
    "guichet-humain": 0.75, "enfants-autonomes": 0.7, "travailler-pres": 0.6, "energie-quartier": 0.55,
    "etudier-ici": 0.5, "sans-voiture": 0.45, "reparer-reutiliser": 0.4, "sport-dehors": 0.4,
    "culture-a-deux-pas": 0.35, "decider-quartier": 0.3, "baignade-loirance": 0.25, "vivre-la-nuit": 0.1,
}
CHANNEL_BIAS = {
    "en ligne": {"velo-tous-ages": 0.4, "energie-quartier": 0.4, "nature-en-ville": 0.3, "decider-quartier": 0.2},
    "lycée": {"etudier-ici": 1.6, "vivre-la-nuit": 1.3, "culture-a-deux-pas": 0.8, "sport-dehors": 0.7,
              "baignade-loirance": 0.6, "velo-tous-ages": 0.5, "vieillir-chez-soi": -0.9, "medecin-proche": -0.6,
              "guichet-humain": -0.6},
    "gare": {"sans-voiture": 0.8, "travailler-pres": 0.7, "logement-abordable": 0.3, "vivre-la-nuit": 0.3},
    "marché": {"manger-bio-local": 0.9, "vieillir-chez-soi": 0.4, "medecin-proche": 0.3, "reparer-reutiliser": 0.3},
    "mairie": {"guichet-humain": 1.0, "vieillir-chez-soi": 0.7, "medecin-proche": 0.5, "decider-quartier": 0.4},
}
GROUPS = {
    "soin": {"medecin-proche": 1.2, "vieillir-chez-soi": 1.0, "guichet-humain": 0.8},
    "climat": {"fraicheur-ete": 1.0, "eau-du-robinet": 0.8, "nature-en-ville": 1.0, "energie-quartier": 1.0,
               "velo-tous-ages": 0.9, "reparer-reutiliser": 0.8, "medecin-proche": -0.8},
    "jeunesse": {"etudier-ici": 1.0, "vivre-la-nuit": 1.0, "culture-a-deux-pas": 0.9, "sport-dehors": 0.9},
    "quotidien": {"logement-abordable": 0.9, "travailler-pres": 0.8, "enfants-autonomes": 0.9, "sans-voiture": 0.7},
}
GROUP_MIX = {
    "en ligne": {"soin": 0.25, "climat": 0.4, "jeunesse": 0.1, "quotidien": 0.25},
    "lycée": {"soin": 0.05, "climat": 0.35, "jeunesse": 0.5, "quotidien": 0.1},
    "gare": {"soin": 0.2, "climat": 0.25, "jeunesse": 0.15, "quotidien": 0.4},
    "marché": {"soin": 0.4, "climat": 0.3, "jeunesse": 0.05, "quotidien": 0.25},
    "mairie": {"soin": 0.55, "climat": 0.15, "jeunesse": 0.05, "quotidien": 0.25},
}
# channel -> [(place, weekdays it is open (0 = Monday), expected ballots)]
PLACES = {
    "en ligne": [("site participation.loirance.example", (0, 1, 2, 3, 4, 5, 6), 2760)],
    "lycée": [("lycée Gaston-Bachelard", (1, 3), 330), ("lycée Marie-Curie", (0, 2, 4), 300),
              ("lycée professionnel des Tanneries", (1, 4), 230)],
    "gare": [("gare de Loirance, hall des départs", (0, 4), 430), ("halte ferroviaire de Saint-Roch", (0,), 180)],
    "marché": [("marché du Centre (samedi)", (5,), 380), ("marché de Saint-Roch (mercredi)", (2,), 190),
               ("marché des Bruyères (jeudi)", (3,), 170), ("marché des Hautes-Rives (dimanche)", (6,), 200)],
    "mairie": [("hôtel de ville, accueil", (0, 1, 2, 3, 4), 330), ("mairie annexe des Bruyères", (1, 3), 150)],
}
CHANNELS = list(PLACES)
IDENTIFIER_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def gumbel(rng: random.Random) -> float:
    return -math.log(-math.log(rng.random() or 1e-12))


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    threshold = rng.random() * sum(weights.values())
    for key, weight in weights.items():
        threshold -= weight
        if threshold <= 0:
            return key
    return key


def open_days(weekdays: tuple[int, ...], school: bool) -> list[dt.date]:
    days = []
    day = OPENING
    while day <= CLOSING:
        holiday = SCHOOL_HOLIDAYS[0] <= day <= SCHOOL_HOLIDAYS[1]
        if day.weekday() in weekdays and not (school and holiday):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def ranking_length(rng: random.Random, paper: bool, m: int) -> int:
    u = rng.random()
    if paper:
        if u < 0.28:
            return m
        return rng.randint(1, 8) if u < 0.85 else rng.randint(9, m - 1)
    if u < 0.42:
        return m
    return rng.randint(3, 10) if u < 0.82 else rng.randint(11, m - 1)


def ballot_groups(rng: random.Random, canal: str, options: list[str]) -> list[list[str]]:
    group = pick(rng, GROUP_MIX[canal])
    utility = {
        o: POPULARITY[o] + CHANNEL_BIAS[canal].get(o, 0.0) + GROUPS[group].get(o, 0.0) + gumbel(rng)
        for o in options
    }
    order = sorted(options, key=lambda o: -utility[o])
    paper = canal != "en ligne"
    order = order[: ranking_length(rng, paper, len(options))]
    groups = [[o] for o in order]
    if len(groups) >= 2 and rng.random() < (0.13 if paper else 0.04):
        at = rng.randrange(len(groups) - 1)
        groups[at] = groups[at] + groups.pop(at + 1)
        if len(groups) > at + 1 and rng.random() < 0.25:
            groups[at] = groups[at] + groups.pop(at + 1)
    if paper and len(order) < len(options) - 1 and rng.random() < 0.03:
        groups.append([o for o in options if o not in order])  # "the rest, all equal"
    return groups


def text_of(groups: list[list[str]]) -> str:
    return ">".join("=".join(g) for g in groups)


def demo_code(rng: random.Random) -> str:
    return display("".join(rng.choice(ALPHABET) for _ in range(12)))


def demo_identifier(rng: random.Random, day: str) -> str:
    """An identifiant like the ballot page's (``contribution.js``): date, time, 16 random characters."""
    seconds = rng.randrange(7 * 3600, 23 * 3600)
    suffix = "".join(rng.choice(IDENTIFIER_ALPHABET) for _ in range(16))
    return f"{day.replace('-', '')}-{seconds // 3600:02d}{seconds // 60 % 60:02d}{seconds % 60:02d}-{suffix}"


def submission_keys(ballots: list[dict[str, str]], options: list[str]) -> None:
    """Give every online ballot the key of its submission (see the module docstring)."""
    rng = random.Random(SEED + 1)
    reader = RankingReader(options)
    seen: set[str] = set()
    for ballot in ballots:
        if ballot["canal"] != "en ligne":
            ballot["envoi"] = ""
            continue
        if ballot["classement"] and ballot["code"]:
            key = identifier_key(ELECTION, demo_identifier(rng, ballot["date"]))
        else:
            ranking = normalised_ranking(ballot["classement"], reader)
            key = content_key(ELECTION, ballot["date"], ballot["canal"], ranking, ballot["code"])
        assert key not in seen, "two online ballots of the demo with the same submission key"
        seen.add(key)
        ballot["envoi"] = key


def main() -> None:
    rng = random.Random(SEED)
    with (ROOT / "data" / "desirs.csv").open(encoding="utf-8") as handle:
        options = [row["id"] for row in csv.DictReader(handle)]
    assert set(options) == set(POPULARITY), "desirs.csv and the model must list the same désirs"

    codes: list[str] = []
    seen: set[str] = set()
    while len(codes) < CODES_PRINTED:
        code = demo_code(rng)
        if code not in seen:
            seen.add(code)
            codes.append(code)
    unused = list(codes)
    rng.shuffle(unused)

    ballots: list[dict[str, str]] = []
    for canal in CHANNELS:
        for place, weekdays, expected in PLACES[canal]:
            days = open_days(weekdays, school=canal == "lycée")
            for _ in range(expected):
                ballots.append(
                    {"canal": canal, "lieu": place, "date": rng.choice(days).isoformat(),
                     "classement": text_of(ballot_groups(rng, canal, options)), "code": ""}
                )
    rng.shuffle(ballots)
    ballots.sort(key=lambda b: (b["date"], CHANNELS.index(b["canal"])))  # order of reception

    online = [b for b in ballots if b["canal"] == "en ligne"]
    for ballot in online:
        ballot["code"] = code_hash(ELECTION, unused.pop())
    # Deliberate problems, so that every reason of the report appears in the demo.
    later = online[len(online) // 2 :]
    for ballot in rng.sample(later, 9):
        earlier = rng.choice([b for b in online if b["date"] < ballot["date"] and b["code"]])
        ballot["code"] = earlier["code"]  # a code used twice: the later ballot is spoiled
    for ballot in rng.sample(online, 7):
        typo = list(codes[rng.randrange(len(codes))].replace("-", ""))
        typo[rng.randrange(12)] = "A" if typo[0] != "A" else "B"
        wrong = "".join(typo)
        if wrong.replace("-", "") not in {c.replace("-", "") for c in codes}:
            ballot["code"] = code_hash(ELECTION, wrong)
    for ballot in rng.sample(online, 3):
        ballot["code"] = ""
    paper = [b for b in ballots if b["canal"] != "en ligne"]
    for ballot in rng.sample(paper, 34) + rng.sample(online, 8):
        ballot["classement"] = ""
    problems = [
        "medecin-proche>>fraicheur-ete>eau-du-robinet",
        ">logement-abordable>vieillir-chez-soi",
        "eau-du-robinet=",
        "velo-tous-ages>nature-en-ville>",
        "velo-tout-age>sans-voiture",
        "piscine-olympique>sport-dehors>baignade-loirance",
        "medecin-proche>centre-commercial",
        "fraicheur-ete>eau-du-robinet>Nature-en-ville",
        "logement-abordable>tramway",
        "medecin-proche>vieillir-chez-soi>medecin-proche",
        "fraicheur-ete>eau-du-robinet=fraicheur-ete",
        "etudier-ici>vivre-la-nuit>etudier-ici>sport-dehors",
        "guichet-humain=guichet-humain>medecin-proche",
        "velo-tous-ages>sans-voiture>velo-tous-ages",
        "manger-bio-local>manger-bio-local",
    ]
    for ballot, text in zip(rng.sample(ballots, len(problems)), problems, strict=True):
        ballot["classement"] = text
    submission_keys(ballots, options)

    with (ROOT / "data" / "bulletins.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "election", "date", "canal", "lieu", "classement", "code_hash", "envoi"])
        for number, ballot in enumerate(ballots, start=1):
            writer.writerow([f"b-{number:05d}", ELECTION, ballot["date"], ballot["canal"], ballot["lieu"],
                             ballot["classement"], ballot["code"], ballot["envoi"]])
    with (ROOT / "data" / "codes_participation.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["election", "code_hash"])
        for digest in sorted(code_hash(ELECTION, c) for c in codes):
            writer.writerow([ELECTION, digest])
    print(f"{len(ballots)} bulletins synthétiques et {len(codes)} empreintes de codes écrits dans data/")


if __name__ == "__main__":
    main()
