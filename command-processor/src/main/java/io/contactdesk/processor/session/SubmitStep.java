package io.contactdesk.processor.session;

/** Where a submission conversation stands: what the bot asked last. */
public enum SubmitStep {
    TITLE,
    CATEGORY,
    CITY,
    DESCRIPTION,
    CONTACT,
    CONFIRM
}
