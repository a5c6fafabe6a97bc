"""Scoring: spans per label, records, calibration; every figure in the README comes from here."""
