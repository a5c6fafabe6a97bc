"""The edges: input readers, annotation formats, frames, the HTML view."""
