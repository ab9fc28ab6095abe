package io.contactdesk.sandbox.chat;

/** A simulated Telegram user; in a private chat the chat id is the user id. */
public record UserProfile(long id, String firstName, String username, String languageCode) {

    public static UserProfile initial(long id) {
        return new UserProfile(id, "User " + id, "user" + id, "en");
    }

    /** A later message may tell more about the user; fields it leaves out keep their value. */
    public UserProfile with(String newFirstName, String newUsername, String newLanguageCode) {
        return new UserProfile(id,
                newFirstName != null ? newFirstName : firstName,
                newUsername != null ? newUsername : username,
                newLanguageCode != null ? newLanguageCode : languageCode);
    }
}
