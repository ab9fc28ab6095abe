package io.contactdesk.notifier.broadcast;

import io.contactdesk.contracts.topics.TopicFollower;
import io.contactdesk.contracts.topics.TopicReader;
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
        TopicFollower shards = new TopicFollower(consumer, "notifier-shards-" + instance,
                Topics.BROADCAST_SHARDS.name(), TopicReader::seekToBeginning,
                TopicReader.decoding(Topics.BROADCAST_SHARDS, shard -> board.shard(shard.key(), shard.value())),
                Clock.systemUTC());
        TopicFollower controls = new TopicFollower(consumer, "notifier-broadcasts-" + instance,
                Topics.BROADCAST_CONTROL.name(), TopicReader::seekToBeginning,
                TopicReader.decoding(Topics.BROADCAST_CONTROL,
                        control -> board.control(control.key(), control.value())),
                Clock.systemUTC());
        ProgressReporter progress = new ProgressReporter(board, ledger, database, new StatusMessage(botApi, flood),
                Clock.systemUTC());
        return new BroadcastTracking(List.of(shards, controls), board, progress, settings.progressInterval());
    }
}
