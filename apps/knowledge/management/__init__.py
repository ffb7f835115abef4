"""Management commands of the knowledge base."""
