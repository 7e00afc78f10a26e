-- invforecast schema version 1: the ERP's five forecasting tables
-- (column-compatible with the ERP migration "V0.0.32 create inventory forecasting tables",
-- corrected variant with foreign keys to tenants/facilities/materials/vendors(id)).
--
-- Idempotent: every statement is CREATE ... IF NOT EXISTS or guarded by a catalog check, so
-- the file can be applied any number of times, with psql or with invforecast::pg::migrate.
-- On a database where the ERP already created these tables nothing here changes them; the
-- only objects this file may add there are invforecast_schema_version and the function
-- invforecast_uuid_v7().

-- Serialise concurrent appliers (released at the end of the transaction when run through
-- migrate(); under psql autocommit it is released at once, which is harmless).
DO $lock$ BEGIN PERFORM pg_advisory_xact_lock(1229870662, 0); END $lock$;

CREATE TABLE IF NOT EXISTS invforecast_schema_version (
  version     INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at  TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- Time-ordered (version 7, RFC 9562) UUID built from the core gen_random_uuid() (PostgreSQL
-- 13+): the first 48 bits are replaced by the Unix time in milliseconds and the version
-- nibble is changed from 4 (0100) to 7 (0111) by setting bits 52 and 53 (set_bit numbers the
-- bits of each byte from the least significant one). Used as the key default of the tables
-- this file creates, so a fresh database needs neither an extension nor the ERP's own
-- uuid_generate_v7().
DO $do$
BEGIN
  IF to_regprocedure('invforecast_uuid_v7()') IS NULL THEN
    CREATE FUNCTION invforecast_uuid_v7() RETURNS UUID
    LANGUAGE sql VOLATILE PARALLEL SAFE AS $fn$
      SELECT encode(
               set_bit(set_bit(
                 overlay(uuid_send(gen_random_uuid())
                         PLACING substring(int8send((extract(epoch FROM clock_timestamp())
                                                     * 1000)::BIGINT) FROM 3)
                         FROM 1 FOR 6),
                 52, 1), 53, 1),
               'hex')::UUID
    $fn$;
  END IF;
END
$do$;

-- Minimal parent tables, created only when absent (the ERP's own tables, with their extra
-- columns, are left as they are). Each gets the ERP's tenant policy.
DO $do$
BEGIN
  IF to_regclass('tenants') IS NULL THEN
    CREATE TABLE tenants (
      id          UUID PRIMARY KEY DEFAULT invforecast_uuid_v7(),
      tenant_name VARCHAR(255),
      created_at  TIMESTAMPTZ DEFAULT NOW()
    );
    ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
    CREATE POLICY tenants_tenant_isolation ON tenants
      USING (id = current_setting('app.current_tenant_id', TRUE)::UUID);
  END IF;
  IF to_regclass('facilities') IS NULL THEN
    CREATE TABLE facilities (
      id            UUID PRIMARY KEY DEFAULT invforecast_uuid_v7(),
      tenant_id     UUID NOT NULL REFERENCES tenants(id),
      facility_name VARCHAR(255),
      created_at    TIMESTAMPTZ DEFAULT NOW()
    );
    ALTER TABLE facilities ENABLE ROW LEVEL SECURITY;
    CREATE POLICY facilities_tenant_isolation ON facilities
      USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);
  END IF;
  IF to_regclass('materials') IS NULL THEN
    CREATE TABLE materials (
      id            UUID PRIMARY KEY DEFAULT invforecast_uuid_v7(),
      tenant_id     UUID NOT NULL REFERENCES tenants(id),
      material_code VARCHAR(100),
      created_at    TIMESTAMPTZ DEFAULT NOW()
    );
    ALTER TABLE materials ENABLE ROW LEVEL SECURITY;
    CREATE POLICY materials_tenant_isolation ON materials
      USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);
  END IF;
  IF to_regclass('vendors') IS NULL THEN
    CREATE TABLE vendors (
      id          UUID PRIMARY KEY DEFAULT invforecast_uuid_v7(),
      tenant_id   UUID NOT NULL REFERENCES tenants(id),
      vendor_name VARCHAR(255),
      created_at  TIMESTAMPTZ DEFAULT NOW()
    );
    ALTER TABLE vendors ENABLE ROW LEVEL SECURITY;
    CREATE POLICY vendors_tenant_isolation ON vendors
      USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);
  END IF;
END
$do$;

