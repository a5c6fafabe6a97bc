"""Layout: sections (closing, headings), tables, and the cues read off units and clauses."""
