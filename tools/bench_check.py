"""Benchmark: ``eclaireur check`` against ``frictionless validate`` on a large generated resource.

Usage: ``python tools/bench_check.py [--rows 1000000] [--errors 100]``

Writes, in a temporary folder, a CSV of ``--rows`` rows and 8 columns (integer primary key, pattern,
required text, number, date, boolean, enum, integer with a minimum) and its Table Schema, once valid
and once with ``--errors`` broken cells spread over the file. Each command runs as a fresh process
(``eclaireur check`` and ``frictionless validate``, both without error limit); the wall-clock time and the
number of problems found are printed, with the CPU time (user + system) that a busy shared machine
distorts less than the wall-clock time. Rows are generated from a fixed seed: same figures, same files.
``eclaireur check + custom_checks`` checks the same file against the same schema with two Validata
``custom_checks`` added (montant ≥ quantite, which about one generated row in 400 breaks, and three
columns filled together): the cost of those checks, which a schema without ``custom_checks`` never pays.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

THEMES = ["voirie", "culture", "sport", "education", "social", "environnement"]
SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "code", "type": "string", "constraints": {"pattern": "P[0-9]{7}"}},
        {"name": "nom", "type": "string", "constraints": {"required": True, "maxLength": 200}},
        {"name": "montant", "type": "number", "constraints": {"minimum": 0}},
        {"name": "date", "type": "date"},
        {"name": "actif", "type": "boolean"},
        {"name": "theme", "type": "string", "constraints": {"enum": THEMES}},
        {"name": "quantite", "type": "integer", "constraints": {"minimum": 0}},
    ],
    "primaryKey": ["id"],
}
CUSTOM_CHECKS = [
    {"name": "compare-columns-value", "params": {"column": "montant", "op": ">=", "column2": "quantite"}},
    {"name": "cohesive-columns-value", "params": {"column": "date", "othercolumns": ["actif", "theme"]}},
]


def write_table(folder: Path, rows: int, broken: int) -> tuple[Path, Path]:
    """``data.csv`` and ``schema.json`` in ``folder``; ``broken`` rows get one bad cell each."""
    rng = random.Random(2024)
    bad_rows = set(rng.sample(range(1, rows + 1), broken)) if broken else set()
    table = folder / "data.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([field["name"] for field in SCHEMA["fields"]])
        for number in range(1, rows + 1):
            row = [
                str(number),
                f"P{number:07d}",
                f"Projet n° {number} du quartier {rng.choice(['Nord', 'Sud', 'Gare', 'Vieille-Ville'])}",
                f"{rng.random() * 100000:.2f}",
                f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice(["true", "false"]),
                rng.choice(THEMES),
                str(rng.randint(0, 500)),
            ]
            if number in bad_rows:
                column = rng.randrange(8)
                row[column] = {0: "", 1: "X12", 2: "", 3: "12,5k", 4: "31/02/2024", 5: "oui", 6: "Voirie", 7: "-1"}[
                    column
                ]
            writer.writerow(row)
    schema = folder / "schema.json"
    schema.write_text(json.dumps(SCHEMA, ensure_ascii=False, indent=2), encoding="utf-8")
    custom = dict(SCHEMA, custom_checks=CUSTOM_CHECKS)
    (folder / "schema-custom.json").write_text(json.dumps(custom, ensure_ascii=False, indent=2), encoding="utf-8")
    return table, schema


def timed(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall-clock and CPU seconds (user + system, less sensitive to a busy machine) of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.returncode, result.stdout


def count_problems(output: str) -> int:
    data = json.loads(output)
    if "problem_count" in data:
        return int(data["problem_count"])
    return sum(len(task["errors"]) for task in data["tasks"]) + len(data.get("errors", []))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--errors", type=int, default=100)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    eclaireur = (
        [str(bindir / "eclaireur")] if (bindir / "eclaireur").exists() else [sys.executable, "-m", "eclaireur.cli"]
    )
    frictionless = str(bindir / "frictionless") if (bindir / "frictionless").exists() else shutil.which("frictionless")
    if frictionless is None:
        print("frictionless introuvable (pip install frictionless)", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="bench-check-"))
    try:
        print(f"{args.rows} lignes, 8 colonnes, dans {folder}")
        for broken in (0, args.errors):
            started = time.perf_counter()
            table, _ = write_table(folder, args.rows, broken)
            size = table.stat().st_size / 1e6
            print(
                f"\n{'valide' if not broken else f'{broken} cellules fausses'} ({size:.0f} Mo, écrit en "
                f"{time.perf_counter() - started:.1f} s)"
            )
            runs = {
                "eclaireur check": [
                    *eclaireur,
                    "check",
                    "data.csv",
                    "--schema",
                    "schema.json",
                    "--format",
                    "json",
                    "--limit-errors",
                    "0",
                ],
                "eclaireur check + custom_checks": [
                    *eclaireur,
                    "check",
                    "data.csv",
                    "--schema",
                    "schema-custom.json",
                    "--format",
                    "json",
                    "--limit-errors",
                    "0",
                ],
                "eclaireur check --moteur frictionless": [
                    *eclaireur,
                    "check",
                    "data.csv",
                    "--schema",
                    "schema.json",
                    "--format",
                    "json",
                    "--limit-errors",
                    "0",
                    "--moteur",
                    "frictionless",
                ],
                "frictionless validate": [
                    frictionless,
                    "validate",
                    "data.csv",
                    "--schema",
                    "schema.json",
                    "--json",
                    "--limit-errors",
                    "1000000",
                ],
            }
            for label, command in runs.items():
                seconds, cpu, code, output = timed(command, folder)
                load = os.getloadavg()[0]
                print(
                    f"  {label:40s} {seconds:6.1f} s ({cpu:6.1f} s CPU)  (code {code}, "
                    f"{count_problems(output)} problèmes, charge de la machine {load:.1f})"
                )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
