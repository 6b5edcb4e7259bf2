"""The tally as a French text report, for people (``eclaireur tally``; ``--format json`` for machines)."""

from __future__ import annotations

from typing import Any

from eclaireur import fr
from eclaireur.vote.ranking import REASONS

METHOD_NAMES = {
    "borda": "méthode de Borda (points moyennés pour les ex aequo et les options non classées)",
    "schulze": "méthode de Condorcet-Schulze",
}


def points(value: float) -> str:
    """``64714.5`` -> ``64 714,5``; ``12.0`` -> ``12``."""
    return fr.nombre(value, 0 if float(value).is_integer() else 1)


def _count(value: int, word: str) -> str:
    return f"{fr.nombre(value)} {word}{'s' if value > 1 else ''}"


def _label(results: dict[str, Any], option: str) -> str:
    titles = {o["id"]: o["titre"] for o in results["options"]}
    title = titles.get(option, option)
    return title if title == option else f"{title} [{option}]"


def _ranking_lines(
    results: dict[str, Any], ranking: list[dict[str, Any]], scores: dict[str, float] | None
) -> list[str]:
    lines = []
    for entry in ranking:
        tie = " (ex aequo)" if len(entry["options"]) > 1 else ""
        for option in entry["options"]:
            score = f" — {points(scores[option])} points" if scores is not None else ""
            lines.append(f"  {entry['rang']:>3}. {_label(results, option)}{score}{tie}")
    return lines


def render_text(results: dict[str, Any]) -> str:
    """The whole report; every figure is in the JSON output too."""
    election = results["election"]
    ballots = results["bulletins"]
    options = [o["id"] for o in results["options"]]
    out: list[str] = []
    out.append(f"{election['titre'] or 'Dépouillement'}" + (f" ({election['id']})" if election["id"] else ""))
    if election.get("source"):
        out.append(f"Bulletins lus : {election['source']}")
    out.append("")
    out.append("Bulletins")
    out.append(f"  Votants : {fr.nombre(ballots['votants'])}")
    out.append(f"  Exprimés (comptés) : {fr.nombre(ballots['exprimes'])}")
    out.append(f"  Blancs : {fr.nombre(ballots['blancs'])}")
    out.append(f"  Nuls : {fr.nombre(ballots['nuls'])}")
    for reason, count in ballots["par_motif"].items():
        if reason != "blanc":
            out.append(f"    - {REASONS.get(reason, reason)} : {fr.nombre(count)}")
    spoiled = [item for item in ballots["non_comptes"] if item["motif"] != "blanc"]
    blank = [item["bulletin"] for item in ballots["non_comptes"] if item["motif"] == "blanc"]
    if spoiled:
        out.append("  Bulletins nuls, un par ligne :")
        for item in spoiled:
            detail = f" {item['detail']}" if item["detail"] else ""
            out.append(f"    {item['bulletin']} ({item['canal']}, {item['lieu']}) : {item['motif']}{detail}")
    if blank:
        out.append("  Bulletins blancs : " + ", ".join(blank))
    for other, count in (ballots.get("autres_elections") or {}).items():
        out.append(f"  Laissés de côté : {fr.nombre(count)} bulletin{'s' if count > 1 else ''} d'une autre "
                   f"élection (« {other} »), ni comptés ni votants")
    out.append("")
    official = results["methode_officielle"]
    out.append(f"Classement officiel — {METHOD_NAMES[official]}")
    scores = results["borda"]["points"] if official == "borda" else None
    out += _ranking_lines(results, results["classement_officiel"], scores)
    out.append("")
    if official == "borda":
        force = results["schulze"]["force"]
        out.append(f"Pour comparaison — méthode de Condorcet-Schulze (force des défaites : {force})")
        out += _ranking_lines(results, results["schulze"]["classement"], None)
    else:
        out.append("Pour comparaison — méthode de Borda (points moyennés)")
        out += _ranking_lines(results, results["borda"]["classement"], results["borda"]["points"])
    out.append("")
    winner = results["condorcet"]["gagnant"]
    out.append(
        f"Vainqueur de Condorcet (gagne tous ses duels) : {_label(results, winner)}"
        if winner
        else "Vainqueur de Condorcet : aucun (aucune option ne gagne tous ses duels)."
    )
    loser = results["condorcet"]["perdant"]
    if loser:
        out.append(f"Perdant de Condorcet (perd tous ses duels) : {_label(results, loser)}")
    out.append("")
    out.append("Premières places (bulletins qui classent l'option en tête, seule ou ex aequo ; dont seule)")
    firsts = results["premieres_places"]
    for option in sorted(options, key=lambda o: (-firsts[o]["total"], options.index(o))):
        out.append(f"  {fr.nombre(firsts[option]['total']):>7} (dont {fr.nombre(firsts[option]['seul'])} seule) "
                   f"{_label(results, option)}")
    out.append("")
    stats = results["statistiques"]
    out.append(
        f"En moyenne, un bulletin exprimé classe {fr.nombre(stats['options_classees_moyenne'], 2)} options sur "
        f"{len(options)} ; {fr.nombre(stats['bulletins_complets'])} bulletins classent toutes les options ; "
        f"{fr.nombre(stats['bulletins_avec_egalites'])} contiennent des ex aequo."
    )
    if results["canaux"]:
        out.append("")
        out.append("Par canal (classement de Borda du canal)")
        for channel in results["canaux"]:
            top = ", ".join(channel["borda"]["classement"][0]["options"]) if channel["exprimes"] else "—"
            out.append(
                f"  {channel['canal']} : {fr.nombre(channel['votants'])} votants, {fr.nombre(channel['exprimes'])} "
                f"exprimés, {_count(channel['blancs'], 'blanc')}, {_count(channel['nuls'], 'nul')} ; en tête : {top}"
            )
    out.append("")
    out.append("Matrice des duels : ligne = option, colonne = adversaire ; nombre de bulletins qui préfèrent la ligne")
    width = max(len(fr.nombre(v)) for row in results["duels"] for v in row) + 1
    out.append("     " + "".join(f"{j + 1:>{width}}" for j in range(len(options))))
    for i, row in enumerate(results["duels"]):
        cells = "".join(f"{'—' if i == j else fr.nombre(v):>{width}}" for j, v in enumerate(row))
        out.append(f"  {i + 1:>2} {cells}  {options[i]}")
    return "\n".join(out) + "\n"
