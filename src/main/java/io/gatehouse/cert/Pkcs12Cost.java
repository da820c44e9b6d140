package io.gatehouse.cert;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;

/**
 * Bounds the password-derivation work a PKCS#12 bundle may ask for, before any password is tried: the MAC's
 * iteration count and those of every encrypted bag. The JDK's own limit (five million per derivation) still allows
 * several seconds of CPU per bag. Only structure is read here; nothing is decrypted.
 */
final class Pkcs12Cost {
    private Pkcs12Cost() {
    }

    static void requireBounded(byte[] bundle) throws CertificateRejectedException {
        Pfx pfx;
        try {
            pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(bundle));
        } catch (IOException | RuntimeException e) {
            throw new CertificateRejectedException(IntakeError.INVALID_CERTIFICATE, "The pkcs12 field is not a "
                    + "PKCS#12 bundle (damaged or of another format); export it again.");
        }
        MacData mac = pfx.getMacData();
        if (mac != null && mac.getIterationCount().compareTo(BigInteger.valueOf(EncryptionCost.MAX_ITERATIONS)) > 0) {
            throw tooCostly();
        }
        try {
            requireBoundedBags(pfx.getAuthSafe());
        } catch (CertificateRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            // Leave malformed inner structure to the JDK's key store, which reports it in its own terms.
        }
    }

    private static void requireBoundedBags(ContentInfo authSafe) throws CertificateRejectedException {
        byte[] octets = ASN1OctetString.getInstance(authSafe.getContent()).getOctets();
        for (ContentInfo info : AuthenticatedSafe.getInstance(octets).getContentInfo()) {
            if (info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
                EncryptedData data = EncryptedData.getInstance(info.getContent());
                EncryptionCost.requireBounded(data.getEncryptionAlgorithm(), IntakeError.INVALID_CERTIFICATE);
            } else if (info.getContentType().equals(PKCSObjectIdentifiers.data)) {
                byte[] bags = ASN1OctetString.getInstance(info.getContent()).getOctets();
                for (ASN1Encodable element : ASN1Sequence.getInstance(bags)) {
                    requireBoundedBag(SafeBag.getInstance(element));
                }
            }
        }
    }

    private static void requireBoundedBag(SafeBag bag) throws CertificateRejectedException {
        if (bag.getBagId().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
            EncryptedPrivateKeyInfo key = EncryptedPrivateKeyInfo.getInstance(bag.getBagValue());
            EncryptionCost.requireBounded(key.getEncryptionAlgorithm(), IntakeError.INVALID_CERTIFICATE);
        }
    }

    private static CertificateRejectedException tooCostly() {
        return new CertificateRejectedException(IntakeError.INVALID_CERTIFICATE, "The PKCS#12 bundle asks for more "
                + "than 1,000,000 MAC iterations; export it again with default settings.");
    }
}
