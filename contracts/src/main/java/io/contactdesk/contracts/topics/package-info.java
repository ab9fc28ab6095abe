/** The topics of the pipeline, each declared once with its serdes. */
package io.contactdesk.contracts.topics;
