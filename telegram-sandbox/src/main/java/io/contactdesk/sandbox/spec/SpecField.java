package io.contactdesk.sandbox.spec;

import java.util.List;

/**
 * One parameter of a method, or one field of a type, as the published Bot API describes it.
 *
 * @param types the alternatives the value may be, each as the spec spells it: {@code Integer}, {@code String},
 *              {@code Boolean}, {@code Float}, {@code InputFile}, {@code Array of X} or a type name
 */
public record SpecField(String name, List<String> types, boolean required) {
}
