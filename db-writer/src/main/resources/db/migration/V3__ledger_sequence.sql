-- The order a user's entries were applied in. recorded_at is when their cause happened, and an admin's grant can
-- be applied after the user's own later actions; ordering by sequence makes the last entry's balance_after the
-- balance. 0 marks entries written before the processor numbered them.
ALTER TABLE credit_ledger ADD COLUMN sequence bigint NOT NULL DEFAULT 0;
CREATE INDEX credit_ledger_user_sequence ON credit_ledger (user_id, sequence);
