"""The ``rectify-nlp`` command: thin commands that parse arguments, call the library, print.
One module per command or small group; the options they share are declared once in
common.py; main.py holds the app (the console script's entry point)."""
