# Does the optimised Theta model measure better than the standard Theta method on our corpus?
# (issue 20: ship the optimised Theta only if it does.) Accuracy on the same hold-outs as
# tests/reference/generate_combination_evidence.R (corpus, hold-out lengths and scores from
# tests/reference/corpus.R). Run from the repository root:
#   Rscript tests/reference/optimised_theta_evidence.R
# Methods:
#   THETA  forecast::thetaf (the library's THETA, R parity)
#   STM    the standard Theta model in state-space form, theta fixed at 2 (a check of the
#          implementation: it must score close to THETA)
#   OTM    the optimised Theta model, theta >= 1 fitted as well (the library's OTM)
# STM and OTM are tests/reference/optimised_theta.R (Fiorucci et al. 2016; l_0, alpha in
# [0.1, 0.99] and, for OTM, theta fitted by least squares of the one-step errors with optim's
# Nelder-Mead, the objective +Inf outside the region; intervals sigma^2 (1 + (h - 1) alpha^2)
# on the adjusted scale, reseasonalised). Seasonality as thetaf decides it.
# Prints the mean sMAPE, MASE and 80 % / 95 % coverage per method and on how many series OTM
# improves on THETA.
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")
source(file.path("tests", "reference", "corpus.R"))  # theta_corpus(), holdout_split(), score()
source(file.path("tests", "reference", "optimised_theta.R"))  # otm_forecast()

corpus <- theta_corpus()
table <- NULL
for (id in names(corpus)) {
  if (startsWith(id, "edge_")) next
  split <- holdout_split(corpus[[id]])
  if (is.null(split)) next
  train <- split$train
  test <- split$test
  h <- length(test)
  ft <- thetaf(train, h = h, level = c(80, 95))
  forecasts <- list(THETA = list(mean = as.numeric(ft$mean), lower = ft$lower, upper = ft$upper),
                    STM = otm_forecast(train, h, fit_theta = FALSE),
                    OTM = otm_forecast(train, h, fit_theta = TRUE))
  for (method in names(forecasts)) {
    f <- forecasts[[method]]
    s <- score(train, test, f$mean, f$lower[, 1], f$upper[, 1], f$lower[, 2], f$upper[, 2])
    table <- rbind(table, data.frame(id = id, method = method, t(s)))
  }
}
cat("series:", length(unique(table$id)), "\n")
print(aggregate(cbind(smape, mase, cover80, cover95) ~ method, data = table, FUN = mean),
      digits = 4, row.names = FALSE)
wide <- reshape(table, idvar = "id", timevar = "method", direction = "wide")
cat("OTM better than THETA (sMAPE):", sum(wide$smape.OTM < wide$smape.THETA), "of", nrow(wide),
    "\n")
cat("OTM better than THETA (MASE):", sum(wide$mase.OTM < wide$mase.THETA), "of", nrow(wide), "\n")
