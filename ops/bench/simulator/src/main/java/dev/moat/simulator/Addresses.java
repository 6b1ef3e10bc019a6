package dev.moat.simulator;

import java.util.Random;

/**
 * Public client addresses spread over many countries and networks, sent as X-Forwarded-For (Moat believes it
 * from loopback by default, MOAT_TRUSTED_PROXIES): first octets of large European, American, Asian and Latin
 * American allocations, the rest random.
 */
final class Addresses {

    private static final int[] FIRST_OCTETS = {2, 5, 31, 37, 46, 62, 77, 78, 80, 81, 84, 85, 86, 87, 88, 89, 90, 91,
            92, 93, 94, 95, 24, 50, 64, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 96, 97, 98, 99, 1, 27, 36, 39, 42,
            49, 58, 59, 60, 61, 101, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125,
            177, 179, 186, 187, 189, 190, 191, 200, 201};

    /** Four /24 networks of one hosting provider, as an operator renting servers would use. */
    private static final String[] RENTED_NETWORKS = {"45.133.1.", "45.133.2.", "91.92.240.", "193.32.162."};

    private Addresses() {
    }

    static String rentedServer(Random random) {
        return RENTED_NETWORKS[random.nextInt(RENTED_NETWORKS.length)] + (1 + random.nextInt(254));
    }

    static String random(Random random) {
        return FIRST_OCTETS[random.nextInt(FIRST_OCTETS.length)] + "." + random.nextInt(256) + "."
                + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
