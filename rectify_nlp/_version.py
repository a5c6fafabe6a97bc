"""The library's version, in a module of its own so that nothing imports the package root."""

__version__ = "0.2.0"
