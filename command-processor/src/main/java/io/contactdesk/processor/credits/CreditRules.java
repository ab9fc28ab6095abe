package io.contactdesk.processor.credits;

/**
 * How many credits a new user gets, what unlocking a contact costs, what an approved listing earns, and what each of
 * the two users of a referral gets.
 */
public record CreditRules(int signupBonus, int unlockCost, int listingReward, int referralBonus) {
}
