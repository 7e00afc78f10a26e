# Writes the R reference values for tests/metrics/scaled_metrics_test.cpp and point_metrics_test.cpp.
#
#   Rscript tests/reference/generate_accuracy_fixtures.R      (from the repository root)
#
# For each case a model is fitted on the training part of a series, forecast h steps ahead and
# compared with the held-out test part by forecast::accuracy(f, test). R's accuracy() uses the
# stored sign convention (error = actual - forecast, ME = mean error); its MASE scale is the
# mean absolute seasonal (lag m = frequency) difference of the TRAINING data (m = 1: first
# differences). No case has a zero actual in the test part: R's MAPE would be Inf there.
#
# Output (tests/reference/fixtures/accuracy/):
#   r_accuracy_cases.csv   case,m,ME,RMSE,MAE,MAPE,MASE      (17 significant digits)
#   r_accuracy_values.csv  case,kind,index,value             kind in train, actual, forecast
suppressPackageStartupMessages(library(forecast))

out_dir <- file.path("tests", "reference", "fixtures", "accuracy")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

fmt <- function(x) sprintf("%.17g", x)

cases <- list()
values <- list()

add_case <- function(name, y, n_train, fit_fun) {
  train <- window(y, end = time(y)[n_train])
  test <- window(y, start = time(y)[n_train + 1])
  h <- length(test)
  f <- fit_fun(train, h)
  a <- accuracy(f, test)
  stopifnot(all(test != 0))
  m <- frequency(y)
  cases[[length(cases) + 1]] <<- data.frame(
    case = name, m = m,
    ME = fmt(a["Test set", "ME"]), RMSE = fmt(a["Test set", "RMSE"]),
    MAE = fmt(a["Test set", "MAE"]), MAPE = fmt(a["Test set", "MAPE"]),
    MASE = fmt(a["Test set", "MASE"]))
  values[[length(values) + 1]] <<- rbind(
    data.frame(case = name, kind = "train", index = seq_along(train), value = fmt(as.numeric(train))),
    data.frame(case = name, kind = "actual", index = seq_along(test), value = fmt(as.numeric(test))),
    data.frame(case = name, kind = "forecast", index = seq_len(h), value = fmt(as.numeric(f$mean))))
}

# Monthly airline passengers, multiplicative season: ETS on 1949-1958, test 1959-1960.
add_case("airpassengers_ets", AirPassengers, 120, function(x, h) forecast(ets(x), h = h))
# Monthly US accidental deaths: seasonal naive on 1973-1977, test 1978.
add_case("usaccdeaths_snaive", USAccDeaths, 60, function(x, h) snaive(x, h = h))
# Internet usage per minute (m = 1): naive on the first 80, test the last 20.
add_case("wwwusage_naive", WWWusage, 80, function(x, h) naive(x, h = h))
# Quarterly UK gas consumption: ETS, last 8 quarters held out.
add_case("ukgas_ets", UKgas, 100, function(x, h) forecast(ets(x), h = h))
# Synthetic daily demand with a weekly pattern (m = 7): mean forecast.
set.seed(20261128)
daily <- ts(round(50 + 10 * sin(2 * pi * (1:140) / 7) + rnorm(140, sd = 6), 1) + 5, frequency = 7)
add_case("synthetic_daily_meanf", daily, 126, function(x, h) meanf(x, h = h))
# Synthetic non-seasonal demand (m = 1): simple exponential smoothing.
set.seed(7)
walk <- ts(100 + cumsum(rnorm(60, sd = 3)))
add_case("synthetic_walk_ses", walk, 48, function(x, h) ses(x, h = h))

write.csv(do.call(rbind, cases), file.path(out_dir, "r_accuracy_cases.csv"), row.names = FALSE,
          quote = FALSE)
write.csv(do.call(rbind, values), file.path(out_dir, "r_accuracy_values.csv"), row.names = FALSE,
          quote = FALSE)
cat("wrote", length(cases), "cases to", out_dir, "\n")
