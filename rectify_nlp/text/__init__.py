"""Text: normalisation with an offset map, and its cutting into units and clauses."""
