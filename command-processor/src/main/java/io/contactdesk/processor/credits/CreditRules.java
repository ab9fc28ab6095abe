package io.contactdesk.processor.credits;

/** How many credits a new user gets, what unlocking a contact costs, and what an approved listing earns. */
public record CreditRules(int signupBonus, int unlockCost, int listingReward) {
}
