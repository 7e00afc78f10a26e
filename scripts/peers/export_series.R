# Writes the peer-comparison series into a directory (scripts/compare-peers.sh passes a
# temporary one): meta.csv (series, source, kind, m, n_train, h) and values.csv (series, t,
# value) with the training part followed by the held-out tail.
#   Rscript export_series.R <outdir> [synthetic-per-shape]
# Real series: data sets that ship with R (package datasets) and with the forecast package.
# Synthetic daily demand (180 days of history, 90 held out): weekly seasonal, smooth and
# intermittent, generated with a fixed seed.
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[[1]] else "."
per_shape <- if (length(args) >= 2) as.integer(args[[2]]) else 20L

real <- list(
  AirPassengers = AirPassengers, nottem = nottem, co2 = co2, USAccDeaths = USAccDeaths,
  ldeaths = ldeaths, mdeaths = mdeaths, fdeaths = fdeaths, UKDriverDeaths = UKDriverDeaths,
  gas = forecast::gas, wineind = forecast::wineind,
  UKgas = UKgas, JohnsonJohnson = JohnsonJohnson, woolyrnq = forecast::woolyrnq,
  austres = austres,
  Nile = Nile, LakeHuron = LakeHuron, lynx = lynx, airmiles = airmiles,
  WWWusage = WWWusage, BJsales = BJsales)
horizon_for <- function(m) switch(as.character(m), "12" = 18L, "4" = 8L, 10L)

meta <- list()
values <- list()
add <- function(name, source, kind, m, y, h) {
  y <- as.numeric(y)
  meta[[length(meta) + 1]] <<- data.frame(series = name, source = source, kind = kind, m = m,
                                          n_train = length(y) - h, h = h)
  values[[length(values) + 1]] <<- data.frame(series = name, t = seq_along(y), value = y)
}
for (name in names(real)) {
  y <- real[[name]]
  m <- frequency(y)
  pkg <- if (name %in% c("gas", "wineind", "woolyrnq")) "forecast" else "datasets"
  add(name, pkg, if (m > 1) "real-seasonal" else "real-nonseasonal", m, y, horizon_for(m))
}

set.seed(20260101)
n_train <- 180L
h <- 90L
n <- n_train + h
weekly <- c(1.25, 1.10, 1.00, 1.00, 1.05, 0.40, 0.20)
for (i in seq_len(per_shape)) {
  level <- runif(1, 40, 120)
  t <- 0:(n - 1)
  y <- (level + 0.05 * t) * weekly[t %% 7 + 1] * (1 + 0.08 * rnorm(n))
  add(sprintf("weekly_%02d", i), "synthetic", "daily-weekly", 7L, pmax(0, round(y, 2)), h)
  level <- runif(1, 40, 120)
  y <- level + 0.1 * level * rnorm(n)
  add(sprintf("smooth_%02d", i), "synthetic", "daily-smooth", 7L, pmax(0, round(y, 2)), h)
  y <- ifelse(runif(n) < 0.25, floor(1 + 20 * runif(n)), 0)
  add(sprintf("intermittent_%02d", i), "synthetic", "daily-intermittent", 1L, y, h)
}

write.csv(do.call(rbind, meta), file.path(outdir, "meta.csv"), row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, values), file.path(outdir, "values.csv"), row.names = FALSE,
          quote = FALSE)
