package io.contactdesk.processor.credits;

/** How many credits a new user gets and what unlocking a contact costs. */
public record CreditRules(int signupBonus, int unlockCost) {
}
