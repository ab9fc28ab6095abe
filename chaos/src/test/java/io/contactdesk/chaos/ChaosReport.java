package io.contactdesk.chaos;

import io.contactdesk.infra.process.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The chaos run's report: the faults and recoveries, the totals, the verdicts with their details, the findings. */
record ChaosReport(long seed, String form, String plant, long loadSeconds, int users, double rate, int instances,
        int notifiers, Workload workload, Stack stack, List<ChaosIT.RecoveryRow> recoveries, List<String> findings,
        Map<String, Map<String, Long>> lagAfterLoad, Map<String, Map<String, Long>> finalLag,
        Verdicts.Observations seen, List<Verdicts.Verdict> verdicts) {

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("\n==================== contactdesk chaos report ====================\n");
        out.append(String.format(Locale.ROOT, "date %s · machine %s, %d cores, %s %s · form %s · planted: %s%n",
                DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0)), hostName(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), form, plant));
        out.append(String.format(Locale.ROOT,
                "seed %d · load %d s · %d users + admin · paced at %.0f updates/s · %s%n",
                seed, loadSeconds, users, rate, instancesLine(instances, notifiers)));
        out.append("\n-- recovery after each fault (seconds from the fault's end; 'healthy' = every affected instance"
                + " UP again after it said DOWN or died, 'next' = next reply delivered, or for db-writer/postgresql the"
                + " next row written)\n");
        out.append(String.format(Locale.ROOT, "%-16s %-20s %7s %7s %9s %8s  %s%n", "fault", "target", "at", "down",
                "healthy", "next", ""));
        for (ChaosIT.RecoveryRow row : recoveries.stream()
                .sorted((a, b) -> Double.compare(a.atSeconds(), b.atSeconds())).toList()) {
            out.append(String.format(Locale.ROOT, "%-16s %-20s %7.1f %7.1f %9s %8s  %s%n", row.fault(), row.target(),
                    row.atSeconds(), row.downSeconds(), fmt(row.healthySeconds()), fmt(row.nextSeconds()), row.note()));
        }
        Map<String, Integer> launches = new LinkedHashMap<>();
        stack.all().forEach(service -> launches.put(service.name(), service.launches()));
        out.append("launches per instance: ").append(launches).append('\n');
        out.append("exits on their own (started again after 1 s, as restart: unless-stopped does): ");
        List<String> exits = new ArrayList<>();
        for (ServiceProcess service : stack.all()) {
            for (ServiceProcess.Exit exit : service.exits()) {
                exits.add(String.format(Locale.ROOT, "%s launch %d, code %d, %s", service.name(), exit.launch(),
                        exit.exitCode(), exit.wasUp() ? "after UP" : "a failed start"));
            }
        }
        out.append(exits.isEmpty() ? "none" : exits.size() + " " + exits).append('\n');

        out.append("\n-- totals\n");
        long commands = workload.everyone().stream().mapToLong(SimUser::commandsSent).sum();
        long taps = workload.everyone().stream().mapToLong(u -> u.taps().size()).sum();
        long grants = workload.users.stream().mapToLong(u -> u.grants().size()).sum();
        long revokes = workload.users.stream().mapToLong(u -> u.revokes().size()).sum();
        var stats = stack.chats.stats();
        out.append(String.format(Locale.ROOT, "updates sent %d (commands %d, unlock taps %d; admin grants %d, revokes %d)"
                + " · sandbox delivered %d, pending %d%n", workload.updatesSent(), commands, taps, grants, revokes,
                stats.path("updates_delivered").asLong(), stats.path("updates_pending").asLong()));
        out.append(String.format(Locale.ROOT, "bot messages in the checked chats %d · ledger rows %d%n", seen.replies(),
                stack.count("select count(*) from credit_ledger")));
        out.append("Telegram calls ").append(stats.path("calls")).append(" · 429 answered ")
                .append(stats.path("too_many_requests")).append(" (injected ").append(stats.path("faults_injected"))
                .append(") · 403 ").append(stats.path("forbidden")).append('\n');
        out.append("consumer lag after the load: ").append(lagAfterLoad).append('\n');
        out.append("consumer lag at the end:      ").append(finalLag).append('\n');

        out.append("\n-- verdicts\n");
        verdicts.forEach(v -> out.append("  ").append(v).append('\n'));
        for (Verdicts.Verdict verdict : Verdicts.failed(verdicts)) {
            list(out, verdict.line(), verdict.details());
        }
        list(out, "findings (reported, not judged)", findings);
        out.append("===================================================================\n");
        return out.toString();
    }

    private static void list(StringBuilder out, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append("\n-- ").append(title).append('\n');
        items.stream().limit(30).forEach(item -> out.append("  ").append(item).append('\n'));
        if (items.size() > 30) {
            out.append("  … ").append(items.size() - 30).append(" more\n");
        }
    }

    private static String fmt(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** How many instances ran: the notifiers' count may differ from the other services'. */
    static String instancesLine(int instances, int notifiers) {
        String each = instances + (instances == 1 ? " instance" : " instances") + " of each service";
        return notifiers == instances ? each
                : each + " but the notifier (" + notifiers + (notifiers == 1 ? " instance)" : " instances)");
    }
}
