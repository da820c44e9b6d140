package io.gatehouse.store;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link SqliteDurabilityIT}: creates credentials forever and prints {@code ACK <id>} after
 * each create returns, until it is killed.
 */
public final class DurabilityProbe {
    static final String ACK = "ACK ";

    private DurabilityProbe() {
    }

    public static void main(String[] args) {
        GatehouseStore store = StoreFactory.open(null, null, null, Path.of(args[0]));
        Vault vault = store.createVault("durable", StoreTestData.ACTOR);
        System.out.println(ACK + vault.id());
        System.out.flush();
        while (true) {
            AccessCredential credential = store.createCredential(vault.id(), null, StoreTestData.passwordHash("pw"),
                    StoreTestData.ACTOR);
            System.out.println(ACK + credential.id());
            System.out.flush();
        }
    }
}
