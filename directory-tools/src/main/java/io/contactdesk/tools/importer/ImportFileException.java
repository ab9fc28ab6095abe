package io.contactdesk.tools.importer;

/** The file as a whole cannot be imported (no usable header, broken quoting): nothing of it is published. */
public class ImportFileException extends Exception {

    public ImportFileException(String message) {
        super(message);
    }
}
