"""The Comprehensive Ranking System: its criteria as dated rules data, the facts it counts, the score.

``rules`` holds the ruleset vocabulary (sections, groups, factor kinds, measures), ``measures`` reads
the facts of a profile the way the Ministerial Instructions count them, ``score`` applies a version
of the criteria to them, ``improve`` re-scores changes a person can act on, and ``render`` formats
the typed result of ``result``.
"""
