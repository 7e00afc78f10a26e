# Does the optimised Theta model measure better than the standard Theta method on our corpus?
# (issue 20: ship the optimised Theta only if it does.) Point accuracy on the same hold-outs as
# tests/reference/generate_combination_evidence.R (corpus, hold-out lengths and scores from
# tests/reference/corpus.R). Run from the repository root:
#   Rscript tests/reference/optimised_theta_evidence.R
# Methods:
#   THETA  forecast::thetaf (what the library ships, R parity)
#   STM    the standard Theta model in state-space form, theta fixed at 2 (a check of the
#          implementation below: it must score close to THETA)
#   OTM    the optimised Theta model: theta >= 1 fitted as well
# STM and OTM follow Fiorucci, Pellegrini, Louzada, Petropoulos and Koehler (2016), "Models for
# optimising the theta method and their relationship to state space models", IJF 32(4): with
# A_n, B_n the intercept and slope of the least-squares line of the (seasonally adjusted)
# series on t = 1..n,
#   mu_t = l_{t-1} + (1 - 1/theta) ((1 - alpha)^(t-1) A_n + (1 - (1 - alpha)^t) / alpha B_n)
#   l_t  = alpha y_t + (1 - alpha) l_{t-1}
#   yhat_{n+h} = l_n + (1 - 1/theta) ((1 - alpha)^n A_n + (h - 1 + (1 - (1 - alpha)^(n+1)) / alpha) B_n)
# l_0, alpha in [0.1, 0.99] and theta (OTM only) fitted by least squares of the one-step errors
# (L-BFGS-B from l_0 = y_1 / 2, alpha = 0.5, theta = 2). Seasonality as thetaf decides it (ACF
# at lag m, 90 %), classical multiplicative decomposition, reseasonalised by the last m indices.
# Prints the mean sMAPE and MASE per method and how many series OTM improves on THETA.
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")
source(file.path("tests", "reference", "corpus.R"))  # theta_corpus(), holdout(), score()

theta_model_forecast <- function(x, h, fit_theta) {
  n <- length(x)
  t <- seq_len(n)
  B <- 6 / (n^2 - 1) * (2 / n * sum(t * x) - (1 + n) * mean(x))
  A <- mean(x) - (n + 1) / 2 * B
  run <- function(p) {
    l <- p[1]
    a <- p[2]
    th <- if (fit_theta) p[3] else 2
    sse <- 0
    for (i in t) {
      mu <- l + (1 - 1 / th) * ((1 - a)^(i - 1) * A + (1 - (1 - a)^i) / a * B)
      sse <- sse + (x[i] - mu)^2
      l <- a * x[i] + (1 - a) * l
    }
    list(mse = sse / n, level = l, alpha = a, theta = th)
  }
  start <- c(x[1] / 2, 0.5, if (fit_theta) 2)
  lower <- c(-1e10, 0.1, if (fit_theta) 1)
  upper <- c(1e10, 0.99, if (fit_theta) 1e10)
  p <- optim(start, function(p) run(p)$mse, method = "L-BFGS-B", lower = lower,
             upper = upper)$par
  s <- run(p)
  a <- s$alpha
  s$level + (1 - 1 / s$theta) *
    ((1 - a)^n * A + ((seq_len(h) - 1) + (1 - (1 - a)^(n + 1)) / a) * B)
}

seasonal_theta_forecast <- function(y, h, fit_theta) {
  n <- length(y)
  m <- frequency(y)
  seasonal <- FALSE
  if (m > 1 && !is.constant(y) && n > 2 * m) {
    r <- as.numeric(acf(y, lag.max = m, plot = FALSE)$acf)[-1]
    seasonal <- abs(r[m]) / sqrt((1 + 2 * sum(r[-m]^2)) / n) > qnorm(0.95)
  }
  x <- as.numeric(y)
  index <- rep(1, h)
  if (seasonal) {
    decomp <- decompose(y, type = "multiplicative")
    if (all(abs(seasonal(decomp)) >= 1e-4)) {
      x <- as.numeric(seasadj(decomp))
      index <- rep(tail(decomp$seasonal, m), trunc(1 + h / m))[1:h]
    }
  }
  theta_model_forecast(x, h, fit_theta) * index
}

corpus <- theta_corpus()
table <- NULL
for (id in names(corpus)) {
  if (startsWith(id, "edge_")) next
  split <- holdout_split(corpus[[id]])
  if (is.null(split)) next
  train <- split$train
  test <- split$test
  m <- frequency(train)
  h <- length(test)
  n_train <- length(train)
  forecasts <- list(THETA = as.numeric(thetaf(train, h = h)$mean),
                    STM = seasonal_theta_forecast(train, h, fit_theta = FALSE),
                    OTM = seasonal_theta_forecast(train, h, fit_theta = TRUE))
  for (method in names(forecasts)) {
    f <- forecasts[[method]]
    s <- score(train, test, f, f, f, f, f)[c("smape", "mase")]
    table <- rbind(table, data.frame(id = id, method = method, t(s)))
  }
}
cat("series:", length(unique(table$id)), "\n")
print(aggregate(cbind(smape, mase) ~ method, data = table, FUN = mean), digits = 4,
      row.names = FALSE)
wide <- reshape(table, idvar = "id", timevar = "method", direction = "wide")
cat("OTM better than THETA (sMAPE):", sum(wide$smape.OTM < wide$smape.THETA), "of", nrow(wide),
    "\n")
