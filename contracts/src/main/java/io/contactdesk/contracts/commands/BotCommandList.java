package io.contactdesk.contracts.commands;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The commands Telegram shows in the bot's menu (setMyCommands): what the processor answers to, described the way
 * its /help does. Admins see their commands too, in their own chats only; everyone else never learns they exist.
 */
public final class BotCommandList {

    /**
     * The languages the menu is also described in, besides English, as Telegram's {@code language_code}: the same as
     * the processor's message bundles (its {@code TextsBundleTest} checks the two agree).
     */
    public static final List<String> TRANSLATED_LANGUAGES = List.of("es");

    /**
     * One menu entry: a command without its slash (1–32 of a-z, 0-9, _) and 1–256 characters describing it, in
     * English and in each of {@link #TRANSLATED_LANGUAGES}.
     */
    public record MenuEntry(String command, String description, Map<String, String> translations) {

        public MenuEntry {
            translations = Map.copyOf(translations);
        }

        MenuEntry(String command, String description, String spanish) {
            this(command, description, Map.of("es", spanish));
        }

        /** The description in {@code languageCode}; English when there is none. */
        public String descriptionIn(String languageCode) {
            return translations.getOrDefault(languageCode, description);
        }
    }

    public static final List<MenuEntry> USER = List.of(
            new MenuEntry("browse", "Listings by category", "Anuncios por categoría"),
            new MenuEntry("search", "Find listings by words", "Buscar anuncios por palabras"),
            new MenuEntry("unlocked", "Contacts you unlocked", "Contactos que desbloqueaste"),
            new MenuEntry("balance", "Your credits", "Tus créditos"),
            new MenuEntry("history", "How your credits changed", "Cómo cambiaron tus créditos"),
            new MenuEntry("buy", "Buy credits with Telegram Stars", "Comprar créditos con Telegram Stars"),
            new MenuEntry("submit", "Add your own listing", "Publicar tu propio anuncio"),
            new MenuEntry("invite", "Your invitation link: credits for you and friends", "Tu enlace de invitación: créditos para ti y tus amigos"),
            new MenuEntry("cancel", "Stop what you are doing", "Detener lo que estás haciendo"),
            new MenuEntry("paysupport", "Help with a payment", "Ayuda con un pago"),
            new MenuEntry("terms", "Terms of purchase and use", "Condiciones de compra y uso"),
            new MenuEntry("privacy", "What the bot keeps about you", "Qué guarda el bot sobre ti"),
            new MenuEntry("language", "Choose your language", "Elegir tu idioma"),
            new MenuEntry("help", "What this bot does", "Qué hace este bot"));

    public static final List<MenuEntry> ADMIN_ONLY = List.of(
            new MenuEntry("addlisting", "Publish a listing at once", "Publicar un anuncio de inmediato"),
            new MenuEntry("grant", "Give credits: user_id amount [reason]", "Dar créditos: user_id cantidad [motivo]"),
            new MenuEntry("revoke", "Take credits: user_id amount [reason]", "Quitar créditos: user_id cantidad [motivo]"),
            new MenuEntry("ban", "Ban a user: user_id", "Bloquear a un usuario: user_id"),
            new MenuEntry("unban", "Lift a ban: user_id", "Desbloquear a un usuario: user_id"),
            new MenuEntry("stats", "Users, listings, unlocks, credits, stars, referrals", "Usuarios, anuncios, desbloqueos, créditos, estrellas, referidos"),
            new MenuEntry("refund", "Refund a Stars payment: charge_id", "Reembolsar un pago en Stars: charge_id"),
            new MenuEntry("broadcast", "Message every user: text", "Escribir a todos los usuarios: texto"),
            new MenuEntry("health", "Which service instances are up", "Qué instancias de servicio funcionan"),
            new MenuEntry("lag", "How far behind the consumers are", "Cuánto van retrasados los consumidores"));

    private BotCommandList() {
    }

    /** What an admin's menu shows: the users' commands, then the admins'. */
    public static List<MenuEntry> admin() {
        return Stream.concat(USER.stream(), ADMIN_ONLY.stream()).toList();
    }
}
