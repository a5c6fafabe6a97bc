"""Feature strings hashed into a fixed space.

The model's learned state is then only arrays of weights: nothing about the vocabulary needs
saving, and unseen layouts still map somewhere.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher

# 2**18 buckets keep collisions rare for ~50k distinct feature strings; the shipped weights
# are stored sparse, so the size of the space costs nothing on disk.
N_FEATURES = 2**18
_HASHER = FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)


def hash_features(rows: list[list[str]]) -> sparse.csr_matrix:
    if not rows:
        return sparse.csr_matrix((0, N_FEATURES), dtype=np.float64)
    return _HASHER.transform(rows).tocsr()
