# Reference values for tests/smoothing/mstl_forecast_test.cpp: R's
# forecast(mstl(y), method = "ets", h, level = c(80, 95)) (forecast 8.20; forecast.mstl ->
# forecast.stl: ets(seasadj(fit), model = "ZZN") forecast, each seasonal component continued by
# seasonal naive over its last floor(period) values and added to the mean and the bounds).
#
# Run from the repository root:  Rscript tests/reference/generate_mstl_forecast_fixtures.R
# Reads tests/reference/fixtures/mstl/mstl_series.csv (the series of the MSTL fixtures) and
# examples/data/demand.csv (FAN-40, the bundled sample's annual seasonal product); writes
# tests/reference/fixtures/mstl_forecast/{cases,forecasts}.csv.
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")

out_dir <- file.path("tests", "reference", "fixtures", "mstl_forecast")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
fmt <- function(df) {
  for (col in names(df)) if (is.double(df[[col]])) df[[col]] <- sprintf("%.17g", df[[col]])
  df
}
write <- function(df, name) {
  write.csv(fmt(df), file.path(out_dir, name), row.names = FALSE, quote = FALSE, na = "NA")
}

ms <- read.csv(file.path("tests", "reference", "fixtures", "mstl", "mstl_series.csv"))
series <- split(ms$y, ms$series)
# FAN-40: the sample data lists days with demand only; the others are 0 (730 days).
demand <- read.csv(file.path("examples", "data", "demand.csv"))
fan <- demand[demand$material == "FAN-40", ]
days <- seq(as.Date("2024-11-01"), as.Date("2026-10-31"), by = "day")
fan40 <- rep(0, length(days))
fan40[match(as.Date(fan$date), days)] <- fan$quantity

inputs <- list(taylor = series$taylor, daily = series$daily, fan40 = fan40,
               airpassengers = as.numeric(AirPassengers), usaccdeaths = as.numeric(USAccDeaths))
write(do.call(rbind, lapply(c("fan40", "airpassengers", "usaccdeaths"), function(s) {
  data.frame(series = s, t = seq_along(inputs[[s]]), y = inputs[[s]])
})), "series.csv")

cases <- data.frame(
  case = c("taylor", "daily", "daily_731", "daily_730_364", "daily_730", "fan40_364",
           "airpassengers", "usaccdeaths"),
  series = c("taylor", "daily", "daily", "daily", "daily", "fan40", "airpassengers",
             "usaccdeaths"),
  n = c(1344, 1000, 731, 730, 730, 730, 144, 72),
  periods = c("48;336", "7;365.25", "7;365.25", "7;364", "7;365.25", "7;364", "12", "12"),
  h = c(336, 90, 90, 90, 90, 90, 24, 30),
  stringsAsFactors = FALSE
)
rows <- list()
cases$model <- NA
cases$sigma2 <- NA
for (r in seq_len(nrow(cases))) {
  cs <- cases[r, ]
  y <- inputs[[cs$series]][1:cs$n]
  periods <- as.numeric(strsplit(cs$periods, ";")[[1]])
  x <- if (length(periods) == 1) ts(y, frequency = periods) else msts(y, seasonal.periods = periods)
  fit <- suppressWarnings(mstl(x))
  fc <- forecast(fit, method = "ets", h = cs$h, level = c(80, 95))
  # ETS(A,Ad,N) written as its code AAdN (the CSV has no quoting).
  cases$model[r] <- gsub("[ETS(),]", "", fc$model$method)
  cases$sigma2[r] <- fc$model$sigma2
  rows[[r]] <- data.frame(case = cs$case, step = seq_len(cs$h), mean = as.numeric(fc$mean),
                          lower80 = as.numeric(fc$lower[, 1]), upper80 = as.numeric(fc$upper[, 1]),
                          lower95 = as.numeric(fc$lower[, 2]), upper95 = as.numeric(fc$upper[, 2]))
}
write(cases, "cases.csv")
write(do.call(rbind, rows), "forecasts.csv")
