package io.contactdesk.dbwriter.users;

import static io.contactdesk.dbwriter.database.SqlParam.bigint;
import static io.contactdesk.dbwriter.database.SqlParam.bool;
import static io.contactdesk.dbwriter.database.SqlParam.text;
import static io.contactdesk.dbwriter.database.SqlParam.timestamptz;

import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.dbwriter.database.SqlParam;
import io.contactdesk.dbwriter.ingest.TopicTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code users}: the latest profile of each Telegram user. The topic is compacted and may be
 * replayed from any point, so {@code updated_at} decides: an older profile never overwrites a newer one.
 * {@code forgotten_at} only moves forward: a forgotten profile (no names, {@code /forgetme}) makes the V4 triggers
 * delete the user's earlier unlocks and ledger reasons, and keep replayed ones out.
 */
@Component
public class UsersTable implements TopicTable<UserProfile> {

    static final String INSERT = """
            INSERT INTO users (user_id, username, first_name, language_code, is_admin, banned, blocked,
                               registered_at, updated_at, forgotten_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET
                username = EXCLUDED.username,
                first_name = EXCLUDED.first_name,
                language_code = EXCLUDED.language_code,
                is_admin = EXCLUDED.is_admin,
                banned = EXCLUDED.banned,
                blocked = EXCLUDED.blocked,
                registered_at = EXCLUDED.registered_at,
                updated_at = EXCLUDED.updated_at,
                forgotten_at = GREATEST(users.forgotten_at, EXCLUDED.forgotten_at)
            WHERE users.updated_at IS NULL OR users.updated_at <= EXCLUDED.updated_at
            """;

    @Override
    public Topic<String, UserProfile> topic() {
        return Topics.USERS;
    }

    @Override
    public String table() {
        return "users";
    }

    @Override
    public String insertSql() {
        return INSERT;
    }

    @Override
    public List<SqlParam> parameters(UserProfile user) {
        return List.of(
                bigint(user.userId()),
                text(user.username()),
                text(user.firstName()),
                text(user.languageCode()),
                bool(user.admin()),
                bool(user.banned()),
                bool(user.blocked()),
                timestamptz(user.registeredAt()),
                timestamptz(user.updatedAt()),
                timestamptz(user.forgottenAt()));
    }

    @Override
    public Object rowKey(UserProfile user) {
        return user.userId();
    }

    /** As the upsert's guard decides: the later {@code updatedAt} wins, and on a tie the later record. */
    @Override
    public boolean supersedes(UserProfile candidate, UserProfile kept) {
        return !orOldest(candidate.updatedAt()).isBefore(orOldest(kept.updatedAt()));
    }

    @Override
    public Optional<String> rejection(UserProfile user) {
        // A missing userId reads as 0: that is no Telegram user.
        return user.userId() > 0 ? Optional.empty() : Optional.of("userId must be a Telegram user id, got " + user.userId());
    }

    private static Instant orOldest(Instant time) {
        return time == null ? Instant.MIN : time;
    }
}
