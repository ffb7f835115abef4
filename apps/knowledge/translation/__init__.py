"""Machine translation (``machine/``: DeepL and LibreTranslate, one module each, with
the term list), tree translation (``tree.py``, ``views.py``) and the rule that keeps
snippet translations when a page is translated (``related_snippets.py``)."""
