# Reference values for tests/series/mstl_test.cpp, from R's stats::stl and forecast::mstl.
#
# Run from the repository root:  Rscript tests/reference/generate_mstl_fixtures.R
# Writes tests/reference/fixtures/mstl/{stl_series,stl_cases,stl_components,
#   mstl_series,mstl_cases,mstl_components}.csv
#
# STL: R's datasets nottem, co2, AirPassengers (monthly), UKgas (quarterly) and a series with a
# non-integer frequency, under several stl() settings (s.window, periodic, degrees, jumps,
# robust). MSTL (forecast 8.20): a slice of taylor (half-hourly, periods 48 and 336), a
# synthetic daily demand series with weekly and yearly patterns (periods 7 and 365.25, generated
# here with a fixed seed and written as input), its first 730 and 731 days (730 < 2 * 365.25:
# R drops the yearly period; 731 keeps it), a single yearly period (msts() floors it to 365),
# Box-Cox, robust and custom s.window variants, and a short series where a period is dropped.
# Periods are written ';'-separated; "NA" marks an argument left to R's default.
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")

out_dir <- file.path("tests", "reference", "fixtures", "mstl")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
fmt <- function(df) {
  for (col in names(df)) if (is.double(df[[col]])) df[[col]] <- sprintf("%.17g", df[[col]])
  df
}
write <- function(df, name) {
  write.csv(fmt(df), file.path(out_dir, name), row.names = FALSE, quote = FALSE, na = "NA")
}

# ---------------------------------------------------------------- STL
stl_series <- list(
  nottem = as.numeric(nottem), co2 = as.numeric(co2),
  airpassengers = as.numeric(AirPassengers), ukgas = as.numeric(UKgas)
)
set.seed(20261201)
stl_series$freq7_5 <- round(100 + 10 * sin(2 * pi * (1:90) / 7.5) + rnorm(90, sd = 3), 2)
stl_freq <- c(nottem = 12, co2 = 12, airpassengers = 12, ukgas = 4, freq7_5 = 7.5)

