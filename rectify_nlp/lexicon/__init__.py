"""Word lists and patterns of the genre, each defined once and used by cues, features and
quantities alike (jieba's habit: data apart from the code that reads it)."""
