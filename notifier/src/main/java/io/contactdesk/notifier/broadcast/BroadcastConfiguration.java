package io.contactdesk.notifier.broadcast;

import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.notifier.database.NotifierDatabase;
import io.contactdesk.notifier.flood.FloodControl;
import io.contactdesk.notifier.telegram.BotApi;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BroadcastConfiguration {

    @Bean
    BroadcastBoard broadcastBoard() {
        return new BroadcastBoard();
    }

    @Bean
    BroadcastLedger broadcastLedger(NotifierDatabase database, BroadcastSettings settings) {
        return new BroadcastLedger(database, Clock.systemUTC(), settings.claimTimeout());
    }

    @Bean
    BroadcastTracking broadcastTracking(BroadcastBoard board, BroadcastLedger ledger, NotifierDatabase database,
            BotApi botApi, FloodControl flood, BroadcastSettings settings, KafkaProperties kafka) {
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        String instance = Long.toString(ProcessHandle.current().pid());
        CompactedTopicFollower<?> shards = new CompactedTopicFollower<>(Topics.BROADCAST_SHARDS.name(),
                CompactedTopicFollower.readerProperties(consumer, "notifier-shards-" + instance),
                Topics.BROADCAST_SHARDS.valueSerde().deserializer(), board::shard);
        CompactedTopicFollower<?> controls = new CompactedTopicFollower<>(Topics.BROADCAST_CONTROL.name(),
                CompactedTopicFollower.readerProperties(consumer, "notifier-broadcasts-" + instance),
                Topics.BROADCAST_CONTROL.valueSerde().deserializer(), board::control);
        ProgressReporter progress = new ProgressReporter(board, ledger, database, new StatusMessage(botApi, flood),
                Clock.systemUTC());
        return new BroadcastTracking(List.of(shards, controls), board, progress, settings.progressInterval());
    }
}
