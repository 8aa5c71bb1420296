"""eligibility: Canada's economic immigration programs, evaluated condition by condition, as of a date."""

__version__ = "0.1.0"
