-- Payments in Telegram Stars, one row per telegram_payment_charge_id: the key is Telegram's identity of a payment, so
-- a redelivered or replayed payment is the same row. ledger_entry_id names the PURCHASE entry that credited it (null
-- for a payment whose payload was not ours, which credited nothing). A refund fills refunded_at once, never back.
CREATE TABLE payments (
    telegram_payment_charge_id text        PRIMARY KEY,
    user_id                    bigint      NOT NULL,
    stars                      bigint      NOT NULL CHECK (stars > 0),
    credits                    bigint      NOT NULL CHECK (credits >= 0),
    ledger_entry_id            text,
    cause_id                   text,
    paid_at                    timestamptz NOT NULL,
    refunded_at                timestamptz,
    credits_reversed           bigint      NOT NULL DEFAULT 0 CHECK (credits_reversed BETWEEN 0 AND credits)
);
CREATE INDEX payments_user ON payments (user_id, paid_at);
