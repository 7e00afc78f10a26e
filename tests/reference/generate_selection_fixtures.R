# Reference values for tests/selection/*_test.cpp, from R's forecast package (meanf, naive)
# and R's own qt / qnorm.
#
# Run from the repository root:  Rscript tests/reference/generate_selection_fixtures.R
# Writes tests/reference/fixtures/selection/{benchmark_series,benchmark_forecasts,
# quantiles}.csv
#
# benchmark_forecasts.csv holds R's raw bounds (not truncated at zero); the tests apply
# max(0, bound) themselves, the library's documented truncation.
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")

out_dir <- file.path("tests", "reference", "fixtures", "selection")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

series <- list()
# Monthly-like demand with all bounds positive.
series$short12 <- c(23, 25, 22, 28, 30, 27, 26, 31, 29, 33, 30, 32)
# Volatile demand: lower bounds fall below zero and are truncated.
series$volatile10 <- c(5, 0, 12, 3, 0, 9, 1, 15, 0, 4)
# The shortest series both methods accept (n = 2: t with 1 degree of freedom).
series$two <- c(4, 6)
# A level shift, 15 values.
series$shift15 <- c(10, 11, 9, 12, 10, 20, 21, 19, 22, 20, 21, 23, 18, 20, 22)
# Synthetic daily demand, 60 values.
set.seed(20261128)
series$daily60 <- round(50 + 10 * sin(2 * pi * (1:60) / 7) + rnorm(60, 0, 6), 1)

h <- 6
levels <- c(80, 95)
rows_series <- list()
rows_fc <- list()
for (name in names(series)) {
  y <- series[[name]]
  rows_series[[name]] <- data.frame(series = name, t = seq_along(y), y = y)
  fits <- list(MEAN = meanf(y, h = h, level = levels), NAIVE = naive(y, h = h, level = levels))
  for (method in names(fits)) {
    f <- fits[[method]]
    rows_fc[[paste(name, method)]] <- data.frame(
      series = name, method = method, h = 1:h, mean = as.numeric(f$mean),
      lower_80 = as.numeric(f$lower[, 1]), upper_80 = as.numeric(f$upper[, 1]),
      lower_95 = as.numeric(f$lower[, 2]), upper_95 = as.numeric(f$upper[, 2]))
  }
}

# Quantiles of Student's t (meanf's intervals) and of the normal.
grid <- expand.grid(p = c(0.6, 0.9, 0.975, 0.995, 0.9995),
                    df = c(1, 2, 3, 4, 5, 9, 10, 29, 30, 99, 100, 1000, 12345))
quantiles <- data.frame(p = grid$p, df = grid$df, qt = qt(grid$p, grid$df),
                        qnorm = qnorm(grid$p))

fmt <- function(df) {
  for (col in names(df)) if (is.double(df[[col]])) df[[col]] <- sprintf("%.17g", df[[col]])
  df
}
write.csv(fmt(do.call(rbind, rows_series)), file.path(out_dir, "benchmark_series.csv"),
          row.names = FALSE, quote = FALSE)
write.csv(fmt(do.call(rbind, rows_fc)), file.path(out_dir, "benchmark_forecasts.csv"),
          row.names = FALSE, quote = FALSE)
write.csv(fmt(quantiles), file.path(out_dir, "quantiles.csv"), row.names = FALSE, quote = FALSE)

# Expected output of `invforecast forecast examples/tools/testdata/dates.csv --model MEAN
# --horizon 3` (examples/CMakeLists.txt): the dated rows with missing days as zero demand,
# A = 4 0 8 6 (2024-01-02 missing), B = 10 12 0 0 9; R's meanf, lower bounds truncated at 0.
cli <- list(A = c(4, 0, 8, 6), B = c(10, 12, 0, 0, 9))
rows_cli <- list()
for (id in names(cli)) {
  f <- meanf(cli[[id]], h = 3, level = levels)
  rows_cli[[id]] <- data.frame(series_id = id, h = 1:3, mean = as.numeric(f$mean),
                               lower_80 = pmax(0, as.numeric(f$lower[, 1])),
                               upper_80 = as.numeric(f$upper[, 1]),
                               lower_95 = pmax(0, as.numeric(f$lower[, 2])),
                               upper_95 = as.numeric(f$upper[, 2]))
}
write.csv(fmt(do.call(rbind, rows_cli)), file.path(out_dir, "cli_dates_mean.csv"),
          row.names = FALSE, quote = FALSE)
