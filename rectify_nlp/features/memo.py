"""The lexicon's per-string readings, remembered: featurisation asks them of every unit and of
its four neighbours, and a notice holds few distinct enumerators and field names.

They are wrapped here rather than in ``lexicon/``: the lexicon's files are hashed into the
model's feature hash (``config.feature_hash``), so editing them would refuse the shipped model.
"""

from functools import lru_cache

from ..lexicon.enumerators import enumerator_class as _enumerator_class
from ..lexicon.fields import field_kind as _field_kind

# bounded: an enumerator can be a number of up to six digits, so a hostile text has many
enumerator_class = lru_cache(maxsize=4096)(_enumerator_class)
field_kind = lru_cache(maxsize=4096)(_field_kind)
