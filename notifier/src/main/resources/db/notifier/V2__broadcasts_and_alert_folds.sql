-- Broadcasts: one row per recipient, claimed before the call (INSERT ... ON CONFLICT DO NOTHING), so that a notifier
-- that crashed mid-broadcast, or a record redelivered after a rebalance, never sends the same user the broadcast
-- twice. outcome: 'sending' (claimed, call under way), then 'sent', 'blocked' or 'failed'.
CREATE TABLE IF NOT EXISTS broadcast_deliveries (
    outbox_id    TEXT PRIMARY KEY,
    broadcast_id TEXT        NOT NULL,
    chat_id      BIGINT      NOT NULL,
    outcome      TEXT        NOT NULL,
    at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS broadcast_deliveries_broadcast ON broadcast_deliveries (broadcast_id, outcome);

-- The admin's status message of each broadcast: the counts and text it last showed. Its row lock decides which
-- notifier edits it (SELECT ... FOR UPDATE SKIP LOCKED); finished once the final text is shown.
CREATE TABLE IF NOT EXISTS broadcast_progress (
    broadcast_id      TEXT PRIMARY KEY,
    sent              INT         NOT NULL DEFAULT 0,
    blocked           INT         NOT NULL DEFAULT 0,
    failed            INT         NOT NULL DEFAULT 0,
    status_chat_id    BIGINT      NOT NULL,
    status_message_id BIGINT      NOT NULL,
    recipients        INT         NOT NULL DEFAULT 0,
    last_text         TEXT,
    finished          BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- Admin alerts folded by fingerprint across notifiers: the first of a fingerprint is sent at once, repeats within the
-- window are counted, and a summary job sends (and resets) due counts. sent_alert_id is the alert last sent at once,
-- which tells its upsert "send now" from "count" without a second statement.
CREATE TABLE IF NOT EXISTS alert_folds (
    fingerprint       TEXT PRIMARY KEY,
    first_sent_at     TIMESTAMPTZ NOT NULL,
    sent_alert_id     TEXT        NOT NULL,
    window_started_at TIMESTAMPTZ NOT NULL,
    count_in_window   INT         NOT NULL,
    last_message      TEXT,
    service           TEXT
);
CREATE INDEX IF NOT EXISTS alert_folds_due ON alert_folds (window_started_at) WHERE count_in_window > 0;
