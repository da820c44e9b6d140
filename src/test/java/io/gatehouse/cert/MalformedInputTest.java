package io.gatehouse.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Hostile and broken uploads, generated here: each must end in a clean {@link CertificateRejectedException} with
 * the field's error code, within a few seconds, and never as another exception. The bound is loose (a megabyte is
 * refused in well under a second on an idle machine) because CI shares two cores with other builds; what it catches
 * is a parser that hangs or blows up.
 */
class MalformedInputTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final char[] PASSWORD = "bundle-password".toCharArray();
    private static final Random RANDOM = new Random(20261203);

    private static IssuedCertificate client;

    private final CertificateIntake intake = new CertificateIntake(Clock.systemUTC());

    @BeforeAll
    static void issue() {
        client = TestCa.create("Corpus CA").leaf("client").keyKind(KeyKind.EC_P256).issue();
    }

    @TestFactory
    Stream<DynamicTest> fromPem_malformedCertificate_isRejectedCleanlyInBoundedTime() {
        return cases(certificateCorpus(), certificate -> intake.fromPem(certificate, client.privateKeyPem(), null),
                IntakeError.INVALID_CERTIFICATE);
    }

    @TestFactory
    Stream<DynamicTest> fromPem_malformedPrivateKey_isRejectedCleanlyInBoundedTime() {
        return cases(keyCorpus(), key -> intake.fromPem(client.chainPem(), key, "any".toCharArray()),
                IntakeError.INVALID_PRIVATE_KEY);
    }

    @TestFactory
    Stream<DynamicTest> fromPkcs12_malformedBundle_isRejectedCleanlyInBoundedTime() {
        return cases(pkcs12Corpus(), bundle -> intake.fromPkcs12(bundle, PASSWORD.clone()),
                IntakeError.INVALID_CERTIFICATE);
    }

    @TestFactory
    Stream<DynamicTest> fromPem_oversizedChains_areInvalidChainInBoundedTime() {
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put("a chain of 1000 copies", client.certificatePem().repeat(1000));
        corpus.put("eleven certificates", client.certificatePem().repeat(PemChainParser.MAX_CHAIN_LENGTH + 1));
        return cases(corpus, chain -> intake.fromPem(chain, client.privateKeyPem(), null), IntakeError.INVALID_CHAIN);
    }

    private static Map<String, String> certificateCorpus() {
        String pem = client.certificatePem();
        String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END")).strip();
        Map<String, String> corpus = new LinkedHashMap<>(armourCorpus("CERTIFICATE"));
        corpus.put("truncated PEM", pem.substring(0, pem.length() - 40));
        corpus.put("wrong armour", pem.replace("BEGIN CERTIFICATE", "BEGIN CERTIFICAT"));
        corpus.put("mismatched END label", pem.replace("END CERTIFICATE", "END X509 CRL"));
        corpus.put("END without BEGIN", pem.substring(pem.indexOf('\n') + 1));
        corpus.put("certificate followed by text", pem + "and then some words\n");
        corpus.put("certificate followed by binary", pem + new String(randomBytes(300), StandardCharsets.ISO_8859_1));
        corpus.put("certificate followed by half a certificate", pem + pem.substring(0, pem.length() / 2));
        corpus.put("certificate with PEM headers", pem.replace("-----\n", "-----\nComment: hello\n\n"));
        corpus.put("certificate with a trailing DER byte", armour("CERTIFICATE", append(der(body), (byte) 0)));
        corpus.put("certificate and private key", pem + client.privateKeyPem());
        corpus.put("private key DER under CERTIFICATE", armour("CERTIFICATE", client.privateKey().getEncoded()));
        corpus.put("trusted certificate label", pem.replace("CERTIFICATE", "TRUSTED CERTIFICATE"));
        corpus.put("certificate with flipped DER byte", armour("CERTIFICATE", flip(der(body), 3)));
        return corpus;
    }

    private static Map<String, String> keyCorpus() {
        String pem = client.privateKeyPem();
        Map<String, String> corpus = new LinkedHashMap<>(armourCorpus("PRIVATE KEY"));
        corpus.putAll(armourCorpus("ENCRYPTED PRIVATE KEY"));
        corpus.putAll(armourCorpus("EC PRIVATE KEY"));
        corpus.put("truncated key", pem.substring(0, pem.length() - 30));
        corpus.put("two keys", pem + pem);
        corpus.put("OpenSSH key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                + "-----END OPENSSH PRIVATE KEY-----\n");
        corpus.put("public key", Pem.of(client.certificate().getPublicKey()));
        corpus.put("encrypted PKCS#8 asking for 2^31 PBKDF2 iterations", costlyPkcs8());
        corpus.put("key with trailing text", pem + "trailing words\n");
        return corpus;
    }

    /** The same broken shapes under any label: the parser must not depend on what the label promises. */
    private static Map<String, String> armourCorpus(String label) {
        Map<String, String> corpus = new LinkedHashMap<>();
        String tag = label + ": ";
        corpus.put(tag + "binary garbage", new String(randomBytes(4096), StandardCharsets.ISO_8859_1));
        corpus.put(tag + "random bytes with valid armour", armour(label, randomBytes(2048)));
        corpus.put(tag + "1 MiB of base64 inside armour", armour(label, randomBytes(700 * 1024)));
        corpus.put(tag + "over 1 MiB of text", armour(label, randomBytes(800 * 1024)));
        corpus.put(tag + "a huge single line", "-----BEGIN " + label + "-----\n"
                + Base64.getEncoder().encodeToString(randomBytes(600 * 1024)) + "\n-----END " + label + "-----\n");
        corpus.put(tag + "only armour lines", "-----BEGIN " + label + "-----\n-----END " + label + "-----\n");
        corpus.put(tag + "only headers", "-----BEGIN " + label + "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: X\n"
                + "-----END " + label + "-----\n");
        corpus.put(tag + "nested armour", "-----BEGIN " + label + "-----\n" + armour(label, randomBytes(64))
                + "-----END " + label + "-----\n");
        corpus.put(tag + "non-base64 content", "-----BEGIN " + label + "-----\nMII*!?\n-----END " + label + "-----\n");
        corpus.put(tag + "bad base64 padding", "-----BEGIN " + label + "-----\nMIIB=A==\n-----END " + label
                + "-----\n");
        corpus.put(tag + "lowercase label", "-----BEGIN " + label.toLowerCase() + "-----\nMIIB\n-----END "
                + label.toLowerCase() + "-----\n");
        corpus.put(tag + "a million newlines", "\n".repeat(1_000_000));
        corpus.put(tag + "emoji", "\uD83D\uDD11 " + label);
        corpus.put(tag + "deeply nested indefinite-length DER", armour(label, nested(new byte[] {0x30, (byte) 0x80},
                200_000)));
        corpus.put(tag + "deeply nested definite-length DER", armour(label, nestedDefinite(100_000)));
        corpus.put(tag + "DER claiming 2 GiB", armour(label, new byte[] {0x30, (byte) 0x84, 0x7f, -1, -1, -1, 0}));
        return corpus;
    }

    private static Map<String, byte[]> pkcs12Corpus() {
        byte[] bundle = Pem.pkcs12(client, PASSWORD);
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("random bytes", randomBytes(4096));
        corpus.put("truncated bundle", Arrays.copyOf(bundle, bundle.length / 2));
        corpus.put("bundle with trailing bytes", append(bundle, (byte) 0));
        corpus.put("PEM text instead of PKCS#12", client.chainPem().getBytes(StandardCharsets.US_ASCII));
        corpus.put("over 1 MiB", randomBytes(1024 * 1024 + 1));
        corpus.put("deeply nested indefinite-length DER", nested(new byte[] {0x30, (byte) 0x80}, 200_000));
        corpus.put("deeply nested definite-length DER", nestedDefinite(100_000));
        corpus.put("MAC asking for 2^31 iterations", costlyPkcs12(bundle));
        corpus.put("key bag asking for 2^31 iterations", costlyKeyBag(bundle));
        return corpus;
    }

    private static <T> Stream<DynamicTest> cases(Map<String, T> corpus, ThrowingConsumer<T> upload,
                                                 IntakeError expected) {
        return corpus.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            Throwable thrown = assertTimeoutPreemptively(BOUND, (ThrowingSupplier<Throwable>) () -> {
                try {
                    upload.accept(entry.getValue());
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            assertThat(thrown).as(entry.getKey()).isInstanceOf(CertificateRejectedException.class);
            assertThat(((CertificateRejectedException) thrown).error()).as(thrown.getMessage()).isEqualTo(expected);
            if (entry.getKey().contains("2^31")) {
                assertThat(thrown.getMessage()).as("refused for its cost, not for another flaw").contains("1,000,000");
            }
        }));
    }

    /** An upload attempt that may throw anything. */
    @FunctionalInterface
    interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    private static String costlyPkcs8() {
        String pem = Pem.pkcs8Encrypted(client.privateKey(), "any".toCharArray());
        return armour("ENCRYPTED PRIVATE KEY", encoded(costly(EncryptedPrivateKeyInfo.getInstance(der(pem.lines()
                .filter(line -> !line.startsWith("-----")).reduce("", String::concat))))));
    }

    /** The same key encryption with its PBKDF2 iteration count raised to 2^31 - 1. */
    private static EncryptedPrivateKeyInfo costly(EncryptedPrivateKeyInfo info) {
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
        PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
        PBKDF2Params costly = new PBKDF2Params(pbkdf2.getSalt(), Integer.MAX_VALUE, pbkdf2.getPrf());
        PBES2Parameters costlyPbes2 = new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2,
                costly), pbes2.getEncryptionScheme());
        return new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, costlyPbes2),
                info.getEncryptedData());
    }

    /** The JDK's bundle with its shrouded key bag asking for 2^31 - 1 iterations (its MAC no longer matches). */
    private static byte[] costlyKeyBag(byte[] bundle) {
        try {
            Pfx pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(bundle));
            byte[] octets = ASN1OctetString.getInstance(pfx.getAuthSafe().getContent()).getOctets();
            ContentInfo[] infos = AuthenticatedSafe.getInstance(octets).getContentInfo();
            for (int i = 0; i < infos.length; i++) {
                if (infos[i].getContentType().equals(PKCSObjectIdentifiers.data)) {
                    infos[i] = new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(costlyBags(
                            ASN1Sequence.getInstance(ASN1OctetString.getInstance(infos[i].getContent()).getOctets()))));
                }
            }
            ContentInfo authSafe = new ContentInfo(PKCSObjectIdentifiers.data,
                    new DEROctetString(new AuthenticatedSafe(infos).getEncoded()));
            return new Pfx(authSafe, pfx.getMacData()).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] costlyBags(ASN1Sequence bags) throws java.io.IOException {
        ASN1EncodableVector costly = new ASN1EncodableVector();
        for (var element : bags) {
            SafeBag bag = SafeBag.getInstance(element);
            costly.add(bag.getBagId().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)
                    ? new SafeBag(bag.getBagId(), costly(EncryptedPrivateKeyInfo.getInstance(bag.getBagValue())),
                    bag.getBagAttributes())
                    : bag);
        }
        return new DERSequence(costly).getEncoded();
    }

    private static byte[] costlyPkcs12(byte[] bundle) {
        try {
            Pfx pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(bundle));
            MacData mac = pfx.getMacData();
            MacData costly = new MacData(mac.getMac(), mac.getSalt(), Integer.MAX_VALUE);
            return new Pfx(pfx.getAuthSafe(), costly).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(EncryptedPrivateKeyInfo info) {
        try {
            return info.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String armour(String label, byte[] content) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(content)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] nested(byte[] prefix, int depth) {
        byte[] bytes = new byte[prefix.length * depth];
        for (int i = 0; i < depth; i++) {
            System.arraycopy(prefix, 0, bytes, i * prefix.length, prefix.length);
        }
        return bytes;
    }

    /** SEQUENCE inside SEQUENCE, each with a correct four-byte length, the innermost empty. */
    private static byte[] nestedDefinite(int depth) {
        ByteBuffer bytes = ByteBuffer.allocate(depth * 6);
        for (int i = 0; i < depth; i++) {
            bytes.put((byte) 0x30).put((byte) 0x84).putInt((depth - i - 1) * 6);
        }
        return bytes.array();
    }

    private static byte[] append(byte[] bytes, byte extra) {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        longer[bytes.length] = extra;
        return longer;
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] flipped = bytes.clone();
        flipped[index] ^= 0x55;
        return flipped;
    }
}
