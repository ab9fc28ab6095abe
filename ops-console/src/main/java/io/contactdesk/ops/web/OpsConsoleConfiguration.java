package io.contactdesk.ops.web;

import io.contactdesk.contracts.alerts.AlertPublisher;
import org.springframework.beans.factory.annotation.Value;
import io.contactdesk.ops.alerts.ConditionWatch;
import io.contactdesk.ops.alerts.CriticalConditions;

import io.contactdesk.contracts.ops.ConsumerLag;
import io.contactdesk.contracts.ops.ConsumerLagMetrics;
import io.contactdesk.ops.OpsConsoleSettings;
import io.contactdesk.ops.auth.CookieSigner;
import io.contactdesk.ops.auth.SessionFilter;
import io.contactdesk.ops.board.AlertBoard;
import io.contactdesk.ops.board.HeartbeatBoard;
import io.contactdesk.ops.board.LagHistory;
import io.contactdesk.ops.board.RecentAlerts;
import io.contactdesk.ops.board.ThroughputBoard;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
public class OpsConsoleConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CookieSigner cookieSigner(OpsConsoleSettings settings, Clock clock) {
        return new CookieSigner(settings.secret(), clock);
    }

    @Bean
    FilterRegistrationBean<SessionFilter> sessionFilter(CookieSigner signer) {
        FilterRegistrationBean<SessionFilter> registration = new FilterRegistrationBean<>(new SessionFilter(signer));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The connection settings Spring Kafka gives its Admin client (bootstrap servers, security). */
    static Map<String, Object> connection(KafkaAdmin kafkaAdmin) {
        return new HashMap<>(kafkaAdmin.getConfigurationProperties());
    }

    @Bean(destroyMethod = "close")
    ConsumerLag consumerLag(KafkaAdmin kafkaAdmin) {
        return ConsumerLag.connect(connection(kafkaAdmin));
    }

    @Bean
    LagHistory lagHistory(Clock clock) {
        return new LagHistory(clock, Duration.ofHours(1));
    }

    /** Records per second of each pipeline topic, sampled with the lag. */
    @Bean
    ThroughputBoard throughputBoard(ConsumerLag lag, Clock clock) {
        return new ThroughputBoard(() -> lag.topicEndOffsets(ApiController.PIPELINE_TOPICS), clock);
    }

    /** Refreshed in the background; feeds the Prometheus gauges, the sparklines and the pipeline's throughput. */
    @Bean(destroyMethod = "close")
    ConsumerLagMetrics consumerLagMetrics(ConsumerLag lag, LagHistory history, ThroughputBoard throughput,
            OpsConsoleSettings settings, Clock clock) {
        ConsumerLagMetrics metrics = new ConsumerLagMetrics(lag::all, settings.lagSampleInterval(), clock);
        metrics.addListener(history);
        metrics.addListener(throughput);
        metrics.start();
        return metrics;
    }

    @Bean(destroyMethod = "close")
    AlertPublisher alertPublisher(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return new AlertPublisher(bootstrapServers);
    }

    /** Silent instances, growing dead-letter topics and lasting lag become admin alerts, checked with every sample. */
    @Bean
    ConditionWatch conditionWatch(ConsumerLagMetrics metrics, HeartbeatBoard board, ConsumerLag lag,
            AlertPublisher alerts, OpsConsoleSettings settings, Clock clock) {
        ConditionWatch watch = new ConditionWatch(new CriticalConditions(settings.alertSilentAfter(),
                settings.alertLagThreshold(), settings.alertLagFor()), board, lag, alerts, clock);
        metrics.addListener(watch);
        return watch;
    }

    @Bean
    HeartbeatBoard heartbeatBoard(KafkaAdmin kafkaAdmin, Clock clock, OpsConsoleSettings settings) {
        return new HeartbeatBoard(consumerConnection(kafkaAdmin), clock, settings.roster());
    }

    /**
     * The alerts of the day before start-up and those since, folded by fingerprint: the 50 problems seen last, as
     * many as a page shows at a glance (the notifier has told the admins about all of them anyway).
     */
    @Bean
    AlertBoard alertBoard(KafkaAdmin kafkaAdmin, Clock clock) {
        return new AlertBoard(consumerConnection(kafkaAdmin), clock, Duration.ofHours(24), new RecentAlerts(50));
    }

    /** Only the connection settings of the Admin client: the boards' consumers take nothing else from it. */
    private static Map<String, Object> consumerConnection(KafkaAdmin kafkaAdmin) {
        Map<String, Object> config = new HashMap<>();
        connection(kafkaAdmin).forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.") || key.equals("client.dns.lookup")) {
                config.put(key, value);
            }
        });
        return config;
    }
}
