/**
 * Operator command lines for the directory, run by hand next to the services: {@code importer.ImportListings}
 * bulk-loads listings from CSV, {@code rotation.RotateContactKeys} re-encrypts contacts under the active key.
 * Both read the compacted {@code listings} topic with {@link io.contactdesk.tools.CompactedTopicReader} and write it
 * with
 * {@link io.contactdesk.tools.ListingPublisher}.
 */
package io.contactdesk.tools;
