-- The release calendar: schedules that start a run of a kind on a cron expression in a time zone. Each schedule has
-- one db-scheduler execution (task 'fire-schedule', instance = schedule name) due at its next fire time; the run a
-- firing starts carries the idempotency key 'schedule:<name>:<fire time>', so a takeover never starts it twice.
CREATE TABLE release_schedules (
    name         VARCHAR(100)             NOT NULL PRIMARY KEY,
    cron         VARCHAR(200)             NOT NULL,
    zone         VARCHAR(64)              NOT NULL,
    kind         VARCHAR(100)             NOT NULL,
    parameters   TEXT                     NOT NULL,
    dry_run      BOOLEAN                  NOT NULL,
    missed_fire  VARCHAR(16)              NOT NULL,
    -- JSON list of ISO dates (in the schedule's zone) on which the schedule does not fire: holidays, one-off skips
    skip_dates   TEXT                     NOT NULL,
    paused       BOOLEAN                  NOT NULL,
    created_by   VARCHAR(200)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the last fire time handled, what it did (started, skipped-date, skipped-missed, failed) and the run it started
    last_fire_at TIMESTAMP WITH TIME ZONE,
    last_outcome VARCHAR(200),
    last_run_id  VARCHAR(64),
    last_fired_by VARCHAR(100),
    version      BIGINT                   NOT NULL
);
