-- Which replica holds a run (executes its steps) and its fencing token. Each advance on a replica takes a new claim
-- (claim_epoch + 1); step state changes are written only WHERE claim_epoch still equals the writer's claim, and store
-- writes check it first, so a replica that was presumed dead and wakes up writes nothing after a takeover.
ALTER TABLE runs ADD COLUMN claim_epoch BIGINT NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN claimed_by VARCHAR(100);
ALTER TABLE runs ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
-- whether claimed_by executes the run right now (false once its advance ended; claimed_by then names the last holder)
ALTER TABLE runs ADD COLUMN claim_active BOOLEAN NOT NULL DEFAULT FALSE;
