/**
 * Operations support shared by every service: the heartbeat each instance publishes to {@code ops.heartbeats}
 * ({@link io.contactdesk.contracts.ops.HeartbeatConfiguration}) and consumer lag computed from the broker
 * ({@link io.contactdesk.contracts.ops.ConsumerLag}, {@link io.contactdesk.contracts.ops.ConsumerLagMetrics}), and
 * the {@code kafka} readiness contribution ({@link io.contactdesk.contracts.ops.KafkaHealthConfiguration}).
 */
package io.contactdesk.contracts.ops;
