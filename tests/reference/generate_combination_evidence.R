# Hold-out accuracy of ETS, Theta, the optimised Theta model and their equal-weight combination
# on the public series of
# the reference corpus (tests/reference/corpus.R: R's datasets, the forecast package's data and
# the synthetic demand series; the edge cases left out), with R's forecast package (written for
# forecast 8.20). Run from the repository root:
#   Rscript tests/reference/generate_combination_evidence.R
# For each series the last h values are held out (h = 18 monthly, 8 quarterly, 14 weekly
# (m = 7), 6 otherwise) when at least max(3m, 12) values remain for training, and
#   ETS    ets(train) (automatic choice by AICc), forecast(h, level = c(80, 95))
#   THETA  thetaf(train, h, level = c(80, 95))
#   OTM    the optimised Theta model, tests/reference/optimised_theta.R (the library's OTM)
#   COMBO  the mean of the ETS and OTM forecasts, and of their bounds at each level (quantile
#          averaging): the library's COMBO
#   COMBO_THETA  the same with THETA instead of OTM (the COMBO shipped first; kept as the
#          comparison that decided the member: COMBO with OTM measured better)
# are scored on the held-out values:
#   sMAPE  mean of 200 |y - f| / (|y| + |f|)
#   MASE   mean |y - f| / mean |train_t - train_{t-m}| (R's accuracy(): m = frequency)
#   cover80, cover95  share of held-out values inside the 80 % / 95 % interval.
# Files (tests/reference/fixtures/combination/):
#   evidence.csv  id, m, n_train, h, method, model, smape, mase, cover80, cover95
#                 (model: the ETS form chosen, e.g. "MAdM", for ETS; else the method)
# and the mean over series of each column per method is printed (the table of
# docs/forecasting.md, "Accuracy of ETS, Theta and the combination"). The C++ side,
# tests/selection/combination_evidence_test.cpp, computes the same table with the library.
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")
source(file.path("tests", "reference", "corpus.R"))  # num(), write_rows(), theta_corpus(),
# holdout(), score()
source(file.path("tests", "reference", "optimised_theta.R"))  # otm_forecast()

out_dir <- file.path("tests", "reference", "fixtures", "combination")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

corpus <- theta_corpus()
rows <- character(0)
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
  fe <- forecast(ets(train), h = h, level = c(80, 95))
  ft <- thetaf(train, h = h, level = c(80, 95))
  fo <- otm_forecast(train, h)
  members <- list(
    ETS = list(model = gsub(",", "", sub("^ETS\\((.*)\\)$", "\\1", fe$method)),
               mean = as.numeric(fe$mean), lower = fe$lower,
               upper = fe$upper),
    THETA = list(model = "THETA", mean = as.numeric(ft$mean), lower = ft$lower,
                 upper = ft$upper))
  members$OTM <- list(model = "OTM", mean = fo$mean, lower = fo$lower, upper = fo$upper)
  members$COMBO <- list(model = "COMBO", mean = (members$ETS$mean + fo$mean) / 2,
                        lower = (fe$lower + fo$lower) / 2, upper = (fe$upper + fo$upper) / 2)
  members$COMBO_THETA <- list(model = "COMBO_THETA",
                              mean = (members$ETS$mean + members$THETA$mean) / 2,
                              lower = (fe$lower + ft$lower) / 2, upper = (fe$upper + ft$upper) / 2)
  for (method in names(members)) {
    f <- members[[method]]
    s <- score(train, test, f$mean, f$lower[, 1], f$upper[, 1], f$lower[, 2], f$upper[, 2])
    rows <- c(rows, paste(id, m, n_train, h, method, f$model, num(s[["smape"]]),
                          num(s[["mase"]]), num(s[["cover80"]]), num(s[["cover95"]]), sep = ","))
    table <- rbind(table, data.frame(id = id, method = method, t(s)))
  }
}
write_rows(out_dir, "evidence.csv", "id,m,n_train,h,method,model,smape,mase,cover80,cover95",
           rows)
summary <- aggregate(cbind(smape, mase, cover80, cover95) ~ method, data = table, FUN = mean)
cat("series:", length(unique(table$id)), "\n")
print(summary, digits = 4, row.names = FALSE)
wide <- reshape(table, idvar = "id", timevar = "method", direction = "wide")
cat("COMBO (ETS + OTM) better than COMBO_THETA (ETS + THETA): sMAPE on",
    sum(wide$smape.COMBO < wide$smape.COMBO_THETA), "of", nrow(wide), "series, MASE on",
    sum(wide$mase.COMBO < wide$mase.COMBO_THETA), "\n")
