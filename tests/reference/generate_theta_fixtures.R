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

source(file.path("tests", "reference", "corpus.R"))  # num(), write_rows(), theta_corpus()
# The ETS corpus (same seed and order: the synthetic series are the same), then more yearly and
# non-seasonal series and the edge cases.
corpus <- theta_corpus()

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

write_csv <- function(name, header, rows) write_rows(out_dir, name, header, rows)
write_csv("series.csv", "id,m,t,y", series_rows)
write_csv("fits.csv", "id,m,n,h,seasonal,statistic,alpha,drift,sigma2,note", fit_rows)
write_csv("indices.csv", "id,k,index", index_rows)
write_csv("forecasts.csv", "id,h,mean,lo80,hi80,lo95,hi95", fc_rows)
write_csv("fitted.csv", "id,t,fitted", fitted_rows)
cat("wrote", length(fit_rows), "theta fits to", out_dir, "\n")
