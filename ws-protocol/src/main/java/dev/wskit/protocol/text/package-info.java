/**
 * UTF-8 for text messages, which must be valid UTF-8 (RFC 6455 §5.6, §8.1): an incremental
 * validator for what arrives in pieces, and an encoder that refuses unpaired surrogates instead of
 * replacing them.
 */
package dev.wskit.protocol.text;
