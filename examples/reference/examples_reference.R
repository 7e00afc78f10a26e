# Reference values of the numbered examples' checks (examples/expected.cmake), computed with R
# and the forecast package independently of invforecast:
#   Rscript examples/reference/examples_reference.R
# Prints the values the checks look for; they are copied by hand into examples/expected.cmake
# (rounded as the examples print them).
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
data_dir <- file.path(here, "..", "data")

cat("== 01_quick_start: ets() on 30 days of demand, 7-day forecast, 80/95 % intervals\n")
y <- c(38,54,36,48,44,50,40,39,45,27,43,32,42,45,38,40,57,38,35,50,48,47,36,36,34,40,34,49,36,49)
fit <- ets(y)
fc <- forecast(fit, h = 7, level = c(80, 95))
cat(fit$method, "\n")
print(round(data.frame(mean = fc$mean[1], lo80 = fc$lower[1, 1], hi80 = fc$upper[1, 1],
                       lo95 = fc$lower[1, 2], hi95 = fc$upper[1, 2]), 4))

cat("== 02_model_choice_backtest: FILTER-HX, 2026-07-04 .. 2026-10-31 (120 days, zero-filled)\n")
d <- read.csv(file.path(data_dir, "demand.csv"), stringsAsFactors = FALSE)
d <- d[d$material == "FILTER-HX", ]
days <- seq(as.Date("2026-07-04"), as.Date("2026-10-31"), by = "day")
y <- ifelse(days %in% as.Date(d$date), d$quantity[match(days, as.Date(d$date))], 0)
n <- length(y); h <- 7
ends <- n - h - 7 * (3:0)   # four origins, one per week, the last ends h days before the end
score <- function(f) {      # f(train) -> h forecasts; pooled MAE and RMSE over origins and steps
  e <- unlist(lapply(ends, function(o) y[(o + 1):(o + h)] - f(y[1:o])))
  c(mae = mean(abs(e)), rmse = sqrt(mean(e^2)))
}
print(round(rbind(
  naive = score(function(t) rep(tail(t, 1), h)),
  mean = score(function(t) rep(mean(t), h)),
  ma7 = score(function(t) rep(mean(tail(t, 7)), h)),
  snaive = score(function(t) tail(t, 7)[1:h]),
  ets_ANA = score(function(t) forecast(ets(ts(t, frequency = 7), model = "ANA"), h = h)$mean),
  ets_ANN = score(function(t) forecast(ets(t, model = "ANN"), h = h)$mean)), 3))

cat("== 03_safety_stock_methods: d = 20/day, sd 5, L = 9 days, sd_L 2, 95 %\n")
z <- qnorm(0.95)
cat("z", round(z, 4), "\n")
cat("demand_variability", round(z * 5 * sqrt(9), 2), "\n")
cat("lead_time_variability", round(z * 20 * 2, 2), "\n")
cat("combined", round(z * sqrt(9 * 25 + 400 * 4), 2), "\n")
# Fill rate 99 % with Q = 400: k solves G(k) = Q (1 - beta) / sigma_LTD, sigma_LTD = 5 sqrt(9).
G <- function(k) dnorm(k) - k * (1 - pnorm(k))
k <- uniroot(function(k) G(k) - 400 * 0.01 / 15, c(-5, 5), tol = 1e-12)$root
cat("fill_rate k", round(k, 4), "SS", round(k * 15, 2), "\n")
# Forecast model: SES alpha = 0.2, sigma = 5: Var(sum of L = 9 days) = sigma^2 sum (1 + (h-1) alpha)^2.
v <- 25 * sum((1 + (0:8) * 0.2)^2)
cat("forecast_model var", v, "SS", round(z * sqrt(v), 2), "\n")
ltd <- c(150, 171, 190, 162, 205, 158, 183, 176, 199, 168, 230, 181)
cat("empirical q95 (type 1)", quantile(ltd, 0.95, type = 1), "mean", mean(ltd),
    "SS", round(quantile(ltd, 0.95, type = 1) - mean(ltd), 2), "\n")
# Forecast model from a fitted SES (alpha fixed at 0.2) on the quick-start series, L = 9.
y <- c(38,54,36,48,44,50,40,39,45,27,43,32,42,45,38,40,57,38,35,50,48,47,36,36,34,40,34,49,36,49)
f <- ets(y, model = "ANN", alpha = 0.2)
v <- f$sigma2 * sum((1 + (0:8) * 0.2)^2)
cat("forecast_model (SES alpha 0.2) sigma2", round(f$sigma2, 4), "LTD mean", round(9 * f$states[31, 1], 2),
    "SS", round(qnorm(0.95) * sqrt(v), 2), "\n")
