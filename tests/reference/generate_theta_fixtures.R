# Generates the Theta reference fixtures in tests/reference/fixtures/theta/ with R's forecast
# package (written for forecast 8.20): thetaf(y, h) with its default h (2m for seasonal data,
# 10 otherwise) and levels 80 and 95. Run from the repository root:
#   Rscript tests/reference/generate_theta_fixtures.R
# Files (CSV, numbers with 17 significant digits, bounds as R gives them: not truncated):
#   series.csv     id, m, t, y
#   fits.csv       id, m, n, h, seasonal, statistic, alpha, drift, sigma2, note
#                  seasonal: 1 when the test found seasonality; statistic: |r_m| / se of
#                  thetaf's seasonality test (NA when the test is not run: m = 1, constant
#                  series or n <= 2m); note: "hw" when ses() fell back to HoltWintersZZ (n <= 6),
#                  "zero_index" when a seasonal index was below 1e-4 (thetaf's warning: the
#                  series is not adjusted, the forecasts are still multiplied by the indices)
#   indices.csv    id, k, index      decompose(y, "multiplicative")$figure (seasonal series only;
#                                    index k applies to the observations t = k, k + m, ...)
#   forecasts.csv  id, h, mean, lo80, hi80, lo95, hi95
#   fitted.csv     id, t, fitted     thetaf's fitted values (SES one-step, reseasonalised)
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")

out_dir <- file.path("tests", "reference", "fixtures", "theta")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

num <- function(x) ifelse(is.na(x), "NA", formatC(x, digits = 17, format = "g"))

# The ETS corpus (tests/reference/generate_ets_fixtures.R, same seed and order: the synthetic
# series are the same), then more yearly and non-seasonal series and the edge cases.
set.seed(20261128)
days <- 180
weekly <- c(1.3, 1.2, 1.1, 1.0, 0.9, 0.6, 0.9)
corpus <- list(
  AirPassengers = AirPassengers,
  UKgas = UKgas,
  nottem = nottem,
  USAccDeaths = USAccDeaths,
  co2 = window(co2, start = c(1988, 1)),
  ldeaths = ldeaths,
  JohnsonJohnson = JohnsonJohnson,
  UKDriverDeaths = UKDriverDeaths,
  austres = austres,
  LakeHuron = LakeHuron,
  Nile = Nile,
  lynx = lynx,
  gas = window(gas, start = c(1980, 1)),
  woolyrnq = woolyrnq,
  wineind = wineind,
  syn_stable = ts(round(rnorm(days, 50, 8)), frequency = 7),
  syn_trend = ts(round(100 + 0.8 * (1:120) + rnorm(120, 0, 6)), frequency = 1),
  syn_weekly_mult = ts(round(40 * rep(weekly, length.out = days) * exp(rnorm(days, 0, 0.1)) +
                               0.05 * (1:days)), frequency = 7),
  syn_weekly_add = ts(round(60 + 10 * rep(weekly - 1, length.out = days) * 3 + 0.1 * (1:days) +
                              rnorm(days, 0, 4)), frequency = 7),
  syn_monthly_short = ts(round(200 * rep(c(0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.0, 0.9,
                                           0.8, 0.7), length.out = 30) + rnorm(30, 0, 10)),
                         frequency = 12),
  syn_quarterly_short = ts(round(500 + c(50, -20, -60, 30)[rep(1:4, length.out = 10)] +
                                   rnorm(10, 0, 15)), frequency = 4),
  syn_zeros = ts(pmax(0, round(rnorm(150, 3, 3))), frequency = 7)
)
set.seed(20261201)
more <- list(
  WWWusage = WWWusage,
  airmiles = airmiles,
  BJsales = BJsales,
  nhtemp = nhtemp,
  uspop = ts(as.numeric(uspop)),  # decennial: as a plain series (m = 1)
  sunspot_year = window(sunspot.year, start = 1900),
  UKgas_log = log(UKgas),
  # Edge cases. Fewer than two seasons: no seasonality test.
  edge_monthly_18 = ts(round(100 * rep(c(0.8, 1.2, 1.0), length.out = 18) + rnorm(18, 0, 5)),
                       frequency = 12),
  # n = 2m exactly: still no test (thetaf needs n > 2m).
  edge_quarterly_8 = ts(c(120, 80, 60, 140, 125, 85, 58, 150), frequency = 4),
  # n = 2m + 1, strongly seasonal.
  edge_quarterly_9 = ts(c(120, 80, 60, 140, 125, 85, 58, 150, 130), frequency = 4),
  # Constant series, seasonal period and none.
  edge_constant_m12 = ts(rep(5, 30), frequency = 12),
  edge_constant = ts(rep(7, 12), frequency = 1),
  # Zeros in a seasonal series (multiplicative decomposition of non-positive values).
  edge_zeros_q = ts(pmax(0, round(rnorm(60, 2, 3) + 3 * rep(c(1, 0, -1, 0.5), 15))),
                    frequency = 4),
  # A season of zeros: its index is 0, thetaf warns and uses the non-seasonal method.
  edge_zero_season = ts(c(10, 8, 0, 12, 11, 9, 0, 14, 12, 8, 0, 13, 10, 9, 0, 15, 12, 10, 0, 14),
                        frequency = 4),
  # Negative values with a seasonal period.
  edge_negative_m12 = ts(round(rnorm(48, 0, 1) + 5 * sin(2 * pi * (1:48) / 12), 2),
                         frequency = 12),
  # Short series: ets(ANN) falls back to HoltWintersZZ for n <= 6.
  edge_n7 = ts(c(3, 5, 4, 6, 7, 5, 8)),
  edge_n6_q = ts(c(3, 5, 4, 6, 7, 8), frequency = 4),
  edge_n5 = ts(c(3, 5, 4, 6, 7)),
  edge_n3 = ts(c(10, 12, 11)),
  edge_n2 = ts(c(3, 5))
)
corpus <- c(corpus, more)

