/** {@code replay-dlq}: dead letters back to their source topic, after a fix. */
package io.contactdesk.tools.replay;