# case, series, then stl() arguments (NA = default).
cases <- data.frame(
  case = c("nottem_s7", "nottem_periodic", "nottem_s11_jump1", "co2_s11", "co2_robust",
           "air_s7_deg1", "air_twindow", "ukgas_s5", "ukgas_robust_deg1", "freq7_5_s9"),
  series = c("nottem", "nottem", "nottem", "co2", "co2", "airpassengers", "airpassengers",
             "ukgas", "ukgas", "freq7_5"),
  s_window = c(7, NA, 11, 11, 11, 7, 13, 5, 9, 9),
  periodic = c(0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
  s_degree = c(0, 0, 0, 0, 0, 1, 0, 0, 1, 0),
  t_window = c(NA, NA, NA, NA, NA, NA, 23, NA, NA, NA),
  t_degree = c(1, 1, 1, 1, 1, 1, 0, 1, 1, 1),
  l_window = c(NA, NA, NA, NA, NA, NA, 15, NA, NA, NA),
  jump = c(NA, NA, 1, NA, NA, NA, NA, NA, NA, NA),
  robust = c(0, 0, 0, 0, 1, 0, 0, 0, 1, 0),
  stringsAsFactors = FALSE
)
rows <- list()
for (r in seq_len(nrow(cases))) {
  cs <- cases[r, ]
  x <- ts(stl_series[[cs$series]], frequency = stl_freq[[cs$series]])
  args <- list(x = x, s.window = if (cs$periodic == 1) "periodic" else cs$s_window,
               s.degree = cs$s_degree, t.degree = cs$t_degree, robust = cs$robust == 1)
  if (!is.na(cs$t_window)) args$t.window <- cs$t_window
  if (!is.na(cs$l_window)) args$l.window <- cs$l_window
  if (!is.na(cs$jump)) args$s.jump <- args$t.jump <- args$l.jump <- cs$jump
  fit <- do.call(stl, args)
  ts_ <- fit$time.series
  rows[[r]] <- data.frame(case = cs$case, t = seq_along(x),
                          seasonal = as.numeric(ts_[, "seasonal"]),
                          trend = as.numeric(ts_[, "trend"]),
                          remainder = as.numeric(ts_[, "remainder"]), weights = fit$weights)
  cases$t_window_used[r] <- fit$win[["t"]]
  cases$l_window_used[r] <- fit$win[["l"]]
}
cases$period <- stl_freq[cases$series]
write(do.call(rbind, lapply(names(stl_series), function(s) {
  data.frame(series = s, t = seq_along(stl_series[[s]]), y = stl_series[[s]])
})), "stl_series.csv")
write(cases[, c("case", "series", "period", "s_window", "periodic", "s_degree", "t_window",
                "t_degree", "l_window", "jump", "robust", "t_window_used", "l_window_used")],
      "stl_cases.csv")
write(do.call(rbind, rows), "stl_components.csv")

# ---------------------------------------------------------------- MSTL
# Synthetic daily demand, 1000 days: trend, weekday profile, yearly wave, Gaussian noise,
# rounded to whole units and floored at 0.
set.seed(20261201)
n <- 1000
tt <- 1:n
weekday <- c(-6, 2, 3, 3, 5, 9, -16)
daily <- 60 + 0.01 * tt + weekday[(tt - 1) %% 7 + 1] + 25 * sin(2 * pi * tt / 365.25) +
  8 * cos(4 * pi * tt / 365.25) + rnorm(n, sd = 5)
daily <- pmax(0, round(daily))
mstl_series <- list(
  taylor = as.numeric(taylor)[1:1344],  # first 4 weeks (periods 48 and 336)
  daily = daily,
  short = round(20 + 5 * sin(2 * pi * (1:50) / 7) + rnorm(50, sd = 1), 1)
)

mcases <- data.frame(
  case = c("taylor", "daily", "daily_730", "daily_731", "daily_single_yearly",
           "daily_lambda", "daily_robust", "daily_swindow", "short_dropped", "taylor_iterate3"),
  series = c("taylor", "daily", "daily", "daily", "daily", "daily", "daily", "daily", "short",
             "taylor"),
  n = c(1344, 1000, 730, 731, 1000, 1000, 1000, 1000, 50, 1344),
  periods = c("48;336", "7;365.25", "7;365.25", "7;365.25", "365.25", "7;365.25", "365.25;7",
              "7;365.25", "30;7", "336;48"),
  s_window = c(NA, NA, NA, NA, NA, NA, NA, "13", NA, "9;21"),
  lambda = c(NA, NA, NA, NA, NA, 0.5, NA, NA, NA, NA),
  robust = c(0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
  iterate = c(2, 2, 2, 2, 2, 2, 2, 2, 2, 3),
  stringsAsFactors = FALSE
)
mrows <- list()
mcases$kept <- NA
for (r in seq_len(nrow(mcases))) {
  cs <- mcases[r, ]
  y <- mstl_series[[cs$series]][1:cs$n]
  periods <- as.numeric(strsplit(cs$periods, ";")[[1]])
  args <- list(x = msts(y, seasonal.periods = periods), iterate = cs$iterate,
               robust = cs$robust == 1)
  if (!is.na(cs$s_window)) args$s.window <- as.numeric(strsplit(cs$s_window, ";")[[1]])
  if (!is.na(cs$lambda)) args$lambda <- cs$lambda
  fit <- suppressWarnings(do.call(mstl, args))
  cols <- colnames(fit)
  seas <- grep("^Seasonal", cols, value = TRUE)
  kept <- if (length(periods) == 1) floor(periods) else sort(periods)[sort(periods) < cs$n / 2]
  stopifnot(length(seas) == length(kept))
  mcases$kept[r] <- paste(kept, collapse = ";")
  x <- if (is.na(cs$lambda)) y else BoxCox(y, cs$lambda)
  s1 <- if (length(seas) >= 1) as.numeric(fit[, seas[1]]) else NA
  s2 <- if (length(seas) >= 2) as.numeric(fit[, seas[2]]) else NA
  adjusted <- x - (if (length(seas) > 0) rowSums(as.matrix(fit[, seas, drop = FALSE])) else 0)
  mrows[[r]] <- data.frame(case = cs$case, t = seq_len(cs$n),
                           trend = as.numeric(fit[, "Trend"]), seasonal1 = s1, seasonal2 = s2,
                           remainder = as.numeric(fit[, "Remainder"]),
                           adjusted = as.numeric(adjusted))
}
write(do.call(rbind, lapply(names(mstl_series), function(s) {
  data.frame(series = s, t = seq_along(mstl_series[[s]]), y = mstl_series[[s]])
})), "mstl_series.csv")
write(mcases, "mstl_cases.csv")
write(do.call(rbind, mrows), "mstl_components.csv")
