package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path dataDir;

    @Test
    void load_withoutEnvironment_generatesOwnerOnlyFile_andReusesIt() throws Exception {
        AdminToken first = AdminToken.load(Optional.empty(), dataDir);
        Path file = dataDir.resolve(AdminToken.FILE_NAME);
        String text = Files.readString(file).strip();

        assertThat(text).matches("[A-Za-z0-9]{32,}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.matches(text)).isTrue();
        assertThat(AdminToken.load(Optional.empty(), dataDir).matches(text)).isTrue();
    }

    @Test
    void load_withEnvironment_usesIt_andWritesNoFile() {
        AdminToken token = AdminToken.load(Optional.of("from-the-environment-123"), dataDir);

        assertThat(token.matches("from-the-environment-123")).isTrue();
        assertThat(Files.exists(dataDir.resolve(AdminToken.FILE_NAME))).isFalse();
    }

    @Test
    void matches_otherOrMissingToken_isFalse() {
        AdminToken token = AdminToken.of("the-right-token");

        assertThat(token.matches("the-right-tokem")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void toString_masksTheToken() {
        assertThat(AdminToken.of("the-right-token").toString()).doesNotContain("the-right-token");
    }
}
