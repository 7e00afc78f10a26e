# Reference values for tests/intermittent/croston_test.cpp, from R's forecast::croston.
#
# Run from the repository root:  Rscript tests/reference/generate_intermittent_fixtures.R
# Writes tests/reference/fixtures/intermittent/{croston_series,croston_fitted,croston_forecast}.csv
#
# forecast 8.20's croston() implements classic Croston only (one alpha smoothing both the
# non-zero sizes and the inter-demand intervals, SES with the first size / first interval as
# initial levels; the first interval counts from the start of the series). The package
# tsintermittent (which has SBA/SBJ) is not installed here, so the SBA and SBJ columns are
# R's croston forecast times (1 - alpha/2) and (1 - alpha/(2 - alpha)) respectively.
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")

out_dir <- file.path("tests", "reference", "fixtures", "intermittent")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

series <- list()
# Synthetic: Bernoulli(0.3) occurrence, sizes 1 + Poisson(3).
set.seed(20261128)
n <- 60
series$bern30 <- ifelse(runif(n) < 0.3, 1 + rpois(n, 3), 0)
# Synthetic, lumpy, 180 periods (a daily half-year), starts with 7 zeros.
set.seed(42)
n <- 180
lumpy <- ifelse(runif(n) < 0.15, round(rgamma(n, shape = 0.8, scale = 20)) + 1, 0)
lumpy[1:7] <- 0
series$lumpy180 <- lumpy
# Synthetic, frequent demand (no zeros at all): ADI = 1.
set.seed(7)
series$smooth40 <- 5 + rpois(40, 10)
# Small hand-checkable series.
series$small <- c(0, 2, 0, 0, 4, 0, 1, 0, 0, 3)
series$two_demands <- c(0, 0, 5, 0, 0, 0, 2, 0)
series$single_demand <- c(0, 0, 0, 6, 0, 0)

alphas <- c(0.1, 0.3)
rows_series <- list()
rows_fitted <- list()
rows_fc <- list()
for (name in names(series)) {
  y <- series[[name]]
  rows_series[[name]] <- data.frame(series = name, t = seq_along(y), y = y)
  for (a in alphas) {
    fit <- croston(y, h = 5, alpha = a)
    fitted <- as.numeric(fit$fitted)
    rows_fitted[[paste(name, a)]] <- data.frame(series = name, alpha = a, t = seq_along(y),
                                                fitted = fitted)
    m <- as.numeric(fit$mean)
    rows_fc[[paste(name, a)]] <- data.frame(series = name, alpha = a, h = seq_along(m),
                                            classic = m, sba = m * (1 - a / 2),
                                            sbj = m * (1 - a / (2 - a)))
  }
}
fmt <- function(df) {
  for (col in names(df)) if (is.double(df[[col]])) df[[col]] <- sprintf("%.17g", df[[col]])
  df
}
write.csv(fmt(do.call(rbind, rows_series)), file.path(out_dir, "croston_series.csv"),
          row.names = FALSE, quote = FALSE)
write.csv(fmt(do.call(rbind, rows_fitted)), file.path(out_dir, "croston_fitted.csv"),
          row.names = FALSE, quote = FALSE)
write.csv(fmt(do.call(rbind, rows_fc)), file.path(out_dir, "croston_forecast.csv"),
          row.names = FALSE, quote = FALSE)
