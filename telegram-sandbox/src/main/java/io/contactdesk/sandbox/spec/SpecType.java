package io.contactdesk.sandbox.spec;

import java.util.List;
import java.util.Map;

/**
 * A type of the published Bot API: either an object with fields or a union of subtypes.
 *
 * @param fields        by name, in the spec's order; empty for unions and for field-less objects
 * @param subtypes      type expressions a union stands for ({@code ChatMember} → {@code ChatMemberOwner}, …); empty
 *                      for plain objects
 * @param discriminator the field whose documented constant tells this subtype from its siblings, or null
 */
record SpecType(String name, Map<String, SpecField> fields, List<String> subtypes, Discriminator discriminator) {

    boolean isUnion() {
        return !subtypes.isEmpty();
    }

    /**
     * A field the spec documents as constant: {@code status} "always \"kicked\"" for ChatMemberBanned, {@code date}
     * "Always 0" for InaccessibleMessage, {@code type} "must be photo" for InputMediaPhoto.
     */
    record Discriminator(String field, String value) {
    }
}
