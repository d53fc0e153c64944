"""Evidence storage: content-addressed blobs, safe names, content sniffing and derived data."""
