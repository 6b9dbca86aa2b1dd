package dev.wskit.examples;

import dev.wskit.testkit.kit.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** {@code --tls-cert} and {@code --tls-key} for a server app, naming PEM files of the loopback test certificate. */
public final class TlsOptions {
    private TlsOptions() {
    }

    /** The two options and their files, written to {@code dir}. */
    public static List<String> loopback(Path dir) throws Exception {
        TestCertificate certificate = TestCertificate.loopback();
        Path cert = pem(dir.resolve("cert.pem"), "CERTIFICATE", certificate.certificate().getEncoded());
        Path key = pem(dir.resolve("key.pem"), "PRIVATE KEY", certificate.key().getEncoded());
        return List.of("--tls-cert", cert.toString(), "--tls-key", key.toString());
    }

    /** {@code der} as a PEM file of {@code type}. */
    private static Path pem(Path file, String type, byte[] der) throws Exception {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
    }
}
