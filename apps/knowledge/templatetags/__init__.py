"""Template tags of the portal (``portal_tags``) and its schema.org data
(``structured_data``)."""
