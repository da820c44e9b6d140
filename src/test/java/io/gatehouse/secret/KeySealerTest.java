package io.gatehouse.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.KeyKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeySealerTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA_2048", "EC_P256", "EC_P384", "ED25519"})
    void sealPrivateKey_thenUnseal_givesTheSameKey(KeyKind kind) {
        KeySealer sealer = new KeySealer(MasterKey.load(Optional.empty(), dataDir));
        PrivateKey key = kind.generate().getPrivate();

        byte[] sealed = sealer.sealPrivateKey(key, "crt1");

        assertThat(sealer.unsealPrivateKey(sealed, "crt1").getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void sealed_doesNotContainTheKeyBytes() {
        KeySealer sealer = new KeySealer(MasterKey.load(Optional.empty(), dataDir));
        KeyPair pair = KeyKind.EC_P256.generate();

        byte[] sealed = sealer.sealPrivateKey(pair.getPrivate(), "crt1");

        assertThat(indexOf(sealed, pair.getPrivate().getEncoded())).isEqualTo(-1);
    }

    @Test
    void unseal_boundToAnotherRecord_fails() {
        KeySealer sealer = new KeySealer(MasterKey.load(Optional.empty(), dataDir));
        byte[] sealed = sealer.seal("secret".getBytes(StandardCharsets.UTF_8), "crt1");

        assertThatThrownBy(() -> sealer.unseal(sealed, "crt2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another record");
    }

    @Test
    void unseal_underAnotherMasterKey_fails() {
        byte[] sealed = new KeySealer(MasterKey.generate(new StringBuilder()))
                .seal("secret".getBytes(StandardCharsets.UTF_8), "crt1");
        KeySealer other = new KeySealer(MasterKey.generate(new StringBuilder()));

        assertThatThrownBy(() -> other.unseal(sealed, "crt1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void load_createsTheKeyFileOwnerOnly_andReadsItBack() throws Exception {
        KeySealer first = new KeySealer(MasterKey.load(Optional.empty(), dataDir));
        byte[] sealed = first.seal(new byte[] {1, 2, 3}, "crt1");

        Path file = dataDir.resolve("master.key");
        KeySealer second = new KeySealer(MasterKey.load(Optional.empty(), dataDir));

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(second.unseal(sealed, "crt1")).containsExactly(1, 2, 3);
    }

    @Test
    void load_fromEnvironmentText_opensWhatTheFileSealed() throws Exception {
        KeySealer fromFile = new KeySealer(MasterKey.load(Optional.empty(), dataDir));
        byte[] sealed = fromFile.seal(new byte[] {9}, "crt1");
        String text = Files.readString(dataDir.resolve("master.key"));

        KeySealer fromEnvironment = new KeySealer(MasterKey.load(Optional.of(text), dataDir.resolve("elsewhere")));

        assertThat(fromEnvironment.unseal(sealed, "crt1")).containsExactly(9);
    }

    @Test
    void fromText_withGarbage_failsWithoutQuotingIt() {
        assertThatThrownBy(() -> MasterKey.fromText("not-a-key-SECRETVALUE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("SECRETVALUE");
    }

    @Test
    void toString_masksTheKey() {
        StringBuilder text = new StringBuilder();
        MasterKey key = MasterKey.generate(text);

        assertThat(key.toString()).doesNotContain(text.toString()).contains("****");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
