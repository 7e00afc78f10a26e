# Generates the optimised Theta model's reference fixtures in
# tests/reference/fixtures/optimised_theta/ with the R reference implementation
# tests/reference/optimised_theta.R (optim's Nelder-Mead; R 4.2, forecast 8.20 for thetaf's
# seasonality test and decompose()). The series are those of tests/reference/fixtures/theta/
# series.csv (theta_corpus() of tests/reference/corpus.R); series with fewer than 4 values are
# left out (the model fits three parameters). h: 2m for seasonal periods, 10 otherwise; levels
# 80 and 95. Run from the repository root:
#   Rscript tests/reference/generate_optimised_theta_fixtures.R
# Files (CSV, numbers with 17 significant digits, bounds not truncated):
#   fits.csv       id, m, n, h, seasonal, statistic, alpha, theta, l0, intercept, slope, level,
#                  mse, sigma2, evaluations, converged, note
#                  seasonal: 1 when adjusted and reseasonalised; statistic: thetaf's test
#                  statistic (NA when not run); level: l_n; note: "index" when the test found
#                  seasonality but an index was below 1e-4 or not finite
#   indices.csv    id, k, index   decompose()$figure (seasonal fits only)
#   forecasts.csv  id, h, mean, lo80, hi80, lo95, hi95
#   fitted.csv     id, t, fitted  one-step predictions, reseasonalised
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")
source(file.path("tests", "reference", "corpus.R"))  # num(), write_rows(), theta_corpus()
source(file.path("tests", "reference", "optimised_theta.R"))  # otm_forecast()

out_dir <- file.path("tests", "reference", "fixtures", "optimised_theta")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

corpus <- theta_corpus()
fit_rows <- character(0)
index_rows <- character(0)
fc_rows <- character(0)
fitted_rows <- character(0)
for (id in names(corpus)) {
  y <- corpus[[id]]
  m <- frequency(y)
  n <- length(y)
  if (n < 4) next
  h <- if (m > 1) 2 * m else 10
  fc <- otm_forecast(y, h)
  f <- fc$fit
  s <- fc$season
  note <- if (s$seasonal && !s$used) "index" else ""
  fit_rows <- c(fit_rows, paste(id, m, n, h, as.integer(s$used), num(s$statistic), num(f$alpha),
                                num(f$theta), num(f$l0), num(f$A), num(f$B), num(f$level),
                                num(f$mse), num(f$sigma2), f$evaluations,
                                as.integer(f$convergence == 0), note, sep = ","))
  if (s$used) index_rows <- c(index_rows, paste(id, seq_len(m), num(s$figure), sep = ","))
  fc_rows <- c(fc_rows, paste(id, seq_len(h), num(fc$mean), num(fc$lower[, 1]),
                              num(fc$upper[, 1]), num(fc$lower[, 2]), num(fc$upper[, 2]),
                              sep = ","))
  fitted_rows <- c(fitted_rows, paste(id, seq_len(n), num(fc$fitted), sep = ","))
}
write_csv <- function(name, header, rows) write_rows(out_dir, name, header, rows)
write_csv("fits.csv", paste0("id,m,n,h,seasonal,statistic,alpha,theta,l0,intercept,slope,level,",
                             "mse,sigma2,evaluations,converged,note"), fit_rows)
write_csv("indices.csv", "id,k,index", index_rows)
write_csv("forecasts.csv", "id,h,mean,lo80,hi80,lo95,hi95", fc_rows)
write_csv("fitted.csv", "id,t,fitted", fitted_rows)
cat("wrote", length(fit_rows), "optimised Theta fits to", out_dir, "\n")
