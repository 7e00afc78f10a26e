# Generates the ETS reference fixtures in tests/reference/fixtures/ets/ with R's forecast
# package (written for forecast 8.20). Run from the repository root:
#   Rscript tests/reference/generate_ets_fixtures.R
# Files (CSV, numbers with 17 significant digits):
#   series.csv     id, m, t, y                  every corpus series once (t = 1..n)
#   fits.csv       id, model, alpha, beta, gamma, phi, lik, aic, aicc, bic, sigma2, n
#                  R's ets(y, model = ..., damped = ...) for several forms per series;
#                  model "auto:<CODE>" rows hold ets(y) (automatic selection).
#   states.csv     id, model, k, value          R's initial state vector (l, b, s1..sm)
#   forecasts.csv  id, model, h, mean, lo80, hi80, lo95, hi95   forecast(fit, h) (bounds NA
#                  for models R simulates)
#   fitted.csv     id, model, t, fitted         one-step fitted values for a few fits
suppressPackageStartupMessages(library(forecast))
stopifnot(packageVersion("forecast") >= "8.20")

out_dir <- file.path("tests", "reference", "fixtures", "ets")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

source(file.path("tests", "reference", "corpus.R"))  # num(), write_rows(), ets_corpus(), ets_forecast_rows()
corpus <- ets_corpus()

seasonal_models <- c("ANN", "AAN", "AAdN", "MNN", "MAN", "MAdN", "ANA", "AAA", "AAdA",
                     "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM", "MMN", "MMdM")
nonseasonal_models <- c("ANN", "AAN", "AAdN", "MNN", "MAN", "MAdN", "MMN", "MMdN")
fitted_pairs <- list(c("AirPassengers", "MAM"), c("AirPassengers", "MAdM"),
                     c("USAccDeaths", "ANA"), c("UKgas", "AAdA"), c("Nile", "ANN"),
                     c("LakeHuron", "AAdN"), c("syn_weekly_mult", "MNM"),
                     c("syn_trend", "MAdN"), c("wineind", "MMdM"), c("lynx", "MNN"))

series_rows <- character(0)
fit_rows <- character(0)
state_rows <- character(0)
fc_rows <- character(0)
fitted_rows <- character(0)

record <- function(id, label, fit, y) {
  m <- frequency(y)
  par <- fit$par
  g <- function(name) if (name %in% names(par)) par[[name]] else NA
  v <- function(x) if (is.null(x)) NA else x
  fit_rows <<- c(fit_rows, paste(id, label, num(g("alpha")), num(g("beta")), num(g("gamma")),
                                 num(g("phi")), num(-2 * v(fit$loglik)), num(v(fit$aic)),
                                 num(v(fit$aicc)), num(v(fit$bic)), num(fit$sigma2), length(y),
                                 sep = ","))
  init <- fit$states[1, ]
  state_rows <<- c(state_rows, paste(id, label, seq_along(init), num(init), sep = ","))
  h <- if (m > 1) m else 10
  fc_rows <<- c(fc_rows, ets_forecast_rows(fit, fit$components, id, label, h))
}

for (id in names(corpus)) {
  y <- corpus[[id]]
  m <- frequency(y)
  series_rows <- c(series_rows, paste(id, m, seq_along(y), num(as.numeric(y)), sep = ","))
  models <- if (m > 1 && m <= 24 && length(y) > m) seasonal_models else nonseasonal_models
  for (code in models) {
    if (grepl("^M", code) || grepl("M", substr(code, 2, nchar(code)))) {
      if (min(y) <= 0) next
    }
    damped <- nchar(code) == 4
    form <- paste0(substr(code, 1, 2), substr(code, nchar(code), nchar(code)))
    fit <- tryCatch(ets(y, model = form, damped = damped), error = function(e) NULL)
    if (is.null(fit) || is.null(fit$aicc) || !is.finite(fit$aicc)) next
    record(id, code, fit, y)
    for (pr in fitted_pairs) {
      if (pr[1] == id && pr[2] == code) {
        fitted_rows <- c(fitted_rows, paste(id, code, seq_along(y),
                                            num(as.numeric(fitted(fit))), sep = ","))
      }
    }
  }
  auto <- ets(y)
  code <- paste0(auto$components[1], auto$components[2],
                 ifelse(auto$components[4] == "TRUE", "d", ""), auto$components[3])
  record(id, paste0("auto:", code), auto, y)
}

write_csv <- function(name, header, rows) write_rows(out_dir, name, header, rows)
write_csv("series.csv", "id,m,t,y", series_rows)
write_csv("fits.csv", "id,model,alpha,beta,gamma,phi,lik,aic,aicc,bic,sigma2,n", fit_rows)
write_csv("states.csv", "id,model,k,value", state_rows)
write_csv("forecasts.csv", "id,model,h,mean,lo80,hi80,lo95,hi95", fc_rows)
write_csv("fitted.csv", "id,model,t,fitted", fitted_rows)
cat("wrote", length(fit_rows), "fits for", length(corpus), "series to", out_dir, "\n")
