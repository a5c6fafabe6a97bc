"""Bridges to other tools' objects (spaCy); each needs its extra installed."""
