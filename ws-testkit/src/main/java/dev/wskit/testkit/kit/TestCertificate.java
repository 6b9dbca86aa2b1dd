package dev.wskit.testkit.kit;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate made at test time, with what each TLS stack takes: the JDK's
 * {@link SSLContext}s, key and trust manager factories (Netty's and Vert.x's builders accept
 * those), or the key and certificate themselves.
 */
public final class TestCertificate {
    private static final char[] PASSWORD = "test".toCharArray();
    private static TestCertificate loopback;

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final KeyManagerFactory keyManagers;
    private final TrustManagerFactory trustManagers;

    private TestCertificate(GeneralName... names) throws GeneralSecurityException, OperatorCreationException,
            java.io.IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=wskit test");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
        // Hostname verification (RFC 2818 §3.1) matches an IP address against the iPAddress names only.
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        key = keys.getPrivate();
        certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("server", key, PASSWORD, new X509Certificate[] {certificate});
        keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("server", certificate);
        trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
    }

    /** For 127.0.0.1 and localhost; made once per JVM. */
    public static synchronized TestCertificate loopback() throws Exception {
        if (loopback == null) {
            loopback = new TestCertificate(new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost"));
        }
        return loopback;
    }

    /** For {@code host} only: a client that checks host names refuses it on 127.0.0.1. */
    public static TestCertificate forHost(String host) throws Exception {
        return new TestCertificate(new GeneralName(GeneralName.dNSName, host));
    }

    public PrivateKey key() {
        return key;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The server's key and certificate. */
    public KeyManagerFactory keyManagers() {
        return keyManagers;
    }

    /** Trusts this certificate only. */
    public TrustManagerFactory trustManagers() {
        return trustManagers;
    }

    /** A server context presenting this certificate. */
    public SSLContext serverContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /** A client context trusting this certificate only. */
    public SSLContext clientContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
