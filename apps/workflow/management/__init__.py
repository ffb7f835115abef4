"""Management commands of the editorial workflow."""
