/**
 * The pack-config property that names the trusted registries. Both packs read it (the in-cluster registry
 * policy and GKE's Binary Authorization allow-list), and both must hold the same list as the stacks'
 * `hardened-cluster:trustedRegistries`; an empty list trusts nothing.
 */
export const TRUSTED_REGISTRIES_CONFIG = {
    trustedRegistries: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Registry prefixes (host, optionally a path), the same list as the stack's hardened-cluster:trustedRegistries.",
    },
} as const;
