# Reference calendar parts for tests/series/calendar_test.cpp.
# ISO 8601 week dates from R's strftime (%G ISO year, %V ISO week, %u ISO weekday 1=Mon..7=Sun)
# and the calendar quarter from quarters(); independent of invforecast's own code.
# Rows: every day from December 22 to January 10 around each New Year 1990..2040 (where the ISO
# year differs from the calendar year), plus every 29 February in 1896..2104.
# Run from the repository root:  Rscript tests/reference/series_calendar.R
days <- do.call(c, lapply(1989:2040, function(y)
  seq(as.Date(sprintf("%d-12-22", y)), as.Date(sprintf("%d-01-10", y + 1)), by = "day")))
leap <- seq(as.Date("1896-01-01"), as.Date("2104-12-31"), by = "day")
leap <- leap[format(leap, "%m-%d") == "02-29"]
days <- sort(unique(c(days, leap)))
out <- data.frame(
  date = format(days, "%Y-%m-%d"),
  iso_year = as.integer(format(days, "%G")),
  iso_week = as.integer(format(days, "%V")),
  iso_weekday = as.integer(format(days, "%u")),
  quarter = as.integer(substring(quarters(days), 2)))
write.csv(out, "tests/reference/fixtures/series_calendar.csv", row.names = FALSE, quote = FALSE)
