"""eclaireur : publier les données ouvertes d'une collectivité (site, impressions, formulaires)."""

__version__ = "0.1.0"
