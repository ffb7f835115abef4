"""``replay_search_index`` and ``search_relevance``."""
