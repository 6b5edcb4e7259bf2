#!/usr/bin/env bash
# Installe tout ce qu'il faut pour construire le site et lancer les tests, sur une machine neuve
# (Debian ou Ubuntu avec Python 3.11 ou plus récent) :
#   - un environnement Python dans .venv/ avec eclaireur et ses dépendances de test ;
#   - les paquets Debian utilisés par les tests : chromium (tests dans un vrai navigateur),
#     poppler-utils (pdftotext, pdffonts, pdfinfo), espeak-ng et sox (médias de démonstration).
# Rien n'est téléchargé pendant la construction du site : polices et gabarits sont dans le dépôt.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "Erreur : Python 3.11 ou plus récent est nécessaire ($("$PYTHON" --version 2>&1))." >&2
  exit 2
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v sox >/dev/null 2>&1 || missing+=(sox)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then apt_get=(apt-get); elif command -v sudo >/dev/null 2>&1; then apt_get=(sudo apt-get); else apt_get=(); fi
  if [ "${#apt_get[@]}" -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installation des paquets Debian : ${missing[*]}"
    "${apt_get[@]}" update -qq
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Attention : paquets système absents (${missing[*]}) ; les tests qui en ont besoin échoueront." >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
echo "Installation terminée : .venv/bin/eclaireur est prêt."
