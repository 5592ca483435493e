"""Text primitives: normalisation, number words, sentence spans. Pure functions, no I/O."""
