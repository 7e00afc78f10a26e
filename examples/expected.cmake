# Expected output of the numbered examples (included by examples/pipeline.cmake). The values are
# computed independently of invforecast: by R 4 + forecast 8.20
# (examples/reference/examples_reference.R prints them) or worked by hand (arithmetic in the
# comments). The examples print rounded values; the tolerance is the rounding stated per check.

# 00: worked by hand. Flat histories (20, 5 and 2 a day for 90 days to 2026-10-31): the
# forecast is the daily rate and the model's lead-time demand has no variance, so the safety
# stock is the lead-time-variability term alone. BOLT-M8: SS = z d sigma_L = 1.6449 x 20 x 2
# = 65.80; target = (7 + 7) x 20 + 65.80 = 345.80; position 100 -> required 245.80 -> next
# multiple of 10: 250; stock 100 - 20 d < 0 first at d = 6 <= L = 7: HIGH, order today
# (2026-10-31). NUT-M8: 1000 on hand lasts 200 days > horizon: no order. SEAL-KIT: no position,
# no suggestion. WIDGET-NEW: launched after the planning day: insufficient_data naming it.
invforecast_example_check(example_00_plan_all_materials
  COMMAND $<TARGET_FILE:invforecast_example_00_plan_all_materials>
  EXPECT "^BOLT-M8: order 250 by 2026-10-31, HIGH\nWIDGET-NEW failed: plan: material 'WIDGET-NEW': launch date 2026-11-15 is after the planning day 2026-10-31: no history yet\n"
  REJECT "NUT-M8" "SEAL-KIT")

# 01: R `ets(y)` chooses ETS(A,N,N); h = 1: mean 41.6644, 80 % [32.5161, 50.8127],
# 95 % [27.6733, 55.6555]. Printed with 1 decimal: tolerance 0.05.
invforecast_example_check(example_01_quick_start
  COMMAND $<TARGET_FILE:invforecast_example_01_quick_start>
  EXPECT "model: ETS\\(A,N,N\\)"
         "\n +1 +41\\.7 +32\\.5 +50\\.8 +27\\.7 +55\\.7\n"
         "\n +7 +41\\.7 +32\\.5 +50\\.8 +27\\.7 +55\\.7\n")

# 02: pooled MAE / RMSE over 4 origins x 7 days, R's own rolling loop. NAIVE, MEAN and MA(7)
# are exact formulas: printed with 3 decimals (tolerance 0.0005). ETS(A,N,A) re-estimates its
# parameters at every origin; R: MAE 2.550, RMSE 3.489 (tolerance: the first decimal, 0.05,
# for optimiser differences). The seasonal model must win by MAE (R: 2.55 vs >= 10.1 for the
# non-seasonal ones).
invforecast_example_check(example_02_model_choice_backtest
  COMMAND $<TARGET_FILE:invforecast_example_02_model_choice_backtest> "${_ex_data}/demand.csv"
  EXPECT "FILTER-HX: 120 days, 2026-07-04 \\.\\. 2026-10-31"
         "\nNAIVE +16\\.821 +19\\.091 "
         "\nMEAN +10\\.351 +11\\.568 "
         "\nMA\\(7\\) +10\\.112 +11\\.592 "
         "\nETS\\(A,N,A\\) +2\\.5[0-9]+ +3\\.4[0-9]+ "
         "lowest backtest MAE: (ETS\\(A,N,A\\)|AUTO)\n"
         "automatic choice: ETS\\([AM],N,[AM]\\)"
         "\nits backtest: MAE [0-9.]+ over 4 origins"
         "\nsafety stock [0-9]+\\.[0-9][0-9] \\(forecast_model\\), reorder point [0-9.]+\n")

# 03: d = 20, sd_d = 5, L = 9, sd_L = 2, z = qnorm(0.95) = 1.6449 (R).
#   basic: 20 x 3 safety days = 60.00
#   demand_variability: z 5 sqrt(9) = 24.67; lead_time_variability: z 20 x 2 = 65.79
#   combined: z sqrt(9 x 25 + 400 x 4) = 70.27; automatic: CV_d 0.25 > 0.2 and CV_L 0.22 > 0.1
#   -> combined, 70.27
#   fill_rate 99 %, Q = 400, sigma_LTD = 15: G(k) = 400 x 0.01 / 15, k = 0.3002 (R uniroot),
#   SS = 4.50
#   forecast_model: R ets(y, "ANN", alpha = 0.2): sigma2 59.6266, SS = z sqrt(sigma2 sum_{h=1}^9
#   (1 + 0.2 (h - 1))^2) = 71.35 (tolerance 0.15: the initial level is estimated)
#   empirical: R quantile(type = 1) at 0.95 = 230, mean 181.0833 -> 48.92
invforecast_example_check(example_03_safety_stock_methods
  COMMAND $<TARGET_FILE:invforecast_example_03_safety_stock_methods>
  EXPECT "z for 95 %: 1\\.6449"
         "\nbasic +60\\.00 "
         "\ndemand_variability +24\\.67 "
         "\nlead_time_variability +65\\.79 "
         "\ncombined +70\\.27 [^\n]*\ncombined +70\\.27 "
         "\nfill_rate +4\\.50 "
         "\nforecast_model +71\\.(2|3|4)[0-9] "
         "\nempirical +48\\.92 "
         "\nsimulated +[0-9]+\\.[0-9][0-9] ")

