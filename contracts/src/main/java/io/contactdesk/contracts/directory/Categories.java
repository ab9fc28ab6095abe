package io.contactdesk.contracts.directory;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The directory's categories, in the order the bot shows them. Buttons carry a category's index, not its name, to
 * stay within Telegram's 64 bytes of callback data.
 */
public record Categories(List<String> names) {

    public static final List<String> DEFAULT = List.of(
            "Plumbing", "Electrical", "Cleaning", "Moving", "Repairs", "Tutoring", "IT & Web", "Design",
            "Legal", "Accounting", "Health", "Beauty", "Events", "Other");

    public Categories {
        names = List.copyOf(names);
    }

    /** {@code LISTING_CATEGORIES}: comma-separated names, or the default list when unset. */
    public static Categories parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return new Categories(DEFAULT);
        }
        List<String> names = Arrays.stream(configured.split(",")).map(String::trim)
                .filter(name -> !name.isEmpty()).distinct().toList();
        if (names.isEmpty() || names.stream().anyMatch(name -> name.length() > 40)) {
            throw new InvalidSettingException("LISTING_CATEGORIES",
                    "must be comma-separated category names of at most 40 characters");
        }
        return new Categories(names);
    }

    public Optional<String> at(int index) {
        return index >= 0 && index < names.size() ? Optional.of(names.get(index)) : Optional.empty();
    }

    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** The category a user or a CSV file means, ignoring case: {@code "it & web"} is {@code IT & Web}. */
    public Optional<String> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return names.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
