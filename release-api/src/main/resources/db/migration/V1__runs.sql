-- Runs and their events. Written for PostgreSQL; also runs on H2 in PostgreSQL mode (the embedded default).
-- JSON documents are TEXT: they are read and written whole by the run store, never queried.
CREATE TABLE runs (
    id              VARCHAR(64)              NOT NULL PRIMARY KEY,
    kind            VARCHAR(100)             NOT NULL,
    state           VARCHAR(32)              NOT NULL,
    dry_run         BOOLEAN                  NOT NULL,
    requested_by    VARCHAR(200),
    idempotency_key VARCHAR(255),
    request_hash    VARCHAR(128),
    parameters      TEXT                     NOT NULL,
    approval_policy TEXT                     NOT NULL,
    approvals       TEXT                     NOT NULL,
    steps           TEXT                     NOT NULL,
    reason          TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- compare-and-set: UPDATE ... WHERE id = ? AND version = ?
    version         BIGINT                   NOT NULL,
    -- the last event sequence handed out; incremented under the row lock by each append
    last_sequence   BIGINT                   NOT NULL DEFAULT 0,
    CONSTRAINT runs_idempotency_key_unique UNIQUE (idempotency_key)
);

CREATE INDEX runs_created_idx ON runs (created_at);
CREATE INDEX runs_state_created_idx ON runs (state, created_at);
CREATE INDEX runs_kind_created_idx ON runs (kind, created_at);

CREATE TABLE run_events (
    run_id   VARCHAR(64)              NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    sequence BIGINT                   NOT NULL,
    type     VARCHAR(40)              NOT NULL,
    step     VARCHAR(200),
    at       TIMESTAMP WITH TIME ZONE NOT NULL,
    data     TEXT                     NOT NULL,
    PRIMARY KEY (run_id, sequence)
);