# 04: worked by hand. plan() on 56 days of 12 a day to 2026-11-02: ETS(A,N,N), forecast 12/day
#   and no lead-time demand variance, so SS = z d sigma_L = 1.6449 x 12 x 1.5 = 29.61
#   (forecast_model, the lead-time-variability term alone); L = 7, R = 7.
#   available = 120 - 20 = 100; position = 100 + 50 = 150; ROP = 7 x 12 + 29.61 = 113.61;
#   target = 14 x 12 + 29.61 = 197.61; EOQ = sqrt(2 x 4380 x 50 / (0.25 x 4)) = 661.82.
#   stock_d = 100 - 12 d + 50 [d >= 4] < 0 first at d = 13 (150 - 156): 2026-11-15.
#   required 197.61 - 150 = 47.61 -> MOQ 100; order on day 13 - 7 = 6: 2026-11-08, delivery
#   2026-11-15; cost 400.00; available >= SS and 13 > L: LOW.
#   EOQ: 47.61 raised to 661.82, next multiple of 25: 675, cost 2700.00.
#   60 on hand, nothing on order: 60 - 12 d < 0 at d = 6 <= L: HIGH; required 197.61 - 60 =
#   137.61 -> 150; order today (max(0, 6 - 7) = 0); cost 600.00.
#   10 on hand, 25 allocated: available -15 < 0 on day 0: CRITICAL; 197.61 + 15 = 212.61 -> 225.
invforecast_example_check(example_04_replenishment
  COMMAND $<TARGET_FILE:invforecast_example_04_replenishment>
  EXPECT "== forecast based\nmodel ETS\\(A,N,N\\), safety stock 29\\.61 \\(forecast_model\\)\navailable 100\\.00, inventory position 150\\.00\nreorder point 113\\.61, target 197\\.61, EOQ 661\\.82\nstockout in 13 days \\(2026-11-15\\)\norder 100\\.00 on 2026-11-08, delivery 2026-11-15, cost 400\\.00\nurgency LOW\n"
         "== EOQ\n[^\n]*\n[^\n]*\n[^\n]*\n[^\n]*\norder 675\\.00 on 2026-11-08, delivery 2026-11-15, cost 2700\\.00\nurgency LOW\n"
         "== short of stock\n[^\n]*\navailable 60\\.00, inventory position 60\\.00\n[^\n]*\nstockout in 6 days \\(2026-11-08\\)\norder 150\\.00 on 2026-11-02, delivery 2026-11-09, cost 600\\.00\nurgency HIGH\n"
         "== nothing available\n[^\n]*\navailable -15\\.00, inventory position -15\\.00\n[^\n]*\nstockout in 0 days \\(2026-11-02\\)\norder 225\\.00 on 2026-11-02, delivery 2026-11-09, cost 900\\.00\nurgency CRITICAL\n")

# 05: 10 seeded materials -> 10 forecast sets, 10 accuracy rows (one per material over the 30
# days 2026-10-02 .. 2026-10-31), 10 recommendations (zero quantities kept), and the first
# material, with 0 on hand and 5 allocated (available -5 <= 0), is CRITICAL by the ERP's rule.
if(TARGET invforecast_example_05_postgres_nightly_job)
  invforecast_example_check(example_05_postgres_nightly_job
    COMMAND "${PROJECT_SOURCE_DIR}/tests/postgres/run_with_postgres.sh" sh -c
            "exec \"$0\" \"$INVFORECAST_PG_TEST_CONNINFO\""
            $<TARGET_FILE:invforecast_example_05_postgres_nightly_job>
    EXPECT "seeded 10 materials, [0-9]+ demand rows"
           "forecasts written: 10, skipped: 0"
           "accuracy rows: 10"
           "recommendations: 10, CRITICAL: 1"
           "\n[0-9a-f]+ CRITICAL ")
  set_tests_properties(example_05_postgres_nightly_job PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE)
endif()
