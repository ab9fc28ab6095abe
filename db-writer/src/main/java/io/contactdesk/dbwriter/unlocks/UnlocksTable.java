package io.contactdesk.dbwriter.unlocks;

import static io.contactdesk.dbwriter.database.SqlParam.bigint;
import static io.contactdesk.dbwriter.database.SqlParam.text;
import static io.contactdesk.dbwriter.database.SqlParam.timestamptz;

import io.contactdesk.contracts.events.ContactUnlocked;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.dbwriter.database.SqlParam;
import io.contactdesk.dbwriter.ingest.TopicTable;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code unlocks}: append-only, one per user and listing. An unlock id is derived from its cause, so a
 * replayed or re-sent unlock is the same unlock and is ignored; so is a second unlock of a listing the
 * user already holds.
 */
@Component
public class UnlocksTable implements TopicTable<ContactUnlocked> {

    static final String INSERT = """
            INSERT INTO unlocks (unlock_id, user_id, listing_id, ledger_entry_id, cost, unlocked_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;

    @Override
    public Topic<String, ContactUnlocked> topic() {
        return Topics.UNLOCKS;
    }

    @Override
    public String table() {
        return "unlocks";
    }

    @Override
    public String insertSql() {
        return INSERT;
    }

    @Override
    public List<SqlParam> parameters(ContactUnlocked unlock) {
        return List.of(
                text(unlock.unlockId()),
                bigint(unlock.userId()),
                text(unlock.listingId()),
                text(unlock.ledgerEntryId()),
                bigint(unlock.cost()),
                timestamptz(unlock.unlockedAt()));
    }

    @Override
    public Object rowKey(ContactUnlocked unlock) {
        return unlock.unlockId();
    }

    /** The first one: {@code DO NOTHING} keeps whichever unlock with an id was written first. */
    @Override
    public boolean supersedes(ContactUnlocked candidate, ContactUnlocked kept) {
        return false;
    }

    @Override
    public Optional<String> rejection(ContactUnlocked unlock) {
        if (unlock.unlockId() == null || unlock.unlockId().isBlank()) {
            return Optional.of("unlockId is blank");
        }
        if (unlock.userId() <= 0) {
            return Optional.of("userId must be a Telegram user id, got " + unlock.userId());
        }
        if (unlock.listingId() == null || unlock.listingId().isBlank()) {
            return Optional.of("listingId is blank");
        }
        return unlock.cost() >= 0 ? Optional.empty() : Optional.of("cost must not be negative, got " + unlock.cost());
    }
}
