-- The Stars reconciliation's claims: one row per bot and period (period_end: where the window checked ends),
-- inserted by the notifier that checks it (INSERT ... ON CONFLICT), so one notifier of all checks each period. A claim
-- left unfinished (its notifier died mid-check) is taken over after a while. scan_from is the getStarTransactions
-- offset of the first transaction the check kept, dated scanned_since or later: the next
-- check pages on from there, unless it must reach back further (scanned_since later than it needs).
CREATE TABLE IF NOT EXISTS reconciliation_runs (
    bot_id        BIGINT      NOT NULL,
    period_end    TIMESTAMPTZ NOT NULL,
    claimed_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    differences   INT,
    scan_from     INT,
    scanned_since TIMESTAMPTZ,
    PRIMARY KEY (bot_id, period_end)
);
