"""Notices: read a notice written by anyone and report, element by element, what its regime requires."""
