package io.contactdesk.processor.updates;

/**
 * Text a user typed, made safe to keep and show: control and invisible formatting characters removed (they can hide
 * or reorder what others read), whitespace trimmed. HTML escaping happens where it is rendered.
 */
public final class UserText {

    private UserText() {
    }

    public static String clean(String text, boolean multiline) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' && multiline) {
                clean.append('\n');
            } else if (c == '\n' || c == '\t' || c == '\r') {
                clean.append(' ');
            } else if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT) {
                clean.appendCodePoint(c);
            }
        });
        return clean.toString().replaceAll("[ ]{2,}", " ").replaceAll("\n{3,}", "\n\n").trim();
    }
}
