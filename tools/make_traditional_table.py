"""Write rectify_nlp/lexicon/traditional.json: zhconv's traditional-to-simplified mappings that
are one character to one character (run: pip install zhconv; python tools/make_traditional_table.py).

The table ships with the package so that normalising costs no dictionary load at run time
(zhconv's own load takes 0.8 s) and so that the offset map stays one-to-one; phrase mappings
that change a word's length are left out on purpose.
"""
import json
from pathlib import Path

from zhconv import zhconv

zhconv.loaddict()
table = {k: v for k, v in sorted(zhconv.zhcdicts["zh2Hans"].items()) if len(k) == 1 == len(v) and k != v}
out = Path(__file__).resolve().parents[1] / "rectify_nlp" / "lexicon" / "traditional.json"
out.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
print(f"{len(table)} characters -> {out}")
