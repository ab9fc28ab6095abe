-- The tg.outbox records a notifier settled (sent, dead-lettered, or refused because the user blocked the bot) above
-- their partition's committed offset. A partition's offset cannot be committed past its lowest unsettled record, and no
-- commit lands while the broker is away; a notifier killed then leaves its next owner to read these rows and not send
-- those records again (docs/reliability.md, finding 11). record_time is the record's Kafka timestamp: a row matches a
-- record only if both agree, so a topic deleted and created again never has its new records skipped. Rows below a
-- partition's committed offset are pruned as commits land; rows older than a week, whatever their offset.
CREATE TABLE IF NOT EXISTS outbox_settled (
    topic           TEXT        NOT NULL,
    kafka_partition INT         NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    record_time     BIGINT      NOT NULL,
    settled_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
);
CREATE INDEX IF NOT EXISTS outbox_settled_by_age ON outbox_settled (settled_at);
