"""Newcomblike decision problems and what CDT, EDT and UDT/FDT recommend (in progress)."""
