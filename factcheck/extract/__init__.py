"""From files to claims: readers, metadata, facts, check-worthy claims. No Flask, no SQL."""
