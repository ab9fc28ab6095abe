/** Re-encryption of every listing's contact under the keyring's active key. */
package io.contactdesk.tools.rotation;
