-- The latest profile of each Telegram user, as published on the compacted users topic.
-- updated_at orders versions of one profile: the writer never lets an older one overwrite a newer one.
CREATE TABLE users (
    user_id       bigint PRIMARY KEY,
    username      text,
    first_name    text,
    language_code text,
    is_admin      boolean NOT NULL DEFAULT false,
    banned        boolean NOT NULL DEFAULT false,
    blocked       boolean NOT NULL DEFAULT false,
    registered_at timestamptz,
    updated_at    timestamptz
);

-- Append-only: every change of a user's credits, keyed by the deterministic id derived from its cause.
-- No foreign key to users: the two topics are consumed independently, so an entry may land before
-- the profile of its user.
CREATE TABLE credit_ledger (
    entry_id      text PRIMARY KEY,
    user_id       bigint NOT NULL,
    delta         bigint NOT NULL,
    balance_after bigint NOT NULL CHECK (balance_after >= 0),
    kind          text NOT NULL,
    reason        text,
    cause_id      text,
    recorded_at   timestamptz,
    written_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX credit_ledger_user_recorded ON credit_ledger (user_id, recorded_at);

-- Balances as the ledger sums them; equals each user's latest balance_after while the ledger is whole.
CREATE VIEW user_balances AS
SELECT user_id, sum(delta)::bigint AS balance, count(*) AS entries
FROM credit_ledger
GROUP BY user_id;
