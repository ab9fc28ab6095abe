package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.InlineButton;
import io.contactdesk.contracts.events.InlineKeyboard;
import io.contactdesk.processor.directory.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Inline keyboards, built row by row. */
final class Keyboards {

    private final List<List<InlineButton>> rows = new ArrayList<>();

    static Keyboards create() {
        return new Keyboards();
    }

    Keyboards row(InlineButton... buttons) {
        if (buttons.length > 0) {
            rows.add(List.of(buttons));
        }
        return this;
    }

    Keyboards rows(List<InlineButton> buttons, int perRow) {
        for (int i = 0; i < buttons.size(); i += perRow) {
            rows.add(List.copyOf(buttons.subList(i, Math.min(buttons.size(), i + perRow))));
        }
        return this;
    }

    /** ◀ Prev · k/n · Next ▶ (in the user's words), showing only the arrows that lead somewhere. */
    Keyboards pager(Replies replies, Page<?> page, IntFunction<String> pageData) {
        if (page.count() <= 1) {
            return this;
        }
        List<InlineButton> row = new ArrayList<>();
        if (page.hasPrevious()) {
            row.add(button(replies.text("button.previous"), pageData.apply(page.number() - 1)));
        }
        row.add(button(page.number() + "/" + page.count(), "noop"));
        if (page.hasNext()) {
            row.add(button(replies.text("button.next"), pageData.apply(page.number() + 1)));
        }
        rows.add(row);
        return this;
    }

    static InlineButton button(String text, String data) {
        return new InlineButton(text, data);
    }

    InlineKeyboard build() {
        return rows.isEmpty() ? null : InlineKeyboard.of(rows);
    }
}
