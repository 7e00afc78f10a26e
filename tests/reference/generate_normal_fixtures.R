# Reference values for include/invforecast/stats/normal.hpp, from R's own dnorm/pnorm/qnorm.
# Run from the repository root:  Rscript tests/reference/generate_normal_fixtures.R
# Writes tests/reference/fixtures/normal.csv with columns function,x,value, every number
# printed with 17 significant digits (round-trips a double exactly).
#   qnorm : x = p, value = qnorm(p)
#   pnorm : x = x, value = pnorm(x)          (lower tail)
#   pnorm_upper : x = x, value = pnorm(x, lower.tail = FALSE)
#   dnorm : x = x, value = dnorm(x)
#   loss  : x = k, value = G(k) = dnorm(k) - k * pnorm(k, lower.tail = FALSE), k <= 3 only:
#           for larger k this formula cancels (5e-13 relative at k = 6), so there
#   loss_integral : x = k, value = G(k) = integral_k^Inf (1 - pnorm(t)) dt, computed as
#           dnorm(k) * integral_0^(40/k) pnorm(k + u, lower.tail = FALSE) / dnorm(k) du
#           (rescaled, finite range; rel.tol 1e-14; agrees with 120-digit arithmetic to 1e-15)
options(digits = 17)
fmt <- function(v) sprintf("%.17g", v)
rows <- list()
add <- function(fun, x, value) rows[[length(rows) + 1]] <<- data.frame(f = fun, x = fmt(x), v = fmt(value))

p <- c(1e-300, 1e-250, 1e-200, 1e-150, 1e-100, 1e-50, 1e-30, 1e-20, 1e-15, 1e-12, 1e-10,
       1.3888e-11, 1e-8, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.025, 0.05, 0.075, 0.0751, 0.1, 0.2,
       0.25, 0.3, 0.4, 0.45, 0.49, 0.499999, 0.5, 0.5000001, 0.51, 0.6, 0.7, 0.75, 0.8, 0.9,
       0.92, 0.925, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9999, 1 - 1e-6, 1 - 1e-8, 1 - 1e-10,
       1 - 1e-12, 1 - 1e-14, 1 - 1e-15, 1 - 1e-16)
p <- c(p, 10^seq(-299, -1, by = 7.3))
for (pi in p) add("qnorm", pi, qnorm(pi))

x <- c(-37.5, -37, -35, -30, -25, -20, -15, -10, -8, -6, -5, -4, -3, -2.5, -2, -1.5, -1,
       -0.7, -0.5, -0.3, -0.1, -1e-5, 0, 1e-5, 0.1, 0.3, 0.5, 0.7, 1, 1.5, 2, 2.5, 3, 4, 5, 6,
       8, 10)
for (xi in x) add("pnorm", xi, pnorm(xi))
for (xi in c(0.5, 1, 2, 3, 5, 8, 10, 15, 20, 30, 37)) add("pnorm_upper", xi, pnorm(xi, lower.tail = FALSE))
for (xi in c(-38, -30, -20, -10, -5, -2, -1, -0.5, 0, 0.5, 1, 1.6448536269514722, 2, 3, 5, 10,
             20, 30, 38)) add("dnorm", xi, dnorm(xi))

k <- c(-8, -5, -3, -2, -1.5, -1, -0.5, -0.25, 0, 0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2,
       2.5, 2.9, 3)
for (ki in k) add("loss", ki, dnorm(ki) - ki * pnorm(ki, lower.tail = FALSE))
for (ki in c(3, 3.5, 4, 5, 6, 7, 8, 10, 15, 20)) {
  scaled <- function(u) pnorm(ki + u, lower.tail = FALSE) / dnorm(ki)
  value <- dnorm(ki) * integrate(scaled, 0, 40 / ki, rel.tol = 1e-14, subdivisions = 1000L)$value
  add("loss_integral", ki, value)
}

out <- do.call(rbind, rows)
names(out) <- c("function", "x", "value")
write.csv(out, "tests/reference/fixtures/normal.csv", row.names = FALSE, quote = FALSE)
cat("wrote", nrow(out), "rows\n")
