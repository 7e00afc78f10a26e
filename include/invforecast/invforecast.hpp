#pragma once

/// @file
/// Umbrella header: the whole library except the optional PostgreSQL adapters
/// (include/invforecast/postgres/, target invforecast::postgres).

#include "invforecast/error.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/version.hpp"

#include "invforecast/series/aggregate.hpp"
#include "invforecast/series/calendar.hpp"
#include "invforecast/series/daily_series.hpp"
#include "invforecast/series/mstl.hpp"

#include "invforecast/smoothing/ets.hpp"
#include "invforecast/smoothing/ets_auto.hpp"
#include "invforecast/smoothing/ets_model.hpp"
#include "invforecast/smoothing/moving_average.hpp"
#include "invforecast/smoothing/mstl_forecast.hpp"
#include "invforecast/smoothing/optimised_theta.hpp"
#include "invforecast/smoothing/theta.hpp"

#include "invforecast/intermittent/classification.hpp"
#include "invforecast/intermittent/croston.hpp"
#include "invforecast/intermittent/tsb.hpp"

#include "invforecast/selection/batch.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/selection/method.hpp"
#include "invforecast/selection/season_length.hpp"

#include "invforecast/metrics/aggregation.hpp"
#include "invforecast/metrics/backtest.hpp"
#include "invforecast/metrics/confidence.hpp"
#include "invforecast/metrics/interval_metrics.hpp"
#include "invforecast/metrics/point_metrics.hpp"
#include "invforecast/metrics/scaled_metrics.hpp"
#include "invforecast/metrics/tracking_signal.hpp"

#include "invforecast/stats/normal.hpp"

#include "invforecast/inventory/reorder.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/inventory/safety_stock.hpp"
#include "invforecast/inventory/stockout.hpp"
#include "invforecast/inventory/urgency.hpp"
#include "invforecast/planning/inventory_position.hpp"
#include "invforecast/planning/material_plan.hpp"
#include "invforecast/planning/plan.hpp"
#include "invforecast/planning/planning_policy.hpp"