CREATE TABLE IF NOT EXISTS demand_history (
  demand_history_id          UUID PRIMARY KEY DEFAULT invforecast_uuid_v7(),
  tenant_id                  UUID NOT NULL REFERENCES tenants(id),
  facility_id                UUID NOT NULL REFERENCES facilities(id),
  material_id                UUID NOT NULL REFERENCES materials(id),
  demand_date                DATE NOT NULL,
  year                       INTEGER NOT NULL,
  month                      INTEGER NOT NULL,
  week_of_year               INTEGER NOT NULL,
  day_of_week                INTEGER NOT NULL,
  quarter                    INTEGER NOT NULL,
  is_holiday                 BOOLEAN DEFAULT FALSE,
  is_promotional_period      BOOLEAN DEFAULT FALSE,
  actual_demand_quantity     DECIMAL(15,4) NOT NULL CHECK (actual_demand_quantity >= 0),
  forecasted_demand_quantity DECIMAL(15,4),
  demand_uom                 VARCHAR(10) NOT NULL,
  sales_order_demand         DECIMAL(15,4) DEFAULT 0,
  production_order_demand    DECIMAL(15,4) DEFAULT 0,
  transfer_order_demand      DECIMAL(15,4) DEFAULT 0,
  scrap_adjustment           DECIMAL(15,4) DEFAULT 0,
  avg_unit_price             DECIMAL(15,4),
  promotional_discount_pct   DECIMAL(5,2),
  marketing_campaign_active  BOOLEAN DEFAULT FALSE,
  forecast_error             DECIMAL(15,4),
  absolute_percentage_error  DECIMAL(5,2),
  created_at                 TIMESTAMPTZ DEFAULT NOW(),
  created_by                 VARCHAR(100),
  updated_at                 TIMESTAMPTZ DEFAULT NOW(),
  updated_by                 VARCHAR(100),
  deleted_at                 TIMESTAMPTZ,
  deleted_by                 VARCHAR(100),
  CONSTRAINT uq_demand_history_tenant_facility_material_date
    UNIQUE (tenant_id, facility_id, material_id, demand_date)
);

CREATE TABLE IF NOT EXISTS forecast_models (
  forecast_model_id     UUID PRIMARY KEY DEFAULT invforecast_uuid_v7(),
  tenant_id             UUID NOT NULL REFERENCES tenants(id),
  facility_id           UUID NOT NULL REFERENCES facilities(id),
  material_id           UUID REFERENCES materials(id),
  model_name            VARCHAR(100) NOT NULL,
  model_algorithm       VARCHAR(50) NOT NULL,
  model_version         VARCHAR(20) NOT NULL,
  training_start_date   DATE NOT NULL,
  training_end_date     DATE NOT NULL,
  training_sample_size  INTEGER NOT NULL,
  training_timestamp    TIMESTAMPTZ NOT NULL,
  model_hyperparameters JSONB,
  feature_list          JSONB,
  test_mape             DECIMAL(10,4),
  test_rmse             DECIMAL(10,4),
  test_mae              DECIMAL(10,4),
  test_bias             DECIMAL(10,4),
  test_r_squared        DECIMAL(10,4),
  model_artifact_path   TEXT,
  model_status          VARCHAR(20) DEFAULT 'ACTIVE',
  retirement_timestamp  TIMESTAMPTZ,
  retirement_reason     TEXT,
  created_at            TIMESTAMPTZ DEFAULT NOW(),
  created_by            VARCHAR(100),
  updated_at            TIMESTAMPTZ DEFAULT NOW(),
  updated_by            VARCHAR(100),
  CONSTRAINT uq_forecast_models_tenant_name_version UNIQUE (tenant_id, model_name, model_version)
);

CREATE TABLE IF NOT EXISTS material_forecasts (
  material_forecast_id          UUID PRIMARY KEY DEFAULT invforecast_uuid_v7(),
  tenant_id                     UUID NOT NULL REFERENCES tenants(id),
  facility_id                   UUID NOT NULL REFERENCES facilities(id),
  material_id                   UUID NOT NULL REFERENCES materials(id),
  forecast_model_id             UUID REFERENCES forecast_models(forecast_model_id) ON DELETE SET NULL,
  forecast_date                 DATE NOT NULL,
  forecast_horizon              VARCHAR(20) NOT NULL,
  forecast_algorithm            VARCHAR(50) NOT NULL,
  forecast_version              INTEGER DEFAULT 1,
  forecast_generation_timestamp TIMESTAMPTZ NOT NULL,
  forecasted_demand_quantity    DECIMAL(15,4) NOT NULL,
  forecast_uom                  VARCHAR(10) NOT NULL,
  lower_bound_80_pct            DECIMAL(15,4),
  upper_bound_80_pct            DECIMAL(15,4),
  lower_bound_95_pct            DECIMAL(15,4),
  upper_bound_95_pct            DECIMAL(15,4),
  model_confidence_score        DECIMAL(5,4),
  forecast_status               VARCHAR(20) DEFAULT 'ACTIVE',
  superseded_by_forecast_id     UUID,
  superseded_timestamp          TIMESTAMPTZ,
  is_manually_overridden        BOOLEAN DEFAULT FALSE,
  manual_override_quantity      DECIMAL(15,4),
  manual_override_reason        TEXT,
  manual_override_by            VARCHAR(100),
  manual_override_timestamp     TIMESTAMPTZ,
  created_at                    TIMESTAMPTZ DEFAULT NOW(),
  created_by                    VARCHAR(100),
  CONSTRAINT uq_material_forecasts_material_date_version
    UNIQUE (tenant_id, facility_id, material_id, forecast_date, forecast_version)
);

