"""Exchange formats: one module per format (both directions it has), shared placement, registry."""