series_rows <- character(0)
fit_rows <- character(0)
index_rows <- character(0)
fc_rows <- character(0)
fitted_rows <- character(0)

for (id in names(corpus)) {
  y <- corpus[[id]]
  m <- frequency(y)
  n <- length(y)
  h <- if (m > 1) 2 * m else 10
  series_rows <- c(series_rows, paste(id, m, seq_along(y), num(as.numeric(y)), sep = ","))
  # thetaf's seasonality test, repeated here to record its statistic.
  statistic <- NA
  seasonal <- FALSE
  if (m > 1 && !forecast:::is.constant(y) && n > 2 * m) {
    r <- as.numeric(acf(y, lag.max = m, plot = FALSE)$acf)[-1]
    stat <- sqrt((1 + 2 * sum(r[-m]^2)) / n)
    statistic <- abs(r[m]) / stat
    seasonal <- statistic > qnorm(0.95)
  }
  note <- ""
  if (n <= 6) note <- "hw"
  if (seasonal) {
    decomp <- decompose(y, type = "multiplicative")
    # thetaf then warns and smooths the unadjusted series, but still multiplies the
    # forecasts and fitted values by the indices.
    if (any(abs(decomp$seasonal) < 1e-04)) note <- "zero_index"
    index_rows <- c(index_rows, paste(id, seq_len(m), num(decomp$figure), sep = ","))
  }
  fc <- suppressWarnings(thetaf(y, h = h, level = c(80, 95)))
  fit_rows <- c(fit_rows, paste(id, m, n, h, as.integer(seasonal), num(statistic),
                                num(fc$model$alpha), num(fc$model$drift), num(fc$model$sigma),
                                note, sep = ","))
  fc_rows <- c(fc_rows, paste(id, 1:h, num(as.numeric(fc$mean)), num(fc$lower[, 1]),
                              num(fc$upper[, 1]), num(fc$lower[, 2]), num(fc$upper[, 2]),
                              sep = ","))
  fitted_rows <- c(fitted_rows, paste(id, seq_along(y), num(as.numeric(fc$fitted)), sep = ","))
}

write_csv <- function(name, header, rows) {
  writeLines(c(header, rows), file.path(out_dir, name))
}
write_csv("series.csv", "id,m,t,y", series_rows)
write_csv("fits.csv", "id,m,n,h,seasonal,statistic,alpha,drift,sigma2,note", fit_rows)
write_csv("indices.csv", "id,k,index", index_rows)
write_csv("forecasts.csv", "id,h,mean,lo80,hi80,lo95,hi95", fc_rows)
write_csv("fitted.csv", "id,t,fitted", fitted_rows)
cat("wrote", length(fit_rows), "theta fits to", out_dir, "\n")
