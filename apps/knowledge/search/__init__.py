"""Language-aware search engines for the knowledge base, on top of django-modelsearch.

- :mod:`.analysis`: how German, Danish and English text is analysed.
- :mod:`.database`: the database backend; on PostgreSQL, per-locale configurations.
- :mod:`.elasticsearch`: the Elasticsearch 9 backend with per-language analyzers.
"""