CREATE TABLE IF NOT EXISTS forecast_accuracy_metrics (
  metric_id                UUID PRIMARY KEY DEFAULT invforecast_uuid_v7(),
  tenant_id                UUID NOT NULL REFERENCES tenants(id),
  facility_id              UUID NOT NULL REFERENCES facilities(id),
  material_id              UUID NOT NULL REFERENCES materials(id),
  measurement_period_start DATE NOT NULL,
  measurement_period_end   DATE NOT NULL,
  aggregation_level        VARCHAR(20) NOT NULL,
  mape                     DECIMAL(10,4),
  rmse                     DECIMAL(10,4),
  mae                      DECIMAL(10,4),
  bias                     DECIMAL(10,4),
  tracking_signal          DECIMAL(10,4),
  sample_size              INTEGER NOT NULL,
  total_actual_demand      DECIMAL(15,2),
  total_forecasted_demand  DECIMAL(15,2),
  is_within_tolerance      BOOLEAN DEFAULT FALSE,
  target_mape_threshold    DECIMAL(10,4),
  created_at               TIMESTAMPTZ DEFAULT NOW(),
  CONSTRAINT chk_forecast_accuracy_period CHECK (measurement_period_end >= measurement_period_start),
  CONSTRAINT uq_forecast_accuracy_material_period
    UNIQUE (tenant_id, facility_id, material_id, measurement_period_start,
            measurement_period_end, aggregation_level)
);

CREATE TABLE IF NOT EXISTS replenishment_suggestions (
  suggestion_id                   UUID PRIMARY KEY DEFAULT invforecast_uuid_v7(),
  tenant_id                       UUID NOT NULL REFERENCES tenants(id),
  facility_id                     UUID NOT NULL REFERENCES facilities(id),
  material_id                     UUID NOT NULL REFERENCES materials(id),
  preferred_vendor_id             UUID REFERENCES vendors(id),
  suggestion_generation_timestamp TIMESTAMPTZ NOT NULL,
  suggestion_status               VARCHAR(20) DEFAULT 'PENDING',
  current_on_hand_quantity        DECIMAL(15,4) NOT NULL,
  current_allocated_quantity      DECIMAL(15,4) NOT NULL,
  current_available_quantity      DECIMAL(15,4) NOT NULL,
  current_on_order_quantity       DECIMAL(15,4) NOT NULL,
  safety_stock_quantity           DECIMAL(15,4) NOT NULL,
  reorder_point_quantity          DECIMAL(15,4) NOT NULL,
  economic_order_quantity         DECIMAL(15,4),
  forecasted_demand_30_days       DECIMAL(15,4) NOT NULL,
  forecasted_demand_60_days       DECIMAL(15,4),
  forecasted_demand_90_days       DECIMAL(15,4),
  projected_stockout_date         DATE,
  recommended_order_quantity      DECIMAL(15,4) NOT NULL,
  recommended_order_uom           VARCHAR(10) NOT NULL,
  recommended_order_date          DATE NOT NULL,
  recommended_delivery_date       DATE,
  estimated_unit_cost             DECIMAL(15,4),
  estimated_total_cost            DECIMAL(15,2),
  vendor_lead_time_days           INTEGER,
  suggestion_reason               TEXT,
  calculation_method              VARCHAR(50),
  created_at                      TIMESTAMPTZ DEFAULT NOW(),
  created_by                      VARCHAR(100),
  updated_at                      TIMESTAMPTZ DEFAULT NOW(),
  updated_by                      VARCHAR(100),
  deleted_at                      TIMESTAMPTZ,
  deleted_by                      VARCHAR(100)
);

-- Row-level security: enabled on the five tables, and the ERP's tenant policy created on a
-- table only when that table has no policy yet (the ERP's own policies, whatever their names,
-- are kept). ENABLE is a no-op when already enabled.
DO $do$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['demand_history', 'forecast_models', 'material_forecasts',
                           'forecast_accuracy_metrics', 'replenishment_suggestions'] LOOP
    IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass(t)) THEN
      EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = to_regclass(t)) THEN
      EXECUTE format('CREATE POLICY %I ON %I USING '
                     '(tenant_id = current_setting(''app.current_tenant_id'', TRUE)::UUID)',
                     t || '_tenant_isolation', t);
    END IF;
  END LOOP;
END
$do$;

INSERT INTO invforecast_schema_version (version, description)
VALUES (1, 'forecasting tables (ERP V0.0.32)')
ON CONFLICT (version) DO NOTHING;
