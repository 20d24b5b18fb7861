"""Arabic dates and numbers as Unicode CLDR gives them with Western digits.

"11 ديسمبر 2024" (CLDR's long date, where Django puts a comma before the year), a time
after the date (Django has none and would fall back to the English pattern), and counts
grouped "12,345" with a decimal point, as UN Arabic documents write them (Django's "."
grouping reads as a decimal point to most Arabic readers).
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
