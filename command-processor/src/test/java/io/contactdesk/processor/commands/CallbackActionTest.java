package io.contactdesk.processor.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackActionTest {

    @Test
    void everyButtonTheBotMakesParsesBackToItsAction() {
        Map<String, CallbackAction> made = Map.ofEntries(
                Map.entry("b", new CallbackAction.ShowCategories()),
                Map.entry("noop", new CallbackAction.Nothing()),
                Map.entry(CallbackAction.categoryPage(3, 2), new CallbackAction.CategoryPage(3, 2)),
                Map.entry(CallbackAction.searchPage(4), new CallbackAction.SearchPage(4)),
                Map.entry(CallbackAction.view("imk-0123abcd"), new CallbackAction.View("imk-0123abcd")),
                Map.entry(CallbackAction.unlock("s17"), new CallbackAction.Unlock("s17")),
                Map.entry(CallbackAction.unlockedPage(2), new CallbackAction.UnlockedPage(2)),
                Map.entry(CallbackAction.historyPage(9), new CallbackAction.HistoryPage(9)),
                Map.entry(CallbackAction.submitCategory("17", 5), new CallbackAction.SubmitCategory("17", 5)),
                Map.entry(CallbackAction.submitConfirm("17", false), new CallbackAction.SubmitConfirm("17", false)),
                Map.entry(CallbackAction.moderate("s17", true), new CallbackAction.Moderate("s17", true)),
                Map.entry(CallbackAction.broadcast("b-17", true), new CallbackAction.BroadcastConfirm("b-17", true)),
                Map.entry(CallbackAction.buy("50x200"), new CallbackAction.Buy("50x200")),
                Map.entry(CallbackAction.forget(true, 12), new CallbackAction.Forget(true, 12)));

        made.forEach((data, action) -> assertThat(CallbackAction.parse(data)).as(data).contains(action));
    }

    @Test
    void everyButtonTheBotMakesFitsTelegramsSixtyFourBytes() {
        String longestId = "x".repeat(40);
        for (String data : List.of(CallbackAction.submitCategory(longestId, 9999), CallbackAction.view(longestId),
                CallbackAction.broadcast(longestId, false), CallbackAction.forget(false, 999_999_999_999_999_999L))) {
            assertThat(data.getBytes(StandardCharsets.UTF_8).length).as(data).isBetween(1, 64);
            assertThat(CallbackAction.parse(data)).as(data).isPresent();
        }
    }

    @Test
    void anythingButExactlyOneOfTheShapesIsNoAction() {
        for (String forged : List.of("", "junk", "u:", "c:99:1:1", "c:12345:1", "v:../../etc", "v:" + "x".repeat(41),
                "s:-1", "ma:", "mx:s17", "bc:y:", "buy:50", "buy:50x200x1", "fg:y:1234567890123456789", " b", "b ",
                "noop\n", "u:s17\u0000")) {
            assertThat(CallbackAction.parse(forged)).as("'%s'", forged).isEmpty();
        }
        assertThat(CallbackAction.parse(null)).isEmpty();
    }
}
