"""Bargaining problems, axiomatic solutions, strategic bargaining and negotiation (in progress)."""
