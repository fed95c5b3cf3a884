package dev.monoscale.cards;

import java.util.Optional;

/** The form an A2A agent card JSON was written in, so callers can say which one a card used. */
public enum A2aCardVersion {

    /** Top-level {@code url}, no {@code protocolVersion} (or a {@code 0.2.x} one). */
    V0_2("0.2-style"),

    /**
     * {@code protocolVersion} {@code 0.3.x}, with a top-level {@code url}, {@code preferredTransport} and
     * {@code additionalInterfaces}.
     */
    V0_3("0.3"),

    /** {@code supportedInterfaces[{url, protocolBinding, protocolVersion}]} instead of a top-level {@code url}. */
    V1_0("1.0");

    private final String label;

    A2aCardVersion(String label) {
        this.label = label;
    }

    /** A short name for reports, such as {@code 0.2-style} or {@code 1.0}. */
    public String label() {
        return label;
    }

    /** The form a card's {@code protocolVersion} names: {@code 0.2.x}, {@code 0.3.x} or {@code 1.x}. */
    static Optional<A2aCardVersion> ofProtocolVersion(String protocolVersion) {
        if (isSeries(protocolVersion, "0.2")) {
            return Optional.of(V0_2);
        }
        if (isSeries(protocolVersion, "0.3")) {
            return Optional.of(V0_3);
        }
        if (isSeries(protocolVersion, "1")) {
            return Optional.of(V1_0);
        }
        return Optional.empty();
    }

    private static boolean isSeries(String version, String series) {
        return version.equals(series) || version.startsWith(series + ".");
    }
}
