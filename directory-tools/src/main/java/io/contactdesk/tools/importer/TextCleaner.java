package io.contactdesk.tools.importer;

/**
 * Makes a CSV field safe to keep and show: control and invisible formatting characters removed (they can hide or
 * reorder what others read), runs of spaces collapsed, trimmed. Same rules as the processor's {@code UserText}, so an
 * imported listing looks like a submitted one; line breaks survive only where a field may span lines (description).
 */
final class TextCleaner {

    private TextCleaner() {
    }

    static String clean(String text, boolean multiline) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        // CR LF inside a quoted field is one line break, not two.
        text.replace("\r\n", "\n").codePoints().forEach(c -> {
            if (c == '\n' && multiline) {
                clean.append('\n');
            } else if (c == '\n' || c == '\t' || c == '\r') {
                clean.append(' '); // a break between words must not glue them together
            } else if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT) {
                clean.appendCodePoint(c);
            }
        });
        return clean.toString().replaceAll("[ ]{2,}", " ").replaceAll(" ?\n ?", "\n").replaceAll("\n{3,}", "\n\n").trim();
    }
}
