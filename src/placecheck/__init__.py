"""placecheck: check a place-based partnership's governance proposal against the guidance."""

__version__ = "0.1.0"
