/** Bulk import of listings from a CSV file: parse, validate row by row, publish the good rows once. */
package io.contactdesk.tools.importer;
