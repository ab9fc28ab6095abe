-- Bucket4j's token buckets for flood control, shared by every notifier (one row per bucket: the bot-wide one
-- and one per chat). state is Bucket4j's serialized bucket; expires_at (epoch millis) lets full buckets go.
CREATE TABLE IF NOT EXISTS notifier_flood_buckets (
    id         VARCHAR(64) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX IF NOT EXISTS notifier_flood_buckets_expires_at ON notifier_flood_buckets (expires_at);
