package io.gatehouse.cert;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Bounds the work a passphrase-based key derivation may demand before we run it: an uploaded key names its own
 * iteration count (or scrypt cost), and a hostile one could ask for years of CPU or gigabytes of memory.
 */
final class EncryptionCost {
    /** Well above what openssl (2048), Java (10000) or OWASP's advice (600000) use. */
    static final long MAX_ITERATIONS = 1_000_000;
    /** scrypt uses 128 * N * r bytes; 2^17 allows openssl's default (N=16384, r=8) and a margin. */
    static final long MAX_SCRYPT_COST = 1L << 17;

    private EncryptionCost() {
    }

    static void requireBounded(AlgorithmIdentifier encryption) throws CertificateRejectedException {
        ASN1Encodable parameters = encryption.getParameters();
        String oid = encryption.getAlgorithm().getId();
        if (encryption.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)) {
            requireBounded(PBES2Parameters.getInstance(parameters).getKeyDerivationFunc());
        } else if (oid.startsWith(PKCSObjectIdentifiers.pkcs_12PbeIds.getId() + ".")) {
            requireIterations(PKCS12PBEParams.getInstance(parameters).getIterations());
        } else if (oid.startsWith(PKCSObjectIdentifiers.pkcs_5.getId() + ".")) {
            requireIterations(PBEParameter.getInstance(parameters).getIterationCount());
        }
    }

    private static void requireBounded(KeyDerivationFunc kdf) throws CertificateRejectedException {
        if (kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
            requireIterations(PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount());
        } else if (kdf.getAlgorithm().equals(MiscObjectIdentifiers.id_scrypt)) {
            ScryptParams scrypt = ScryptParams.getInstance(kdf.getParameters());
            BigInteger cost = scrypt.getCostParameter().multiply(scrypt.getBlockSize())
                    .multiply(scrypt.getParallelizationParameter());
            if (cost.compareTo(BigInteger.valueOf(MAX_SCRYPT_COST)) > 0) {
                throw tooCostly();
            }
        }
    }

    static void requireIterations(BigInteger iterations) throws CertificateRejectedException {
        if (iterations.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
            throw tooCostly();
        }
    }

    private static CertificateRejectedException tooCostly() {
        return new CertificateRejectedException(IntakeError.INVALID_PRIVATE_KEY, "The key's encryption asks for more "
                + "than 1,000,000 key-derivation iterations (or an scrypt cost above 2^17); re-encrypt it with "
                + "'openssl pkcs8 -topk8 -v2 aes-256-cbc'.");
    }
}
