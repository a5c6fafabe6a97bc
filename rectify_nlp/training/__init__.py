"""Training: gold aligned to units and clauses, grouped folds, fitting and calibration, and
cross-validation on notices the model did not train on."""
