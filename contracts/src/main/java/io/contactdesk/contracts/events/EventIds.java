package io.contactdesk.contracts.events;

/**
 * Deterministic ids: every derived event is named after its cause, so a replay or retry produces
 * the same id and {@code INSERT … ON CONFLICT DO NOTHING} makes it harmless end to end.
 */
public final class EventIds {

    private EventIds() {
    }

    /**
     * The cause id of everything a Telegram update leads to: {@code update:17} in epoch 0, {@code update:e2.17} after
     * Telegram's ids restarted twice ({@link UpdateRef}).
     */
    public static String update(UpdateRef update) {
        return update.epoch() == 0 ? "update:" + update.updateId() : "update:e" + update.epoch() + "." + update.updateId();
    }

    /** The cause id of an update of epoch 0. */
    public static String update(long updateId) {
        return update(new UpdateRef(0, updateId));
    }

    /** The {@code n}-th effect of one cause of a given kind, e.g. {@code update:17/reply:0}. */
    public static String derived(String causeId, String kind, int n) {
        return causeId + "/" + kind + ":" + n;
    }
}
