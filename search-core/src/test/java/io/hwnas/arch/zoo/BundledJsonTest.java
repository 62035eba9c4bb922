package io.hwnas.arch.zoo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled JSON of every reference network is the net its builder makes (regenerate: 'hwnas zoo --export'). */
class BundledJsonTest {

    @Test
    void everyNetworkHasBundledJsonEqualToItsBuilder() {
        for (String name : ReferenceNetworks.names()) {
            assertEquals(ReferenceNetworks.byName(name).fingerprint(), ReferenceNetworks.load(name).fingerprint(),
                    name + ": the bundled JSON is stale; regenerate with 'scripts/hwnas zoo --export "
                            + "search-core/src/main/resources/io/hwnas/arch/zoo'");
        }
    }

    @Test
    void unknownNameIsRefusedListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceNetworks.load("vgg16"));
        assertTrue(e.getMessage().contains("resnet18"), e.getMessage());
    }
}
