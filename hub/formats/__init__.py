"""Dates and numbers as the hub writes them in each language, where Django's differ.

Django reads a setting here first and falls back to its own locale formats for the rest
(``FORMAT_MODULE_PATH``). Templates ask for a format by name ("DATE_FORMAT"), never by
pattern, so each language writes its dates its own way.
"""
