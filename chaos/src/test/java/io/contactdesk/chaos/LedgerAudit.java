package io.contactdesk.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One user's credit_ledger rows, replayed in {@code sequence} order and held against the driver's own model of what it
 * asked for. The harness computes every running balance itself: the table's {@code CHECK (balance_after >= 0)} would
 * refuse a negative row rather than show it, so a refused insert surfaces here as a missing row, and in the dead
 * letters.
 */
final class LedgerAudit {

    static final String SIGNUP = "SIGNUP_BONUS";
    static final String GRANT = "GRANT";
    static final String REVOKE = "REVOKE";
    static final String UNLOCK = "UNLOCK";

    /** A row as PostgreSQL has it. */
    record Row(long sequence, String kind, long delta, long balanceAfter, String reason) {
    }

    /**
     * What the driver did for one user.
     *
     * @param grants   reason marker → credits granted
     * @param revokes  reason marker → credits asked to revoke (the processor takes at most what there is)
     * @param unlocked listings whose tap revealed the contact
     * @param unseen   listings tapped just before the user blocked the bot: charged or not, the bot could not show it
     */
    record Model(long signupBonus, long unlockCost, Map<String, Long> grants, Map<String, Long> revokes,
            Set<String> unlocked, Set<String> unseen) {
        Model(long signupBonus, long unlockCost, Map<String, Long> grants, Map<String, Long> revokes,
                Set<String> unlocked) {
            this(signupBonus, unlockCost, grants, revokes, unlocked, Set.of());
        }
    }

    /** The findings, by verdict: sequence (the rows disagree with themselves), model (with the driver). */
    record Findings(List<String> sequence, List<String> model, long sum) {
        boolean clean() {
            return sequence.isEmpty() && model.isEmpty();
        }
    }

    private LedgerAudit() {
    }

    static Findings audit(List<Row> rowsInSequenceOrder, Model model) {
        List<String> sequence = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        long balance = 0;
        long expectedSequence = 1;
        boolean touchedZero = false;
        int signups = 0;
        Map<String, Integer> grantRows = new HashMap<>();
        Map<String, Integer> revokeRows = new HashMap<>();
        Set<String> unlockRows = new HashSet<>();
        for (Row row : rowsInSequenceOrder) {
            if (row.sequence() != expectedSequence) {
                sequence.add("sequence " + row.sequence() + " where " + expectedSequence + " was next");
            }
            expectedSequence = row.sequence() + 1;
            long before = balance;
            balance += row.delta();
            if (balance < 0) {
                sequence.add("balance " + balance + " after sequence " + row.sequence());
            }
            if (row.balanceAfter() != balance) {
                sequence.add("balance_after " + row.balanceAfter() + " at sequence " + row.sequence()
                        + ", the deltas sum to " + balance);
            }
            switch (row.kind()) {
                case SIGNUP -> {
                    signups++;
                    if (row.delta() != model.signupBonus()) {
                        wrong.add("sign-up bonus " + row.delta());
                    }
                }
                case GRANT -> {
                    grantRows.merge(row.reason(), 1, Integer::sum);
                    Long asked = model.grants().get(row.reason());
                    if (asked == null || asked != row.delta()) {
                        wrong.add("grant " + row.reason() + " of " + row.delta() + ", the driver granted " + asked);
                    }
                }
                case REVOKE -> {
                    revokeRows.merge(row.reason(), 1, Integer::sum);
                    Long asked = model.revokes().get(row.reason());
                    if (asked == null || -row.delta() != Math.min(asked, before)) {
                        wrong.add("revoke " + row.reason() + " took " + -row.delta() + " of " + before + ", asked "
                                + asked);
                    }
                }
                case UNLOCK -> {
                    String listing = row.reason() == null ? "" : row.reason().replaceFirst("^unlock ", "");
                    if (!unlockRows.add(listing)) {
                        wrong.add("listing " + listing + " charged twice");
                    }
                    if (row.delta() != -model.unlockCost()) {
                        wrong.add("unlock of " + listing + " charged " + -row.delta());
                    }
                }
                default -> wrong.add("unexpected entry " + row.kind() + " " + row.delta());
            }
            touchedZero |= balance == 0;
        }
        if (signups != 1) {
            wrong.add(signups + " sign-up bonus entries");
        }
        model.grants().keySet().stream().filter(marker -> grantRows.getOrDefault(marker, 0) != 1)
                .forEach(marker -> wrong.add("grant " + marker + " has " + grantRows.getOrDefault(marker, 0) + " rows"));
        for (String marker : model.revokes().keySet()) {
            int rows = revokeRows.getOrDefault(marker, 0);
            // A revoke that found 0 credits takes nothing and writes no row: only possible where the balance was 0.
            if (rows > 1 || rows == 0 && !touchedZero) {
                wrong.add("revoke " + marker + " has " + rows + " rows");
            }
        }
        Set<String> charged = new HashSet<>(unlockRows);
        charged.removeAll(model.unseen());
        Set<String> revealed = new HashSet<>(model.unlocked());
        revealed.removeAll(model.unseen());
        if (!unlockRows.containsAll(model.unlocked()) || !charged.equals(revealed)) {
            wrong.add("unlock entries " + unlockRows + ", contacts revealed " + model.unlocked());
        }
        return new Findings(sequence, wrong, balance);
    }
}
