package io.contactdesk.contracts.html;

/** Telegram HTML: what a user typed is shown as text, never as markup. */
public final class Html {

    private Html() {
    }

    /** Escapes the three characters Telegram's HTML parse mode gives meaning to (and quotes, for attributes). */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
