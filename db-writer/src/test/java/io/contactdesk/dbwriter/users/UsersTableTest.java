package io.contactdesk.dbwriter.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.dbwriter.database.SqlParam;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsersTableTest {

    private static final Instant REGISTERED = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-11-02T10:00:00Z");

    private final UsersTable table = new UsersTable();

    @Test
    void profileBecomesTheUpsertParametersInColumnOrder() {
        UserProfile profile = new UserProfile(42, "alice", "Alice", "en", true, false, true, REGISTERED, UPDATED);

        List<SqlParam> params = table.parameters(profile);

        assertThat(params).extracting(SqlParam::value).containsExactly(
                42L, "alice", "Alice", "en", true, false, true,
                REGISTERED.atOffset(ZoneOffset.UTC), UPDATED.atOffset(ZoneOffset.UTC), null);
        assertThat(params.get(8).sqlType()).isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Test
    void missingFieldsBindAsTypedNulls() {
        List<SqlParam> params = table.parameters(new UserProfile(42, null, null, null, false, false, false, null, null));

        assertThat(params.get(1)).isEqualTo(new SqlParam(null, Types.VARCHAR));
        assertThat(params.get(8)).isEqualTo(new SqlParam(null, Types.TIMESTAMP_WITH_TIMEZONE));
    }

    @Test
    void laterProfileOfAPollSupersedesAnEarlierOne() {
        UserProfile older = profile(UPDATED);
        UserProfile newer = profile(UPDATED.plusSeconds(1));

        assertThat(table.supersedes(newer, older)).isTrue();
        assertThat(table.supersedes(older, newer)).isFalse();
        assertThat(table.supersedes(profile(UPDATED), older)).as("a tie goes to the later record").isTrue();
        assertThat(table.supersedes(profile(null), older)).isFalse();
    }

    @Test
    void profileWithoutUserIdIsRejected() {
        assertThat(table.rejection(new UserProfile(0, "x", null, null, false, false, false, null, UPDATED)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("userId"));
        assertThat(table.rejection(profile(UPDATED))).isEmpty();
    }

    private static UserProfile profile(Instant updatedAt) {
        return new UserProfile(42, "alice", "Alice", "en", false, false, false, REGISTERED, updatedAt);
    }
}
