"""Annotation formats: one adapter per tool, a file each (guide.py, doccano.py,
label_studio.py, prodigy.py, spacy_docbin.py), behind one protocol (base.Format), and the one
registry (registry.py) that ``read_annotations``, ``write_annotations`` and the command line's
``--input-format``/``--format``/``--to`` choices take their names from.

A new format is one new module here holding ``FORMAT`` (an object with what ``base.Format``
names) plus its module's name in ``registry.BUILT_IN``; from your own code,
``registry.register(obj)``."""
