"""Dictionaries: the knowledge dyads codes with, kept as data under dyads/data/."""
