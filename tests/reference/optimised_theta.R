# The optimised Theta model (OTM) of Fiorucci, Pellegrini, Louzada, Petropoulos and Koehler
# (2016), "Models for optimising the theta method and their relationship to state space
# models", International Journal of Forecasting 32(4), 1151-1161, as the library computes it
# (include/invforecast/smoothing/optimised_theta.hpp): the reference of
# tests/reference/optimised_theta_evidence.R, generate_optimised_theta_fixtures.R and
# generate_combination_evidence.R. Sourced from the repository root:
#   source(file.path("tests", "reference", "optimised_theta.R"))
#
# With A_n, B_n the intercept and slope of the least-squares line of the (seasonally adjusted)
# series x on t = 1..n and k = 1 - 1/theta:
#   mu_t = l_{t-1} + k ((1 - alpha)^(t-1) A_n + (1 - (1 - alpha)^t) / alpha B_n)
#   l_t  = alpha x_t + (1 - alpha) l_{t-1}
#   xhat_{n+h} = l_n + k ((1 - alpha)^n A_n + (h - 1 + (1 - (1 - alpha)^(n+1)) / alpha) B_n)
# (l_0, alpha, theta) minimise the mean squared one-step error (1/n) sum (x_t - mu_t)^2 over
# alpha in [0.1, 0.99] and theta >= 1 (Fiorucci et al.'s region). The optimiser is R's
# optim(method = "Nelder-Mead") (the library has an exact port of it), maxit = 2000
# evaluations, default reltol: the objective is +Inf outside the region (optim's Nelder-Mead
# counts non-finite values as 1e35, as R's ets does for its bounds), and l_0 is searched as
# l_0 = u s with s = mean |x| (1 when 0), so that the initial simplex (10 % of the largest
# |parameter|) has steps of the parameters' own scale. Start: u = (x_1 / 2) / s (l_0 = x_1 / 2),
# alpha = 0.5, theta = 2 (Fiorucci et al.'s and statsforecast's start values).
# Every sum is an explicit double loop in the order the C++ uses, so that the objective values
# are the C++'s bit for bit and both Nelder-Mead searches take the same path.
#
# Prediction intervals: the model is y_t = mu_t + e_t with l_t = l_{t-1} + alpha (y_t - l_{t-1}),
# so y_{n+h} - xhat_{n+h} = e_{n+h} + alpha (e_{n+1} + ... + e_{n+h-1}) with variance
# sigma^2 (1 + (h - 1) alpha^2), sigma^2 = SSE / (n - 3) (R's ets rule: n minus the fitted
# parameters). Bounds xhat +- z sigma sqrt(1 + (h - 1) alpha^2) on the adjusted scale, then
# reseasonalised (multiplied by the index of step h) with the point forecast.
#
# Seasonality as thetaf decides it (ACF at lag m, 90 %), R's decompose(y, "multiplicative");
# the forecasts are multiplied by the last m indices. When an index is below 1e-4 in absolute
# value or not finite, the series is neither adjusted nor reseasonalised.

# The least-squares line (intercept, slope) of x on t = 1..n: the library's detail::ls_line
# (centred sums, two passes).
otm_line <- function(x) {
  n <- length(x)
  sx <- 0
  sy <- 0
  for (i in seq_len(n)) {
    sx <- sx + i
    sy <- sy + x[i]
  }
  mx <- sx / n
  my <- sy / n
  sxy <- 0
  sxx <- 0
  for (i in seq_len(n)) {
    dx <- i - mx
    sxy <- sxy + dx * (x[i] - my)
    sxx <- sxx + dx * dx
  }
  slope <- if (sxx > 0) sxy / sxx else 0
  c(my - slope * mx, slope)
}

# One pass of the model: SSE, final level, one-step predictions mu and (1 - alpha)^n.
otm_pass <- function(x, A, B, l, a, th) {
  n <- length(x)
  k <- 1 - 1 / th
  b <- 1 - a
  decay <- 1  # (1 - alpha)^(t - 1)
  sse <- 0
  mu <- numeric(n)
  for (i in seq_len(n)) {
    mu[i] <- l + k * (decay * A + (1 - decay * b) / a * B)
    e <- x[i] - mu[i]
    sse <- sse + e * e
    l <- a * x[i] + b * l
    decay <- decay * b
  }
  list(sse = sse, level = l, mu = mu, decay = decay)
}

