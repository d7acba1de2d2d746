"""Pure rules of the bloc's work: no Qt, no SQL, so they test fast and read like the regulations."""
