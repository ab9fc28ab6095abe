package io.contactdesk.bench.peer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The peer "as most Java bots are built" (issue 14): telegrambots' long-polling application, a fixed thread pool
 * handling each update as it comes (no per-chat order), JDBC through HikariCP. Same rules as contactdesk for the
 * commands the benchmark sends: /start grants credits once, /balance, /browse and its pages, /search, /view, unlock
 * charges once, a database write per credit change, the same per-user rate limit. Settings as grammY's peer.
 */
public final class TelegrambotsBot {

    private static final int PAGE = 5;

    record Listing(String id, String title, String category, String city, String description, String contact,
                   String haystack) {
    }

    private final TelegramClient telegram;
    private final HikariDataSource db;
    private final String schema;
    private final int bonus;
    private final int cost;
    private final int maxRequests;
    private final long windowMillis;
    private final List<Listing> listings = new ArrayList<>();
    private final List<String> categories = new ArrayList<>();
    private final Map<Long, long[]> windows = new ConcurrentHashMap<>();

    TelegrambotsBot(TelegramClient telegram, HikariDataSource db, String schema, int bonus, int cost, int maxRequests,
            long windowMillis) throws SQLException {
        this.telegram = telegram;
        this.db = db;
        this.schema = schema;
        this.bonus = bonus;
        this.cost = cost;
        this.maxRequests = maxRequests;
        this.windowMillis = windowMillis;
        try (Connection c = db.getConnection(); ResultSet r = c.createStatement().executeQuery(
                "select listing_id, title, category, city, description, contact from " + schema + ".listings order by listing_id")) {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            while (r.next()) {
                Listing l = new Listing(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), (r.getString(2) + " " + r.getString(3) + " " + r.getString(4) + " "
                        + r.getString(5)).toLowerCase(Locale.ROOT));
                listings.add(l);
                names.add(l.category());
            }
            categories.addAll(names);
        }
    }

    public static void main(String[] args) throws Exception {
        String token = required("TELEGRAM_TOKEN");
        URI api = URI.create(required("TELEGRAM_API_URL"));
        TelegramUrl url = new TelegramUrl(api.getScheme(), api.getHost(), api.getPort(), false);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(required("DATABASE_URL"));
        pool.setMaximumPoolSize(16);
        int threads = Integer.parseInt(System.getenv().getOrDefault("BOT_THREADS", "16"));
        TelegrambotsBot bot = new TelegrambotsBot(new OkHttpTelegramClient(token, url), new HikariDataSource(pool),
                required("PEER_SCHEMA"), Integer.parseInt(System.getenv().getOrDefault("SIGNUP_BONUS_CREDITS", "3")),
                Integer.parseInt(System.getenv().getOrDefault("UNLOCK_COST_CREDITS", "1")),
                Integer.parseInt(System.getenv().getOrDefault("RATE_LIMIT_MAX_REQUESTS", "10")),
                1000L * Integer.parseInt(System.getenv().getOrDefault("RATE_LIMIT_WINDOW_SECONDS", "60")));
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        TelegramBotsLongPollingApplication app = new TelegramBotsLongPollingApplication();
        app.registerBot(token, () -> url, offset -> GetUpdates.builder().offset(offset).limit(100).timeout(25)
                .allowedUpdates(List.of("message", "callback_query")).build(),
                updates -> updates.forEach(update -> workers.submit(() -> bot.handle(update))));
        System.out.println("telegrambots-peer: polling with " + bot.listings.size() + " listings, " + threads + " threads");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
    }

    void handle(Update update) {
        try {
            if (update.hasCallbackQuery()) {
                var query = update.getCallbackQuery();
                long userId = query.getFrom().getId();
                String limit = limited(userId);
                if ("drop".equals(limit)) {
                    return;
                }
                telegram.execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).build());
                if ("tell".equals(limit)) {
                    send(userId, "Slow down, try again in a minute.", null);
                    return;
                }
                tap(userId, query.getMessage().getMessageId(), query.getData());
            } else if (update.hasMessage() && update.getMessage().hasText()) {
                long userId = update.getMessage().getFrom().getId();
                String limit = limited(userId);
                if ("drop".equals(limit)) {
                    return;
                }
                if ("tell".equals(limit)) {
                    send(userId, "Slow down, try again in a minute.", null);
                    return;
                }
                command(userId, update.getMessage().getText().trim());
            }
        } catch (TelegramApiException | SQLException | RuntimeException e) {
            System.err.println("telegrambots-peer: handler failed: " + e);
        }
    }

    private String limited(long userId) {
        long now = System.currentTimeMillis();
        long[] w = windows.compute(userId, (id, old) -> old == null || now - old[0] >= windowMillis
                ? new long[] {now, 1, 0} : new long[] {old[0], old[1] + 1, old[2]});
        if (w[1] <= maxRequests) {
            return null;
        }
        synchronized (w) {
            if (w[2] == 0 && windows.get(userId) == w) {
                w[2] = 1;
                return "tell";
            }
        }
        return "drop";
    }

    private void command(long userId, String text) throws TelegramApiException, SQLException {
        String name = text.split("\\s+", 2)[0];
        String rest = text.length() > name.length() ? text.substring(name.length()).trim() : "";
        switch (name) {
            case "/start" -> {
                try (Connection c = db.getConnection()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement insert = c.prepareStatement("insert into " + schema
                            + ".users (user_id, credits) values (?, ?) on conflict do nothing")) {
                        insert.setLong(1, userId);
                        insert.setInt(2, bonus);
                        if (insert.executeUpdate() == 1) {
                            ledger(c, userId, bonus, "signup");
                        }
                    }
                    c.commit();
                }
                send(userId, "Welcome! You have " + credits(userId) + " credits. /browse to see the directory.", null);
            }
            case "/balance" -> send(userId, "You have " + credits(userId) + " credits.", null);
            case "/browse" -> send(userId, "Choose a category:", categoryKeyboard());
            case "/search" -> {
                String[] words = rest.toLowerCase(Locale.ROOT).split("\\s+");
                List<Listing> found = listings.stream().filter(l -> Arrays.stream(words)
                        .allMatch(l.haystack()::contains)).limit(PAGE).toList();
                if (found.isEmpty()) {
                    send(userId, "Nothing found.", null);
                } else {
                    send(userId, "Found " + found.size() + ":", listingKeyboard(found, -1, 1, 1));
                }
            }
            case "/view" -> view(userId, rest);
            default -> send(userId, "Unknown command. /browse, /search, /balance", null);
        }
    }

    private void tap(long userId, int messageId, String data) throws TelegramApiException, SQLException {
        if (data.equals("b")) {
            edit(userId, messageId, "Choose a category:", categoryKeyboard());
        } else if (data.startsWith("c:")) {
            String[] parts = data.split(":");
            int category = Integer.parseInt(parts[1]);
            List<Listing> in = listings.stream().filter(l -> l.category().equals(categories.get(category))).toList();
            int pages = Math.max(1, (in.size() + PAGE - 1) / PAGE);
            int page = Math.min(Math.max(1, Integer.parseInt(parts[2])), pages);
            edit(userId, messageId, categories.get(category) + " · page " + page + " of " + pages,
                    listingKeyboard(in.subList((page - 1) * PAGE, Math.min(in.size(), page * PAGE)), category, page, pages));
        } else if (data.startsWith("v:")) {
            view(userId, data.substring(2));
        } else if (data.startsWith("u:")) {
            unlock(userId, messageId, data.substring(2));
        }
    }

    private void view(long userId, String id) throws TelegramApiException {
        Listing l = listing(id);
        if (l == null) {
            send(userId, "No such listing.", null);
            return;
        }
        send(userId, text(l), keyboard(List.of(List.of(button("🔓 Unlock contact — " + cost + " credits", "u:" + l.id())))));
    }

    private void unlock(long userId, int messageId, String id) throws TelegramApiException, SQLException {
        Listing l = listing(id);
        if (l == null) {
            return;
        }
        boolean shown;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            long balance = 0;
            try (PreparedStatement s = c.prepareStatement("select credits from " + schema + ".users where user_id = ? for update")) {
                s.setLong(1, userId);
                try (ResultSet r = s.executeQuery()) {
                    balance = r.next() ? r.getLong(1) : 0;
                }
            }
            boolean already;
            try (PreparedStatement s = c.prepareStatement("select 1 from " + schema + ".unlocks where user_id = ? and listing_id = ?")) {
                s.setLong(1, userId);
                s.setString(2, id);
                try (ResultSet r = s.executeQuery()) {
                    already = r.next();
                }
            }
            shown = already || balance >= cost;
            if (!already && balance >= cost) {
                try (PreparedStatement s = c.prepareStatement("update " + schema + ".users set credits = credits - ? where user_id = ?")) {
                    s.setInt(1, cost);
                    s.setLong(2, userId);
                    s.executeUpdate();
                }
                ledger(c, userId, -cost, "unlock " + id);
                try (PreparedStatement s = c.prepareStatement("insert into " + schema + ".unlocks (user_id, listing_id) values (?, ?)")) {
                    s.setLong(1, userId);
                    s.setString(2, id);
                    s.executeUpdate();
                }
            }
            c.commit();
        }
        edit(userId, messageId, text(l) + (shown ? "\n\nContact: " + l.contact() : "\n\nNot enough credits: /start grants some once."), null);
    }

    private void ledger(Connection c, long userId, int delta, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into " + schema + ".ledger (user_id, delta, reason) values (?, ?, ?)")) {
            s.setLong(1, userId);
            s.setInt(2, delta);
            s.setString(3, reason);
            s.executeUpdate();
        }
    }

    private long credits(long userId) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select credits from " + schema + ".users where user_id = ?")) {
            s.setLong(1, userId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private Listing listing(String id) {
        return listings.stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
    }

    private static String text(Listing l) {
        return l.title() + "\n" + l.category() + " · " + l.city() + "\n" + l.description();
    }

    private InlineKeyboardMarkup categoryKeyboard() {
        List<List<InlineKeyboardButton>> rows = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            rows.add(List.of(button(categories.get(i), "c:" + i + ":1")));
        }
        return keyboard(rows);
    }

    private static InlineKeyboardMarkup listingKeyboard(List<Listing> items, int category, int page, int pages) {
        List<List<InlineKeyboardButton>> rows = new ArrayList<>();
        items.forEach(l -> rows.add(List.of(button(l.title(), "v:" + l.id()))));
        if (category >= 0) {
            List<InlineKeyboardButton> nav = new ArrayList<>();
            if (page > 1) {
                nav.add(button("◀ Prev", "c:" + category + ":" + (page - 1)));
            }
            if (page < pages) {
                nav.add(button("Next ▶", "c:" + category + ":" + (page + 1)));
            }
            if (!nav.isEmpty()) {
                rows.add(nav);
            }
            rows.add(List.of(button("◀ Categories", "b")));
        }
        return keyboard(rows);
    }

    private static InlineKeyboardButton button(String text, String data) {
        return InlineKeyboardButton.builder().text(text).callbackData(data).build();
    }

    private static InlineKeyboardMarkup keyboard(List<List<InlineKeyboardButton>> rows) {
        return InlineKeyboardMarkup.builder().keyboard(rows.stream().map(InlineKeyboardRow::new).toList()).build();
    }

    private void send(long chatId, String text, InlineKeyboardMarkup markup) throws TelegramApiException {
        telegram.execute(SendMessage.builder().chatId(chatId).text(text).replyMarkup(markup).build());
    }

    private void edit(long chatId, int messageId, String text, InlineKeyboardMarkup markup) throws TelegramApiException {
        telegram.execute(EditMessageText.builder().chatId(chatId).messageId(messageId).text(text).replyMarkup(markup).build());
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("telegrambots-peer: " + name + " is not set");
            System.exit(2);
        }
        return value;
    }
}
