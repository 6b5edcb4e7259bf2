"""Contributions: the intake of submitted files (import, quarantine, de-duplication, moderation) and
what may be published of them (accepted, with consent, without private fields, sanitised text)."""
