# Fixtures of fitted_ets::applied_to: R's ets(train, model = fit, use.initial.values = TRUE),
# a model fitted on the whole series run over a shorter window with nothing re-estimated (what
# plan()'s backtest_refit::fixed does at each origin). Written for forecast 8.20. Run from the
# repository root:
#   Rscript tests/reference/generate_ets_applied_fixtures.R
# For every series of the ETS corpus (tests/reference/corpus.R) and a few forms plus the
# automatic choice: fit = ets(y, model = form) on the whole series, train = the first n - 2h
# values (h = m for seasonal series, else 10), applied = ets(train, model = fit,
# use.initial.values = TRUE), fc = forecast(applied, h, level = c(80, 95)).
# Files in tests/reference/fixtures/ets_applied/ (17 significant digits):
#   fits.csv      id, model, n_train, h, alpha, beta, gamma, phi, np, sigma2, loglik
#                 the full fit's parameters; np = length(fit$par) + 1 (R's k of the applied
#                 model); sigma2 and loglik of the applied model
#   states.csv    id, model, k, value    the full fit's initial states (l, b, s1..sm)
#   final.csv     id, model, k, value    the applied model's states after the last training value
#   fitted.csv    id, model, t, fitted   the applied model's one-step predictions, t = 1..n_train
#                 (the automatic fits only, to keep the file small)
#   forecasts.csv id, model, h, mean, lo80, hi80, lo95, hi95 (bounds NA where R simulates)
# The series themselves are tests/reference/fixtures/ets/series.csv.
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")

out_dir <- file.path("tests", "reference", "fixtures", "ets_applied")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
source(file.path("tests", "reference", "corpus.R"))  # num(), write_rows(), ets_corpus(), ets_forecast_rows()
corpus <- ets_corpus()

# One form per class and trend, chosen so that each series has a few that R can fit.
seasonal_forms <- c("ANN", "AAdN", "MNN", "MAdN", "ANA", "AAdA", "MNA", "MNM", "MAdM")
nonseasonal_forms <- c("ANN", "AAN", "AAdN", "MNN", "MAdN")

fit_rows <- character(0)
state_rows <- character(0)
final_rows <- character(0)
fitted_rows <- character(0)
fc_rows <- character(0)

record <- function(id, label, fit, y) {
  m <- frequency(y)
  h <- if (m > 1) m else 10
  n_train <- length(y) - 2 * h
  # R divides SSE by n_train - np, np = length(par) + 1; with n_train <= np it returns a
  # negative or infinite sigma2, which fitted_ets::applied_to rejects: no fixture row.
  if (n_train <= length(fit$par) + 1) return(invisible(NULL))
  train <- ts(as.numeric(y)[seq_len(n_train)], frequency = m, start = start(y))
  applied <- tryCatch(ets(train, model = fit, use.initial.values = TRUE),
                      error = function(e) NULL)
  if (is.null(applied)) return(invisible(NULL))
  par <- fit$par
  g <- function(name) if (name %in% names(par)) par[[name]] else NA
  fit_rows <<- c(fit_rows, paste(id, label, n_train, h, num(g("alpha")), num(g("beta")),
                                 num(g("gamma")), num(g("phi")), length(par) + 1,
                                 num(applied$sigma2), num(applied$loglik), sep = ","))
  init <- fit$states[1, ]
  state_rows <<- c(state_rows, paste(id, label, seq_along(init), num(init), sep = ","))
  last <- applied$states[nrow(applied$states), ]
  final_rows <<- c(final_rows, paste(id, label, seq_along(last), num(last), sep = ","))
  if (startsWith(label, "auto:")) {
    fitted_rows <<- c(fitted_rows, paste(id, label, seq_len(n_train),
                                         num(as.numeric(fitted(applied))), sep = ","))
  }
  fc_rows <<- c(fc_rows, ets_forecast_rows(applied, fit$components, id, label, h))
}

for (id in names(corpus)) {
  y <- corpus[[id]]
  m <- frequency(y)
  forms <- if (m > 1 && m <= 24 && length(y) > m) seasonal_forms else nonseasonal_forms
  for (code in forms) {
    if (grepl("M", code) && min(y) <= 0) next
    damped <- nchar(code) == 4
    form <- paste0(substr(code, 1, 2), substr(code, nchar(code), nchar(code)))
    fit <- tryCatch(ets(y, model = form, damped = damped), error = function(e) NULL)
    if (is.null(fit) || is.null(fit$aicc) || !is.finite(fit$aicc)) next
    record(id, code, fit, y)
  }
  auto <- ets(y)
  if (!is.null(auto$aicc) && is.finite(auto$aicc)) {
    code <- paste0(auto$components[1], auto$components[2],
                   ifelse(auto$components[4] == "TRUE", "d", ""), auto$components[3])
    record(id, paste0("auto:", code), auto, y)
  }
}

write_csv <- function(name, header, rows) write_rows(out_dir, name, header, rows)
write_csv("fits.csv", "id,model,n_train,h,alpha,beta,gamma,phi,np,sigma2,loglik", fit_rows)
write_csv("states.csv", "id,model,k,value", state_rows)
write_csv("final.csv", "id,model,k,value", final_rows)
write_csv("fitted.csv", "id,model,t,fitted", fitted_rows)
write_csv("forecasts.csv", "id,model,h,mean,lo80,hi80,lo95,hi95", fc_rows)
cat("wrote", length(fit_rows), "applied fits for", length(corpus), "series to", out_dir, "\n")