# Fits the OTM (fit_theta = FALSE: theta fixed at 2, the standard Theta model in state-space
# form, a check) to x (a plain numeric vector, already adjusted).
otm_fit_adjusted <- function(x, fit_theta = TRUE) {
  n <- length(x)
  line <- otm_line(x)
  A <- line[1]
  B <- line[2]
  s <- 0
  for (i in seq_len(n)) s <- s + abs(x[i])
  s <- s / n
  if (s == 0) s <- 1
  objective <- function(p) {
    a <- p[2]
    th <- if (fit_theta) p[3] else 2
    if (a < 0.1 || a > 0.99 || th < 1) return(Inf)
    otm_pass(x, A, B, p[1] * s, a, th)$sse / n
  }
  start <- c(x[1] / 2 / s, 0.5, if (fit_theta) 2)
  o <- optim(start, objective, method = "Nelder-Mead", control = list(maxit = 2000))
  p <- o$par
  th <- if (fit_theta) p[3] else 2
  l0 <- p[1] * s
  pass <- otm_pass(x, A, B, l0, p[2], th)
  list(l0 = l0, alpha = p[2], theta = th, A = A, B = B, level = pass$level, decay = pass$decay,
       mu = pass$mu, mse = pass$sse / n, sigma2 = pass$sse / (n - 3), n = n,
       evaluations = o$counts[["function"]], convergence = o$convergence)
}

# thetaf's seasonality test and decomposition; list(seasonal, adjusted series x, indices of
# the observations (length n, 1 when not seasonal), statistic (NA when the test is not run)).
otm_season <- function(y) {
  n <- length(y)
  m <- frequency(y)
  statistic <- NA
  seasonal <- FALSE
  if (m > 1 && !forecast:::is.constant(y) && n > 2 * m) {
    r <- as.numeric(acf(y, lag.max = m, plot = FALSE)$acf)[-1]
    statistic <- abs(r[m]) / sqrt((1 + 2 * sum(r[-m]^2)) / n)
    seasonal <- statistic > qnorm(0.95)
  }
  x <- as.numeric(y)
  index <- rep(1, n)
  figure <- NULL
  used <- FALSE
  if (seasonal) {
    decomp <- decompose(y, type = "multiplicative")
    figure <- decomp$figure
    si <- as.numeric(decomp$seasonal)
    if (isTRUE(all(is.finite(si) & abs(si) >= 1e-4))) {
      x <- as.numeric(y) / si
      index <- si
      used <- TRUE
    }
  }
  list(seasonal = seasonal, used = used, x = x, index = index, figure = figure,
       statistic = statistic, m = m)
}

# The OTM forecast of y (a ts) for steps 1..h with intervals at `level` (percent):
# list(fit, season, mean, lower, upper (h x length(level) matrices), fitted).
otm_forecast <- function(y, h, level = c(80, 95), fit_theta = TRUE) {
  season <- otm_season(y)
  fit <- otm_fit_adjusted(season$x, fit_theta)
  n <- fit$n
  m <- season$m
  steps <- seq_len(h)
  k <- 1 - 1 / fit$theta
  a <- fit$alpha
  mean_adj <- fit$level + k * (fit$decay * fit$A + ((steps - 1) + (1 - fit$decay * (1 - a)) / a) *
                                 fit$B)
  index <- if (season$used) season$index[n - m + ((steps - 1) %% m) + 1] else rep(1, h)
  sd <- sqrt(fit$sigma2 * (1 + (steps - 1) * a * a))
  lower <- upper <- matrix(NA_real_, h, length(level))
  for (j in seq_along(level)) {
    z <- qnorm(0.5 + level[j] / 200)
    lower[, j] <- (mean_adj - z * sd) * index
    upper[, j] <- (mean_adj + z * sd) * index
  }
  list(fit = fit, season = season, mean = mean_adj * index, lower = lower, upper = upper,
       fitted = fit$mu * season$index)
}
