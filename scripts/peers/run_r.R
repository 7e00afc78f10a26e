# R's side of the peer comparison. Reads meta.csv and values.csv (export_series.R), fits each
# method on the training part of each series, forecasts the held-out horizon with a 95 %
# interval and times fit + forecast. Writes r_forecasts.csv and r_timings.csv.
#   Rscript run_r.R <dir> [min_seconds]
# Timing: each fit + forecast is repeated until min_seconds of wall time have passed (at
# least once); the time per series is the elapsed time divided by the repetitions.
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
dir <- args[[1]]
min_seconds <- if (length(args) >= 2) as.numeric(args[[2]]) else 0.05

meta <- read.csv(file.path(dir, "meta.csv"), stringsAsFactors = FALSE)
values <- read.csv(file.path(dir, "values.csv"), stringsAsFactors = FALSE)

now <- function() as.numeric(Sys.time())
time_it <- function(fn) {
  reps <- 0L
  t0 <- now()
  repeat {
    res <- fn()
    reps <- reps + 1L
    elapsed <- now() - t0
    if (elapsed >= min_seconds) break
  }
  list(result = res, seconds = elapsed / reps, reps = reps)
}

interval <- function(fc, h) {
  if (is.null(fc$lower) || length(fc$lower) == 0) return(list(lo = rep(NA, h), hi = rep(NA, h)))
  list(lo = as.numeric(fc$lower[, ncol(fc$lower)]), hi = as.numeric(fc$upper[, ncol(fc$upper)]))
}

methods <- list(
  ets_auto = list(applies = function(k, m) TRUE,
                  run = function(y, h) { f <- ets(y); list(fc = forecast(f, h = h, level = 95),
                                                         model = f$method) }),
  hw_additive = list(applies = function(k, m) m > 1,
                     run = function(y, h) { fc <- hw(y, h = h, seasonal = "additive", level = 95)
                                            list(fc = fc, model = fc$method) }),
  holtwinters_stats = list(applies = function(k, m) m > 1,
                           run = function(y, h) { f <- HoltWinters(y)
                                                  list(fc = forecast(f, h = h, level = 95),
                                                       model = "HoltWinters") }),
  ses = list(applies = function(k, m) TRUE,
             run = function(y, h) list(fc = ses(y, h = h, level = 95), model = "ses")),
  holt = list(applies = function(k, m) TRUE,
              run = function(y, h) list(fc = holt(y, h = h, level = 95), model = "holt")),
  croston = list(applies = function(k, m) k == "daily-intermittent",
                 run = function(y, h) list(fc = croston(y, h = h), model = "croston a=0.1")))

fc_rows <- list()
tm_rows <- list()
for (i in seq_len(nrow(meta))) {
  s <- meta[i, ]
  all <- values$value[values$series == s$series]
  y <- ts(all[seq_len(s$n_train)], frequency = s$m)
  for (name in names(methods)) {
    meth <- methods[[name]]
    if (!meth$applies(s$kind, s$m)) next
    out <- tryCatch(time_it(function() meth$run(y, s$h)), error = function(e) e)
    if (inherits(out, "error")) {
      tm_rows[[length(tm_rows) + 1]] <- data.frame(peer = "R", method = name, series = s$series,
        seconds = NA, reps = 0L, model = gsub(",", ";", conditionMessage(out)))
      next
    }
    fc <- out$result$fc
    iv <- interval(fc, s$h)
    fc_rows[[length(fc_rows) + 1]] <- data.frame(peer = "R", method = name, series = s$series,
      step = seq_len(s$h), mean = as.numeric(fc$mean), lo95 = iv$lo, hi95 = iv$hi)
    tm_rows[[length(tm_rows) + 1]] <- data.frame(peer = "R", method = name, series = s$series,
      seconds = out$seconds, reps = out$reps, model = gsub(",", ";", out$result$model))
  }
}
write.csv(do.call(rbind, fc_rows), file.path(dir, "r_forecasts.csv"), row.names = FALSE,
          quote = FALSE, na = "")
write.csv(do.call(rbind, tm_rows), file.path(dir, "r_timings.csv"), row.names = FALSE,
          quote = FALSE, na = "")
cat(sprintf("R %s, forecast %s\n", getRversion(), packageVersion("forecast")),
    file = file.path(dir, "r_version.txt"))
