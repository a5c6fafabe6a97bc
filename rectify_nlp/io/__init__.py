"""The edges: input readers, which files a batch means, the batch loop, the output rule,
annotation files (through rectify_nlp.formats), record rows, frames, the HTML view."""
