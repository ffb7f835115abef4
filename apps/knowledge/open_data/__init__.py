"""Open data: the API v2, bulk downloads, the DCAT-AP.de catalogue, feeds,
sitemaps, licences, and their views and addresses (outside the language
prefix)."""
