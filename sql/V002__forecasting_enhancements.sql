-- invforecast schema version 2: what the ERP migration "V0.0.39 forecasting enhancements"
-- adds: urgency and days until stockout on replenishment_suggestions, the forecasting
-- settings of the material master, and the indexes the ERP's health check expects.
-- Idempotent, and every change is guarded by a catalog check, so on an ERP database that
-- already ran V0.0.39 nothing is altered (not even a lock is taken on its tables, and the
-- applying role need not own them).

DO $lock$ BEGIN PERFORM pg_advisory_xact_lock(1229870662, 0); END $lock$;

DO $do$
DECLARE
  c RECORD;
BEGIN
  FOR c IN
    SELECT * FROM (VALUES
      ('replenishment_suggestions', 'urgency_level',
       'VARCHAR(20) CHECK (urgency_level IN (''LOW'', ''MEDIUM'', ''HIGH'', ''CRITICAL''))'),
      ('replenishment_suggestions', 'days_until_stockout', 'INTEGER'),
      ('materials', 'forecasting_enabled', 'BOOLEAN DEFAULT TRUE'),
      ('materials', 'forecast_algorithm', 'VARCHAR(50) DEFAULT ''AUTO'''),
      ('materials', 'forecast_horizon_days', 'INTEGER DEFAULT 90'),
      ('materials', 'forecast_update_frequency', 'VARCHAR(20) DEFAULT ''WEEKLY'''),
      ('materials', 'minimum_forecast_history_days', 'INTEGER DEFAULT 90'),
      ('materials', 'target_forecast_accuracy_pct', 'DECIMAL(5,2) DEFAULT 20.00'),
      ('materials', 'demand_pattern', 'VARCHAR(20)'),
      ('materials', 'ordering_cost', 'DECIMAL(10,2) DEFAULT 50.00'),
      ('materials', 'holding_cost_pct', 'DECIMAL(5,4) DEFAULT 0.25')
    ) AS v(tbl, col, def)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_attribute
                   WHERE attrelid = to_regclass(c.tbl) AND attname = c.col AND NOT attisdropped) THEN
      EXECUTE format('ALTER TABLE %I ADD COLUMN %I %s', c.tbl, c.col, c.def);
    END IF;
  END LOOP;

  IF to_regclass('idx_demand_history_material_date_range') IS NULL THEN
    CREATE INDEX idx_demand_history_material_date_range
      ON demand_history (material_id, demand_date);
  END IF;
  IF to_regclass('idx_material_forecasts_lookup') IS NULL THEN
    CREATE INDEX idx_material_forecasts_lookup
      ON material_forecasts (tenant_id, facility_id, material_id, forecast_date, forecast_status);
  END IF;
  IF to_regclass('idx_forecast_accuracy_period') IS NULL THEN
    CREATE INDEX idx_forecast_accuracy_period
      ON forecast_accuracy_metrics (tenant_id, material_id, measurement_period_end DESC);
  END IF;
END
$do$;

INSERT INTO invforecast_schema_version (version, description)
VALUES (2, 'forecasting enhancements (ERP V0.0.39)')
ON CONFLICT (version) DO NOTHING;
