package io.contactdesk.processor.admin;

/** What an {@link AccountCommand} does to the target account. */
public enum AccountCommandType {
    GRANT,
    REVOKE,
    BAN,
    UNBAN,
    LISTING_APPROVED,
    LISTING_REJECTED
}
