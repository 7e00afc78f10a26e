-- invforecast schema version 3: the nightly run and its work queue (pg::run_nightly).
-- invforecast_runs has one row per run (tenant, facility, planning day): status and counts,
-- readable from SQL while the run goes on. invforecast_run_items is the work queue: one row per
-- material of the run, claimed in batches with SELECT ... FOR UPDATE SKIP LOCKED; the claim,
-- the forecast rows and the item's new status commit in one transaction, so a worker that dies
-- mid-batch leaves its items PENDING for another worker. Both tables follow the ERP's
-- conventions (tenant_id, row-level security by app.current_tenant_id). Idempotent.

DO $lock$ BEGIN PERFORM pg_advisory_xact_lock(1229870662, 0); END $lock$;

CREATE TABLE IF NOT EXISTS invforecast_runs (
  run_id           UUID PRIMARY KEY DEFAULT invforecast_uuid_v7(),
  tenant_id        UUID NOT NULL,
  facility_id      UUID NOT NULL,
  as_of_date       DATE NOT NULL,                -- first forecast day (history ends the day before)
  status           VARCHAR(30) NOT NULL DEFAULT 'RUNNING'
                   CHECK (status IN ('RUNNING', 'COMPLETED', 'COMPLETED_WITH_FAILURES', 'CANCELLED')),
  total_materials  INTEGER NOT NULL DEFAULT 0,
  done_materials   INTEGER NOT NULL DEFAULT 0,   -- written
  skipped_materials INTEGER NOT NULL DEFAULT 0,  -- too little history, unknown algorithm, ...
  failed_materials INTEGER NOT NULL DEFAULT 0,   -- plan() or a database error
  started_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at      TIMESTAMPTZ,
  created_by       VARCHAR(100)
);
CREATE INDEX IF NOT EXISTS idx_invforecast_runs_open
  ON invforecast_runs (tenant_id, facility_id, as_of_date, status);

CREATE TABLE IF NOT EXISTS invforecast_run_items (
  run_id      UUID NOT NULL REFERENCES invforecast_runs(run_id) ON DELETE CASCADE,
  material_id UUID NOT NULL,
  tenant_id   UUID NOT NULL,
  shard_key   NUMERIC(20,0) NOT NULL,            -- FNV-1a 64 of the material id (pg::shard_of)
  status      VARCHAR(20) NOT NULL DEFAULT 'PENDING'
              CHECK (status IN ('PENDING', 'DONE', 'SKIPPED', 'FAILED')),
  worker      VARCHAR(200),                      -- who finished it (host:pid/thread)
  forecast_version INTEGER,
  message     TEXT,                              -- why skipped or failed
  finished_at TIMESTAMPTZ,
  PRIMARY KEY (run_id, material_id)
);
CREATE INDEX IF NOT EXISTS idx_invforecast_run_items_pending
  ON invforecast_run_items (run_id, material_id) WHERE status = 'PENDING';

-- Storing a forecast version retires the material's ACTIVE forecast_models rows: without an
-- index on the material that UPDATE scans the whole table, once per material (quadratic in the
-- number of materials over a nightly run).
CREATE INDEX IF NOT EXISTS idx_forecast_models_material_status
  ON forecast_models (tenant_id, facility_id, material_id, model_status);

DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polname = 'invforecast_runs_tenant_isolation') THEN
    ALTER TABLE invforecast_runs ENABLE ROW LEVEL SECURITY;
    CREATE POLICY invforecast_runs_tenant_isolation ON invforecast_runs
      USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polname = 'invforecast_run_items_tenant_isolation') THEN
    ALTER TABLE invforecast_run_items ENABLE ROW LEVEL SECURITY;
    CREATE POLICY invforecast_run_items_tenant_isolation ON invforecast_run_items
      USING (tenant_id = current_setting('app.current_tenant_id', TRUE)::UUID);
  END IF;
END
$do$;

INSERT INTO invforecast_schema_version (version, description)
VALUES (3, 'nightly runs and their work queue')
ON CONFLICT (version) DO NOTHING;
