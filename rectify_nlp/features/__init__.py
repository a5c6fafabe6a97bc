"""Features of units and clauses, and the vocabulary that gives them columns; the analysis
that feeds them."""
