"""Features of units and clauses, hashed into a fixed space; the analysis that feeds them."""
