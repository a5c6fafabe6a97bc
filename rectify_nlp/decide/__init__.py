"""Where every label is decided: the model proposes spans (``propose``), then an ordered list
of named post-processing steps applies the guide's rules (``postprocess``).  Nothing
downstream changes a label."""
