package dev.monoscale.a2a;

/** The JSON form an A2A agent card was written in. */
public enum A2aCardVersion {
    /** {@code url} and skills, no {@code protocolVersion} */
    V0_2,
    /** {@code protocolVersion} 0.3.x, {@code url}, {@code preferredTransport} */
    V0_3,
    /** {@code supportedInterfaces} with a protocol binding and version each */
    V1_0
}
