package io.contactdesk.localstack;

/** What the local stack prints once it is up: how to reach each part, ready to paste. */
record ReachabilityReport(LocalStack stack, long startupMillis) {

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("\n=== contactdesk local stack is up (").append(startupMillis / 1000.0).append(" s) ===\n\n");
        LocalStackSettings settings = stack.settings();
        if (settings.usesSandbox()) {
            String sandbox = stack.telegramApiUrl();
            out.append("Telegram sandbox (Bot API emulator)  ").append(sandbox).append('\n');
            out.append("  send /start as user 42:\n");
            out.append("    curl -s -X POST ").append(sandbox).append("/sandbox/users/42/messages \\\n")
                    .append("         -H 'Content-Type: application/json' -d '{\"text\":\"/start\",\"first_name\":\"Ada\"}'\n");
            out.append("  read the bot's replies:\n");
            out.append("    curl -s ").append(sandbox).append("/sandbox/chats/42/messages\n");
        } else {
            out.append("Telegram Bot API                     ").append(settings.telegramApiUrl())
                    .append("  (real bot; write to it in Telegram)\n");
        }
        if (settings.webhook() != null) {
            out.append("\nIngress: webhook mode, Telegram posts to ").append(settings.webhook().url())
                    .append(" (served on port ").append(settings.webhook().port()).append(")\n");
        } else {
            out.append("\nIngress: polling (set TELEGRAM_WEBHOOK_URL for webhook mode)\n");
        }
        out.append("\nPostgreSQL                           psql '").append(stack.databaseUrl()).append("'\n");
        out.append("  e.g. psql '").append(stack.databaseUrl())
                .append("' -c 'select * from users; select * from credit_ledger;'\n");
        out.append("\nKafka bootstrap servers              ").append(stack.kafkaBootstrapServers()).append('\n');
        out.append("\nServices (health: /actuator/health, metrics: /actuator/prometheus)\n");
        for (ServiceInstance service : stack.services()) {
            out.append(String.format("  %-18s http://localhost:%d%n", service.name(), service.port()));
        }
        // The password itself is never printed: the console log may be shared, the data directory is the user's own.
        out.append("  ops console login: ").append(System.getenv("OPS_CONSOLE_PASSWORD") == null
                ? "the password in " + settings.dataDir().resolve(LocalKeyring.OPS_CONSOLE_PASSWORD_FILE)
                : "the password in OPS_CONSOLE_PASSWORD").append('\n');
        out.append("\nData is kept in ").append(settings.dataDir()).append(" (delete it to start afresh).\n");
        out.append("The full log is in ").append(stack.logFile());
        out.append(settings.logDetail().verbose() ? ".\n" : " (LOCAL_STACK_LOG=info shows it here too).\n");
        out.append("Press Ctrl-C to stop.\n");
        return out.toString();
    }
}
