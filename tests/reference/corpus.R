# The reference corpus shared by the ETS, Theta and combination scripts of tests/reference/
# (sourced from the repository root: source(file.path("tests", "reference", "corpus.R"))),
# and their one number format. The synthetic series are drawn with fixed seeds, so every
# script sees the same values.

# 17 significant digits (reads back as the same double); NA as "NA".
num <- function(x) ifelse(is.na(x), "NA", formatC(x, digits = 17, format = "g"))

# Writes header + rows to out_dir/name.
write_rows <- function(out_dir, name, header, rows) {
  writeLines(c(header, rows), file.path(out_dir, name))
}

# The ETS corpus: 15 series of R's datasets and the forecast package, 7 synthetic demand
# series (seed 20261128).
# Forecast rows "id,model,h,mean,lo80,hi80,lo95,hi95" of an ets model over h steps. comp: the
# form's components (fit$components); bounds NA for the forms whose intervals R simulates
# (classes 0 and 3), which the C++ tests check in other ways.
ets_forecast_rows <- function(model, comp, id, label, h) {
  simulated <- !((comp[2] != "M") && (comp[1] == "A" && comp[3] != "M" ||
                                       comp[1] == "M" && comp[3] != "M" ||
                                       comp[1] == "M" && comp[3] == "M"))
  fc <- forecast(model, h = h, level = c(80, 95))
  if (simulated) {
    lo80 <- hi80 <- lo95 <- hi95 <- rep(NA, h)
  } else {
    lo80 <- fc$lower[, 1]; hi80 <- fc$upper[, 1]
    lo95 <- fc$lower[, 2]; hi95 <- fc$upper[, 2]
  }
  paste(id, label, 1:h, num(as.numeric(fc$mean)), num(lo80), num(hi80), num(lo95), num(hi95),
        sep = ",")
}

ets_corpus <- function() {
  set.seed(20261128)
  days <- 180
  weekly <- c(1.3, 1.2, 1.1, 1.0, 0.9, 0.6, 0.9)
  list(
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
}

# The Theta corpus: the ETS corpus, then more yearly and non-seasonal series of R's datasets
# and the edge cases (names "edge_*"; seed 20261201).
theta_corpus <- function() {
  corpus <- ets_corpus()
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
    edge_zero_season = ts(c(10, 8, 0, 12, 11, 9, 0, 14, 12, 8, 0, 13, 10, 9, 0, 15, 12, 10, 0,
                            14), frequency = 4),
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
  c(corpus, more)
}

# The hold-out length of the accuracy evidence scripts: 18 monthly, 8 quarterly, 14 weekly
# (m = 7), 6 otherwise.
holdout <- function(m) if (m == 12) 18 else if (m == 4) 8 else if (m == 7) 14 else 6

# Hold-out scores of one forecast: sMAPE (mean of 200 |y - f| / (|y| + |f|)), MASE (scale:
# mean |train_t - train_{t-m}|, R's accuracy() with m = frequency) and the share of held-out
# values inside the 80 % / 95 % intervals (NA bounds give NA coverage).
score <- function(train, test, mean, lo80, hi80, lo95, hi95) {
  m <- frequency(train)
  scale <- mean(abs(diff(as.numeric(train), lag = m)))
  y <- as.numeric(test)
  c(smape = mean(200 * abs(y - mean) / (abs(y) + abs(mean))),
    mase = mean(abs(y - mean)) / scale,
    cover80 = mean(y >= lo80 & y <= hi80),
    cover95 = mean(y >= lo95 & y <= hi95))
}

# The hold-out split of a corpus series for the accuracy evidence scripts: list(train (a ts of
# the series' frequency), test (numeric)), or NULL when fewer than max(3m, 12) values would
# remain for training.
holdout_split <- function(y) {
  m <- frequency(y)
  n_train <- length(y) - holdout(m)
  if (n_train < max(3 * m, 12)) return(NULL)
  list(train = ts(as.numeric(y)[1:n_train], frequency = m),
       test = as.numeric(y)[(n_train + 1):length(y)])
}
