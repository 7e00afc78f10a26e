-- A database shaped the way the ERP creates it (test fixture): the ERP's own
-- uuid_generate_v7(), parent tables with extra columns, the five forecasting tables of
-- "V0.0.32 create inventory forecasting tables" (without the V0.0.39 additions), its own
-- policy names, and an unrelated ERP index.

CREATE FUNCTION uuid_generate_v7() RETURNS UUID LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  b BYTEA := uuid_send(gen_random_uuid());
  ms BIGINT := floor(extract(epoch FROM clock_timestamp()) * 1000);
BEGIN
  b := overlay(b PLACING substring(int8send(ms) FROM 3) FROM 1 FOR 6);
  b := set_byte(b, 6, (get_byte(b, 6) & 15) | 112);
  RETURN encode(b, 'hex')::UUID;
END $$;

CREATE TABLE tenants (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v7(),
  tenant_code VARCHAR(50) NOT NULL UNIQUE,
  tenant_name VARCHAR(255) NOT NULL,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE TABLE facilities (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v7(),
  tenant_id UUID NOT NULL REFERENCES tenants(id),
  facility_code VARCHAR(50) NOT NULL,
  facility_name VARCHAR(255) NOT NULL,
  timezone VARCHAR(50) NOT NULL DEFAULT 'UTC'
);
CREATE TABLE materials (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v7(),
  tenant_id UUID NOT NULL REFERENCES tenants(id),
  material_code VARCHAR(100) NOT NULL,
  description TEXT,
  base_uom VARCHAR(10) NOT NULL DEFAULT 'EA',
  standard_cost DECIMAL(15,4),
  UNIQUE (tenant_id, material_code)
);
CREATE TABLE vendors (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v7(),
  tenant_id UUID NOT NULL REFERENCES tenants(id),
  vendor_code VARCHAR(50) NOT NULL,
  vendor_name VARCHAR(255) NOT NULL
);
ALTER TABLE materials ENABLE ROW LEVEL SECURITY;
CREATE POLICY erp_materials_tenant ON materials
  USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);

CREATE TABLE demand_history (
  demand_history_id          UUID PRIMARY KEY DEFAULT uuid_generate_v7(),
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
  CONSTRAINT demand_history_unique_day
    UNIQUE (tenant_id, facility_id, material_id, demand_date)
);

CREATE TABLE forecast_models (
  forecast_model_id     UUID PRIMARY KEY DEFAULT uuid_generate_v7(),
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

CREATE TABLE material_forecasts (
  material_forecast_id          UUID PRIMARY KEY DEFAULT uuid_generate_v7(),
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
  CONSTRAINT material_forecasts_unique_version
    UNIQUE (tenant_id, facility_id, material_id, forecast_date, forecast_version)
);

CREATE TABLE forecast_accuracy_metrics (
  metric_id                UUID PRIMARY KEY DEFAULT uuid_generate_v7(),
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

CREATE TABLE replenishment_suggestions (
  suggestion_id                   UUID PRIMARY KEY DEFAULT uuid_generate_v7(),
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

CREATE INDEX idx_demand_history_tenant_facility ON demand_history (tenant_id, facility_id);

ALTER TABLE demand_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE forecast_models ENABLE ROW LEVEL SECURITY;
ALTER TABLE material_forecasts ENABLE ROW LEVEL SECURITY;
ALTER TABLE forecast_accuracy_metrics ENABLE ROW LEVEL SECURITY;
ALTER TABLE replenishment_suggestions ENABLE ROW LEVEL SECURITY;
CREATE POLICY erp_tenant_isolation_dh ON demand_history
  USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);
CREATE POLICY erp_tenant_isolation_fm ON forecast_models
  USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);
CREATE POLICY erp_tenant_isolation_mf ON material_forecasts
  USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);
CREATE POLICY erp_tenant_isolation_fam ON forecast_accuracy_metrics
  USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);
CREATE POLICY erp_tenant_isolation_rs ON replenishment_suggestions
  USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);
