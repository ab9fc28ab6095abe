package io.contactdesk.processor.payments;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The packs of {@value #VARIABLE}, e.g. {@code 10:50,50:200,120:400} (credits:stars), in the order /buy shows them. */
public record CreditPacks(List<CreditPack> packs) {

    public static final String VARIABLE = "CREDIT_PACKS";
    public static final String DEFAULT = "10:50,50:200,120:400";
    /** One row of buttons each: more would crowd the chat. */
    static final int MAX_PACKS = 8;
    /** Telegram's ceiling for one invoice in Stars. */
    static final long MAX_STARS = 10_000;
    static final long MAX_CREDITS = 1_000_000;

    public CreditPacks {
        packs = List.copyOf(packs);
    }

    /** @throws InvalidSettingException naming {@value #VARIABLE} and the entry at fault */
    public static CreditPacks parse(String value) {
        String text = value == null || value.isBlank() ? DEFAULT : value.trim();
        List<CreditPack> packs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.trim();
            String[] parts = trimmed.split(":");
            if (parts.length != 2) {
                throw wrong("entry '" + trimmed + "' is not credits:stars");
            }
            long credits = number(parts[0], trimmed, MAX_CREDITS);
            long stars = number(parts[1], trimmed, MAX_STARS);
            CreditPack pack = new CreditPack(credits, stars);
            if (!ids.add(pack.id())) {
                throw wrong("lists " + trimmed + " twice");
            }
            packs.add(pack);
        }
        if (packs.size() > MAX_PACKS) {
            throw wrong("lists " + packs.size() + " packs, at most " + MAX_PACKS);
        }
        return new CreditPacks(packs);
    }

    public Optional<CreditPack> byId(String id) {
        return packs.stream().filter(pack -> pack.id().equals(id)).findFirst();
    }

    private static long number(String part, String entry, long max) {
        try {
            long value = Long.parseLong(part.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw wrong("entry '" + entry + "' needs whole numbers from 1 (stars at most " + MAX_STARS + ")");
    }

    private static InvalidSettingException wrong(String problem) {
        return new InvalidSettingException(VARIABLE, "must be credits:stars,… (e.g. " + DEFAULT + "): " + problem);
    }
}
