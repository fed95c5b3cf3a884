package dev.monoscale.synthesis;

/** Why a warm-up intent was proposed (DESIGN.md §4). */
public enum IntentKind {
    /** what the new worker's card claims */
    IN_SCOPE,
    /** a neighbouring skill of another worker: finds overlap and over-claiming */
    BOUNDARY,
    /** the new worker behind another one in a chain: finds interface mismatches */
    HANDOFF
}
