package io.contactdesk.processor.commands;

/**
 * How far the search for a {@code /refund}'s charge got: the command went to every task, and each answers whether it
 * holds the charge. Once all have answered, none holding it means the charge is unknown to the bot.
 *
 * @param answered tasks that answered so far
 * @param found one of them holds the charge
 */
public record RefundLookup(int answered, boolean found) {

    public static final RefundLookup NOTHING_YET = new RefundLookup(0, false);

    public RefundLookup answer(boolean holdsCharge) {
        return new RefundLookup(answered + 1, found || holdsCharge);
    }

    /** Every one of {@code tasks} has answered: the search is over. */
    public boolean complete(int tasks) {
        return answered >= tasks;
    }

    /** Over, and nobody holds the charge: the admin must hear it, or they would wait for an answer forever. */
    public boolean unknownCharge(int tasks) {
        return complete(tasks) && !found;
    }
}
