package io.contactdesk.ops.web;

import io.contactdesk.contracts.alerts.AlertPublisher;
import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.ops.ConsumerLag;
import io.contactdesk.contracts.ops.ConsumerLagMetrics;
import io.contactdesk.contracts.topics.TopicFollower;
import io.contactdesk.ops.OpsConsoleSettings;
import io.contactdesk.ops.alerts.ConditionWatch;
import io.contactdesk.ops.alerts.CriticalConditions;
import io.contactdesk.ops.auth.CookieSigner;
import io.contactdesk.ops.auth.SessionFilter;
import io.contactdesk.ops.board.AlertBoard;
import io.contactdesk.ops.board.HeartbeatBoard;
import io.contactdesk.ops.board.LagHistory;
import io.contactdesk.ops.board.RecentAlerts;
import io.contactdesk.ops.board.ThroughputBoard;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

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

    @Bean(destroyMethod = "close")
    ConsumerLag consumerLag(KafkaConnection kafka) {
        return ConsumerLag.connect(kafka);
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
    AlertPublisher alertPublisher(KafkaConnection kafka) {
        return new AlertPublisher(kafka);
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
    HeartbeatBoard heartbeatBoard(Clock clock, OpsConsoleSettings settings) {
        return new HeartbeatBoard(clock, settings.roster());
    }

    @Bean
    TopicFollower heartbeatReader(HeartbeatBoard board, KafkaConnection kafka) {
        return board.follower(kafka.clientConfig());
    }

    /**
     * The alerts of the day before start-up and those since, folded by fingerprint: the 50 problems seen last, as
     * many as a page shows at a glance (the notifier has told the admins about all of them anyway).
     */
    @Bean
    AlertBoard alertBoard(Clock clock) {
        return new AlertBoard(clock, Duration.ofHours(24), new RecentAlerts(50));
    }

    @Bean
    TopicFollower alertReader(AlertBoard board, KafkaConnection kafka) {
        return board.follower(kafka.clientConfig());
    }
}
