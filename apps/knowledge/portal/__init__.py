"""The public portal around the pages: error views, middleware, the anonymous
page cache and budgets in the visitor's number format."""
