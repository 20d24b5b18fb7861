"""Chinese counts grouped by thousands, "12,345", as Unicode CLDR and UN Chinese pages do.

Django's own groups by four digits with no separator, which shows no grouping at all.
Its dates ("2024年12月11日") are kept.
"""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
