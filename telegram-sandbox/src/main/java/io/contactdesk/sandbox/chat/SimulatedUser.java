package io.contactdesk.sandbox.chat;

/** A simulated Telegram user; in a private chat the chat id is the user id. */
public record SimulatedUser(long id, String firstName, String username, String languageCode) {

    public static SimulatedUser initial(long id) {
        return new SimulatedUser(id, "User " + id, "user" + id, "en");
    }

    /** A later message may tell more about the user; fields it leaves out keep their value. */
    public SimulatedUser with(String newFirstName, String newUsername, String newLanguageCode) {
        return new SimulatedUser(id,
                newFirstName != null ? newFirstName : firstName,
                newUsername != null ? newUsername : username,
                newLanguageCode != null ? newLanguageCode : languageCode);
    }
}
