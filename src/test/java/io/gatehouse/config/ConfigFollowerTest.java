package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.store.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The follower's loop and the live configuration's guarantees, on a scripted store without a change feed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConfigFollowerTest {
    private static final Duration POLL = Duration.ofMillis(50);

    private final ScriptedStore scripted = new ScriptedStore();
    private final LiveConfig liveConfig = new LiveConfig(scripted.store());
    private ConfigFollower follower;

    @AfterEach
    void stop() {
        if (follower != null) {
            follower.close();
        }
    }

    @Test
    void changeWithoutAnnouncement_isAppliedByPolling() {
        scripted.change();
        liveConfig.refresh();
        follower = new ConfigFollower(scripted.store(), liveConfig, POLL).start();

        scripted.change();

        await().atMost(Duration.ofSeconds(2)).until(() -> liveConfig.current().version() == 2);
        assertThat(liveConfig.current().hasVault(ScriptedStore.vaultOf(2))).isTrue();
        assertThat(follower.health()).isEqualTo(NodeHealth.ok(2));
    }

    @Test
    void unchangedVersion_readsNoSnapshot() throws InterruptedException {
        scripted.change();
        liveConfig.refresh();
        follower = new ConfigFollower(scripted.store(), liveConfig, POLL).start();

        Thread.sleep(POLL.toMillis() * 6);

        assertThat(scripted.snapshotsRead()).isEqualTo(1);
    }

    @Test
    void storeAway_reportsDegradedWithTheServedVersion_keepsTheSnapshot_andCatchesUpWhenBack() {
        scripted.change();
        ConfigSnapshot served = liveConfig.refresh();
        follower = new ConfigFollower(scripted.store(), liveConfig, POLL).start();

        scripted.setUnavailable(true);

        await().atMost(Duration.ofSeconds(2)).until(() -> follower.health().isDegraded());
        assertThat(follower.health().configVersion()).isEqualTo(1);
        assertThat(follower.health().reason()).contains("database cannot be reached");
        assertThatThrownBy(liveConfig::refresh).isInstanceOf(StoreUnavailableException.class);
        assertThat(liveConfig.current()).isSameAs(served);

        scripted.change();
        scripted.setUnavailable(false);

        await().atMost(Duration.ofSeconds(2)).until(() -> !follower.health().isDegraded());
        await().atMost(Duration.ofSeconds(2)).until(() -> liveConfig.current().version() == 2);
    }

    @Test
    void failingChangeListener_doesNotKeepOthersFromTheNewSnapshot() {
        List<Long> heard = new CopyOnWriteArrayList<>();
        liveConfig.onChange(snapshot -> {
            throw new IllegalStateException("listener bug");
        });
        liveConfig.onChange(snapshot -> heard.add(snapshot.version()));
        scripted.change();

        ConfigSnapshot applied = liveConfig.refresh();

        assertThat(applied.version()).isEqualTo(1);
        assertThat(liveConfig.current()).isSameAs(applied);
        assertThat(heard).containsExactly(1L);
    }

    @Test
    void olderVersion_isNeverApplied() {
        scripted.change();
        scripted.change();
        ConfigSnapshot served = liveConfig.refresh();

        scripted.restoreTo(1);

        assertThat(liveConfig.refresh()).isSameAs(served);
        assertThat(liveConfig.current().version()).isEqualTo(2);
    }

    @Test
    void pollInterval_mustBePositive() {
        assertThatThrownBy(() -> new ConfigFollower(scripted.store(), liveConfig, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pollInterval");
    }
}
