"""Storage: tag files (layout, validation), YAML, atomic writes, the corpus and its cache."""
