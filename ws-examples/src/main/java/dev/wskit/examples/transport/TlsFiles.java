package dev.wskit.examples.transport;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A server's TLS identity as files: the certificate chain and the private key, both PEM (the key
 * unencrypted PKCS#8, {@code -----BEGIN PRIVATE KEY-----}), as {@code --tls-cert} and
 * {@code --tls-key} name them.
 */
public record TlsFiles(Path certificate, Path key) {
    public TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }
}
