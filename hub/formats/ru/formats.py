"""Russian dates with the month in the genitive and no "г.": "11 декабря 2024".

Django's own adds "г." ("11 декабря 2024 г."); the hub shows dates in lists, tables and
mid-sentence ("опубликовано 11 декабря 2024"), where the bare form reads as the issue asks
and as UN Russian web pages show dates.
"""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
