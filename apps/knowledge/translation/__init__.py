"""Machine translation (one module per engine), tree translation and the
rules that keep snippet translations when a page is translated."""
