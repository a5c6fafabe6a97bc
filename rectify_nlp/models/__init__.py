"""The trained estimators (scikit-learn contract): linear emissions, the BIO sequence tagger,
and isotonic calibration.  Learned state is numpy arrays only, so a model saves as arrays."""
