-- The latest state of each directory listing, as published on the compacted listings topic.
-- The contact is only ever a ContactCipher envelope (v1:<keyId>:<base64(iv ‖ ciphertext ‖ tag)>): the writer
-- dead-letters anything else, and the CHECK below refuses it should a value get past the writer.
-- updated_at orders versions of one listing: the writer never lets an older one overwrite a newer one.
CREATE TABLE listings (
    listing_id     text PRIMARY KEY,
    title          text,
    category       text,
    city           text,
    description    text,
    sealed_contact text NOT NULL
        CONSTRAINT listings_sealed_contact_is_envelope
        CHECK (sealed_contact ~ '^v1:[A-Za-z0-9_-]+:([A-Za-z0-9+/]{4})+([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$'),
    contact_key_id text,
    status         text NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'REJECTED', 'REMOVED')),
    submitted_by   bigint,
    submitted_at   timestamptz,
    decided_by     bigint,
    decided_at     timestamptz,
    updated_at     timestamptz NOT NULL,
    -- When the writer last wrote the row (a replay of the same version writes it again).
    written_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX listings_status_category ON listings (status, category);
CREATE INDEX listings_updated_at ON listings (updated_at);

-- One per user and listing; ledger_entry_id names the credit_ledger entry that paid for it.
-- No foreign keys: the topics are consumed independently, so an unlock may land before its listing or entry.
CREATE TABLE unlocks (
    unlock_id       text PRIMARY KEY,
    user_id         bigint NOT NULL,
    listing_id      text NOT NULL,
    ledger_entry_id text,
    cost            bigint NOT NULL CHECK (cost >= 0),
    unlocked_at     timestamptz,
    written_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT unlocks_user_listing UNIQUE (user_id, listing_id)
);

CREATE INDEX unlocks_listing ON unlocks (listing_id);

-- Append-only: admin and security actions, keyed by the deterministic id derived from their cause.
CREATE TABLE audit_log (
    audit_id   text PRIMARY KEY,
    actor_id   bigint NOT NULL,
    action     text NOT NULL,
    target     text,
    details    jsonb NOT NULL DEFAULT '{}'::jsonb,
    at         timestamptz,
    written_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_actor_at ON audit_log (actor_id, at);
CREATE INDEX audit_log_target_at ON audit_log (target, at);
