"""English as the United Nations writes it: "11 December 2024", not Django's "Dec. 11, 2024"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
