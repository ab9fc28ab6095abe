package io.contactdesk.processor.payments;

/** What a user can buy: {@code credits} for {@code stars} Telegram Stars. */
public record CreditPack(long credits, long stars) {

    /** How buttons and payloads name the pack: {@code 50x200}. Two packs never share it ({@link CreditPacks}). */
    public String id() {
        return credits + "x" + stars;
    }
}
