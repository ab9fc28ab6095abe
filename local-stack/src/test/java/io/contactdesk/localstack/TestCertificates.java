package io.contactdesk.localstack;

import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and one server certificate for {@code localhost}, made for a test run (so no key is ever committed),
 * in the files a broker, PostgreSQL and their clients read.
 */
final class TestCertificates {

    private static final String STORE_PASSWORD = "test-store-password";

    private TestCertificates() {
    }

    /** Writes the files into {@code dir} and returns them, with one SCRAM password per principal. */
    static EncryptedConnections create(Path dir, Map<String, String> passwords) throws Exception {
        KeyPair ca = keyPair();
        X509Certificate caCertificate = sign(new X500Name("CN=contactdesk test CA"), ca, new X500Name("CN=contactdesk test CA"),
                ca, true);
        KeyPair server = keyPair();
        X509Certificate serverCertificate = sign(new X500Name("CN=localhost"), server,
                new X500Name("CN=contactdesk test CA"), ca, false);

        Path keystore = dir.resolve("broker.p12");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("localhost", server.getPrivate(), STORE_PASSWORD.toCharArray(),
                new X509Certificate[] {serverCertificate, caCertificate});
        store(keys, keystore);
        Path truststore = dir.resolve("truststore.p12");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("contactdesk-test-ca", caCertificate);
        store(trusted, truststore);

        Path certificate = pem(dir.resolve("server.crt"), serverCertificate);
        Path privateKey = pem(dir.resolve("server.key"), server.getPrivate());
        Path caPem = pem(dir.resolve("ca.crt"), caCertificate);
        return new EncryptedConnections(keystore, STORE_PASSWORD, truststore, STORE_PASSWORD, certificate, privateKey,
                caPem, passwords);
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            boolean authority) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject,
                subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        if (authority) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            // verify-full (PostgreSQL) and Kafka's https endpoint identification both check the name here
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static void store(KeyStore store, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
    }

    private static Path pem(Path file, Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            // a private key is written as PKCS#8 ("BEGIN PRIVATE KEY"), which PostgreSQL reads
            writer.writeObject(object instanceof PrivateKey key
                    ? new JcaPKCS8Generator(key, null) : object);
        }
        return Files.writeString(file, text.toString());
    }
}
