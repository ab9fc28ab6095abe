package io.contactdesk.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.tools.importer.ImportListings;
import io.contactdesk.tools.importer.ListingIds;
import io.contactdesk.tools.rotation.RotateContactKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolSettingsTest {

    @Test
    void defaultsToALocalBroker() {
        ToolSettings settings = ToolSettings.fromEnv(Map.of(ContactCipher.VARIABLE, ContactCipher.generateKeyringEntry("k1")));

        assertThat(settings.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.cipher().activeKeyId()).isEqualTo("k1");
        assertThat(settings.partitions()).isEqualTo(12);
    }

    @Test
    void aMissingKeyringExitsWith2NamingTheVariable() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

        int importExit = ImportListings.run(new String[] {"whatever.csv"}, Map.of(), System.out, errStream);
        int rotateExit = RotateContactKeys.run(new String[0], Map.of(), System.out, errStream);

        assertThat(importExit).isEqualTo(2);
        assertThat(rotateExit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .hasSize(2).allSatisfy(line -> assertThat(line).startsWith("CONTACT_ENCRYPTION_KEYS "));
    }

    @Test
    void aMissingOrWeakListingIdKeyStopsTheImportNamingTheVariableNotItsValue() {
        String weak = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.UTF_8));
        for (String value : new String[] {null, "not base64!", weak}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Map<String, String> env = new HashMap<>(Map.of(ContactCipher.VARIABLE,
                    ContactCipher.generateKeyringEntry("k1")));
            if (value != null) {
                env.put(ListingIds.VARIABLE, value);
            }

            int exit = ImportListings.run(new String[] {"whatever.csv"}, env, System.out,
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                    .startsWith("LISTING_ID_KEY ").doesNotContain(weak).doesNotContain("not base64!");
        }
    }

    @Test
    void badCategoriesExitWith2NamingTheVariable() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of(ContactCipher.VARIABLE, ContactCipher.generateKeyringEntry("k1"),
                ListingIds.VARIABLE, ListingIds.generateKey(), "LISTING_CATEGORIES", "x".repeat(41));

        int exit = ImportListings.run(new String[] {"whatever.csv"}, env, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("LISTING_CATEGORIES ");
    }

    @Test
    void anUnreadableFileExitsWith1() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of(ContactCipher.VARIABLE, ContactCipher.generateKeyringEntry("k1"),
                ListingIds.VARIABLE, ListingIds.generateKey());

        int exit = ImportListings.run(new String[] {"/nonexistent/listings.csv"}, env, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("I/O error");
    }
}
