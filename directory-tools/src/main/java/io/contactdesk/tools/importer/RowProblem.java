package io.contactdesk.tools.importer;

/** A skipped row and why, worded for the operator who fixes the file: {@code line 7: category "Foo" is not one of …}. */
public record RowProblem(int line, String reason) implements RowResult {

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
