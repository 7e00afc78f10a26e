# Reference values for include/invforecast/inventory/*.hpp.
# Run from the repository root:  Rscript tests/reference/generate_inventory_fixtures.R
# Writes tests/reference/fixtures/inventory.csv with columns case,x,value (17 significant digits):
#   quantile_type1 / quantile_type7 : x = p, value = quantile(sample, p, type = 1 / 7)
#       for the intermittent lead-time demand sample below (R's stats::quantile)
#   fill_rate_k : x = g, value = k with dnorm(k) - k * pnorm(k, lower.tail = FALSE) = g (uniroot)
#   king_ss : x = service level, value = qnorm(sl) * sqrt(5 * 60^2 + 120^2 * 2^2)
#   mean_ltd, sd_ltd : mean / sd of the sample (x = 0)
options(digits = 17)
fmt <- function(v) sprintf("%.17g", v)
sample <- c(0, 0, 3, 0, 5, 12, 0, 0, 7, 2, 0, 1, 9, 0, 4, 0, 6, 0, 0, 15)
rows <- list()
add <- function(case, x, value) rows[[length(rows) + 1]] <<- data.frame(c = case, x = fmt(x), v = fmt(value))
for (p in c(0.01, 0.05, 0.25, 0.5, 0.7, 0.75, 0.8, 0.9, 0.95, 0.975, 0.99)) {
  add("quantile_type1", p, unname(quantile(sample, p, type = 1)))
  add("quantile_type7", p, unname(quantile(sample, p, type = 7)))
}
add("mean_ltd", 0, mean(sample))
add("sd_ltd", 0, sd(sample))
G <- function(k) dnorm(k) - k * pnorm(k, lower.tail = FALSE)
for (g in c(0.1, 0.02, 0.5, 1.2)) {
  add("fill_rate_k", g, uniroot(function(k) G(k) - g, c(-5, 5), tol = 1e-15)$root)
}
for (sl in c(0.9, 0.95, 0.99)) add("king_ss", sl, qnorm(sl) * sqrt(5 * 60^2 + 120^2 * 2^2))
out <- do.call(rbind, rows)
names(out) <- c("case", "x", "value")
write.csv(out, "tests/reference/fixtures/inventory.csv", row.names = FALSE, quote = FALSE)
cat("wrote", nrow(out), "rows\n")
