"""Records from decided spans: ownership, category paths, statuses, quantities, deadlines,
and the notice's metadata."""
