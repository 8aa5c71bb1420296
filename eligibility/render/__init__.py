"""Renderers: they format a result tree and never reach back into the rules."""
