"""Answering a understood question: the plan (slots → queries), the compiler of amount questions to cube
queries, the query builders of lists and lookups, and the answer rows (see `plan` for the layers)."""
