"""Moving data into the store: ingest, import of checked claims, corroboration."""
