"""Chinese text analysis and the search backends (embedded default, Elasticsearch)."""
