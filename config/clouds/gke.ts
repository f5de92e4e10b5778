import { z } from "zod";
import { cidrsOverlap, isIpv4Cidr, parseCidr } from "../../core/cidr";
import { DAY2_DEFAULTS } from "../day2";
import { DEFAULT_NETWORK, ENVIRONMENT_DEFAULTS, POOL_ROLES } from "../defaults";
import { ConfigProblem } from "../errors";
import { ipv4Cidr } from "../fields";
import { arrayAt, keyName, numberAt, Path, RawConfig, stringAt, valueAt } from "../raw";
import { Environment } from "../../core/vocabulary";

/** An IAM member that can sign: a service account, or a Workload Identity Federation principal (a CI pipeline). */
export const ATTESTATION_SIGNER =
    /^(serviceAccount:[a-z0-9-]+@[a-z0-9-]+\.iam\.gserviceaccount\.com|principal(Set)?:\/\/iam\.googleapis\.com\/\S+)$/;
const ATTESTATION_SIGNER_ALLOWED =
    "IAM members such as serviceAccount:release@acme-platform-prod.iam.gserviceaccount.com or principalSet://iam.googleapis.com/projects/<n>/locations/global/workloadIdentityPools/<pool>/attribute.repository/<org>/<repo>";

/** Google Cloud-only settings, under the `gke` key. */
export const gkeSettingsSchema = z.strictObject({
    /** The project that holds the cluster: 6 to 30 characters, lowercase letters, digits and '-'. */
    projectId: z.string({ error: "a Google Cloud project id such as acme-platform-prod" }).regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
        error: "a project id: 6-30 lowercase letters, digits or '-', starting with a letter, not ending with '-'",
    }),
    /** The Workspace / Cloud Identity domain whose gke-security-groups@<domain> group nests the RBAC groups. */
    groupsDomain: z
        .string({ error: "a domain such as example.com" })
        .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/, { error: "a domain such as example.com" }),
    /** GKE release channel; STABLE in prod and REGULAR elsewhere by default. */
    releaseChannel: z.enum(["RAPID", "REGULAR", "STABLE"], { error: "RAPID, REGULAR or STABLE" }).optional(),
    /**
     * The control plane's /28 (VPC peering range of a private cluster). Planned from 172.16.0.0/16 when
     * unset, clear of the node, pod and service ranges; set it when that range is used elsewhere in the VPC.
     */
    masterIpv4CidrBlock: ipv4Cidr.optional(),
    /**
     * The project's number (`gcloud projects describe <id> --format='value(projectNumber)'`). Required in
     * prod: the run reads the number of gke.projectId through the provider and stops before it creates
     * anything when they differ (the wrong project, or credentials that cannot see it).
     */
    projectNumber: z
        .union(
            [z.string().regex(/^[1-9]\d{0,18}$/, { error: "the project's number, such as 123456789012" }), z.number().int().positive()],
            { error: "the project's number, such as 123456789012" },
        )
        .transform((n) => String(n))
        .optional(),
    /**
     * The identities that sign releases (HC-SUP-01/04): IAM members of the release pipeline, such as
     * serviceAccount:release@acme-platform-prod.iam.gserviceaccount.com or a Workload Identity Federation
     * principal(Set)://iam.googleapis.com/... . They get the signing key, the attestor's note and the
     * project's attestation occurrences; nobody else can produce an attestation the cluster accepts.
     * Required outside dev, where Binary Authorization enforces attestations.
     */
    attestationSigners: z
        .array(z.string().regex(ATTESTATION_SIGNER, { error: ATTESTATION_SIGNER_ALLOWED }), { error: ATTESTATION_SIGNER_ALLOWED })
        .optional(),
});
export type GkeSettingsInput = z.infer<typeof gkeSettingsSchema>;

/** The GKE settings after defaults. */
export interface GkeSettings {
    readonly projectId: string;
    readonly groupsDomain: string;
    readonly releaseChannel: "RAPID" | "REGULAR" | "STABLE";
    /** Undefined: the component plans one (see components/gcp/network-plan.ts). */
    readonly masterIpv4CidrBlock?: string;
    /** Checked against the project before anything is created; required in prod. */
    readonly projectNumber?: string;
    /** The release pipeline's identities, granted what signing an attestation needs; required outside dev. */
    readonly attestationSigners: readonly string[];
}

export function resolveGkeSettings(input: GkeSettingsInput, isProd: boolean): GkeSettings {
    return {
        projectId: input.projectId,
        groupsDomain: input.groupsDomain,
        releaseChannel: input.releaseChannel ?? (isProd ? "STABLE" : "REGULAR"),
        masterIpv4CidrBlock: input.masterIpv4CidrBlock,
        projectNumber: input.projectNumber,
        attestationSigners: [...new Set(input.attestationSigners ?? [])],
    };
}

/** GKE gives each node a /24 of pod addresses at the default 110 pods per node. */
export const POD_ADDRESSES_PER_NODE = 256;
/** GKE reserves four addresses of every subnet range (network, gateway, second-to-last, broadcast). */
const SUBNET_RESERVED_ADDRESSES = 4;
/** GKE accepts a services secondary range from /27 up to /16. */
export const SERVICE_RANGE_PREFIX = { widest: 16, narrowest: 27 } as const;
/** GKE's limit on master authorized networks for a cluster with a public endpoint. */
export const MAX_AUTHORIZED_NETWORKS = 50;

function problem(path: Path, raw: RawConfig, allowed: string): ConfigProblem {
    return { key: keyName(path), value: valueAt(raw, path), allowed };
}

function validCidrAt(raw: RawConfig, path: Path): string | undefined {
    const value = stringAt(raw, path);
    return value !== undefined && isIpv4Cidr(value) ? value : undefined;
}

/** The most nodes the pools may scale to, from the raw config and the environment's defaults. */
function maxNodes(raw: RawConfig, environment: Environment): number {
    return POOL_ROLES.reduce((sum, role) => {
        const given = numberAt(raw, ["nodePools", role, "maxSize"]);
        const min = numberAt(raw, ["nodePools", role, "minSize"]) ?? 0;
        return sum + (given ?? Math.max(ENVIRONMENT_DEFAULTS[environment].poolSizes[role].max, min));
    }, 0);
}

function addresses(cidr: string): number {
    return 2 ** (32 - parseCidr(cidr).prefix);
}

/** The pod and node ranges must hold every node the pools may scale to. */
function rangesFitNodes(raw: RawConfig, environment: Environment | undefined): ConfigProblem[] {
    if (!environment) return [];
    const nodes = maxNodes(raw, environment);
    const problems: ConfigProblem[] = [];
    const podCidr = validCidrAt(raw, ["network", "podCidr"]) ?? DEFAULT_NETWORK.podCidr;
    if (addresses(podCidr) < nodes * POD_ADDRESSES_PER_NODE) {
        problems.push(
            problem(
                ["network", "podCidr"],
                raw,
                `a range of at least ${nodes * POD_ADDRESSES_PER_NODE} addresses: GKE takes a /24 per node and the pools may scale to ${nodes} nodes`,
            ),
        );
    }
    const cidr = validCidrAt(raw, ["network", "cidr"]) ?? DEFAULT_NETWORK.cidr;
    if (addresses(cidr) < nodes + SUBNET_RESERVED_ADDRESSES) {
        problems.push(
            problem(
                ["network", "cidr"],
                raw,
                `a range of at least ${nodes + SUBNET_RESERVED_ADDRESSES} addresses (${nodes} nodes plus 4 reserved)`,
            ),
        );
    }
    return problems;
}

const serviceRangeSized = (raw: RawConfig): ConfigProblem[] => {
    const serviceCidr = validCidrAt(raw, ["network", "serviceCidr"]);
    if (serviceCidr === undefined) return [];
    const prefix = parseCidr(serviceCidr).prefix;
    return prefix < SERVICE_RANGE_PREFIX.widest || prefix > SERVICE_RANGE_PREFIX.narrowest
        ? [
              problem(
                  ["network", "serviceCidr"],
                  raw,
                  `a block from /${SERVICE_RANGE_PREFIX.narrowest} to /${SERVICE_RANGE_PREFIX.widest} (GKE's services range limits)`,
              ),
          ]
        : [];
};

/** A given control-plane range is a /28 clear of every other range of the network. */
const masterRangeFits = (raw: RawConfig): ConfigProblem[] => {
    const path = ["gke", "masterIpv4CidrBlock"];
    const master = validCidrAt(raw, path);
    if (master === undefined) return [];
    if (parseCidr(master).prefix !== 28) return [problem(path, raw, "a /28 block (GKE's control-plane range size), such as 172.16.0.0/28")];
    for (const name of ["cidr", "podCidr", "serviceCidr"] as const) {
        const other = validCidrAt(raw, ["network", name]) ?? DEFAULT_NETWORK[name];
        if (cidrsOverlap(master, other)) {
            return [problem(path, raw, `a /28 that does not overlap network.${name} (${other})`)];
        }
    }
    return [];
};

/** Dev is a zonal cluster (one zone); staging and prod are regional, and GKE spreads them over three zones. */
const zonesMatchLocation = (raw: RawConfig, environment: Environment | undefined): ConfigProblem[] => {
    const zones = numberAt(raw, ["network", "zones"]);
    if (zones === undefined || !environment) return [];
    if (environment === "dev" && zones !== 1) {
        return [problem(["network", "zones"], raw, "1 (or unset) for gcp dev: the dev cluster is zonal, in <region>-b")];
    }
    if (environment === "staging" && zones !== 3) {
        return [problem(["network", "zones"], raw, "3 (or unset) for gcp staging: a regional GKE cluster runs in three zones")];
    }
    return [];
};

const authorizedNetworksWithinLimit = (raw: RawConfig): ConfigProblem[] => {
    const cidrs = arrayAt(raw, ["apiAccess", "authorizedCidrs"]);
    return cidrs.length > MAX_AUTHORIZED_NETWORKS
        ? [
              problem(
                  ["apiAccess", "authorizedCidrs"],
                  raw,
                  `at most ${MAX_AUTHORIZED_NETWORKS} CIDRs (GKE's master authorized networks limit)`,
              ),
          ]
        : [];
};

/** Prod names the project's number, so a run against another project (or blind credentials) stops first. */
const projectNumberInProd = (raw: RawConfig, environment: Environment | undefined): ConfigProblem[] =>
    environment === "prod" && valueAt(raw, ["gke"]) !== undefined && valueAt(raw, ["gke", "projectNumber"]) === undefined
        ? [
              problem(
                  ["gke", "projectNumber"],
                  raw,
                  'the number of gke.projectId, such as "123456789012" (required in prod: the run checks it before it creates anything)',
              ),
          ]
        : [];

/**
 * Outside dev Binary Authorization enforces attestations (HC-SUP-01): with nobody allowed to sign, no
 * tenant image could ever run, so the signers must be named.
 */
const signersWhereEnforced = (raw: RawConfig, environment: Environment | undefined): ConfigProblem[] =>
    environment !== undefined &&
    environment !== "dev" &&
    valueAt(raw, ["gke"]) !== undefined &&
    arrayAt(raw, ["gke", "attestationSigners"]).length === 0
        ? [
              problem(
                  ["gke", "attestationSigners"],
                  raw,
                  `at least one IAM member that signs releases (required in ${environment}: Binary Authorization admits only images attested by the stack's attestor), such as serviceAccount:release@<project>.iam.gserviceaccount.com`,
              ),
          ]
        : [];

/** GKE's limit for inter-node transparent encryption (Dataplane V2, WireGuard). */
export const MAX_NODES_WITH_TRANSIT_ENCRYPTION = 500;

/** trafficEncryption on GKE is inter-node transparent encryption, which supports at most 500 nodes. */
const transitEncryptionFitsNodes = (raw: RawConfig, environment: Environment | undefined): ConfigProblem[] => {
    if (!environment) return [];
    const given = valueAt(raw, ["trafficEncryption", "enabled"]);
    const enabled = typeof given === "boolean" ? given : DAY2_DEFAULTS[environment].trafficEncryption.enabled;
    const nodes = maxNodes(raw, environment);
    return enabled && nodes > MAX_NODES_WITH_TRANSIT_ENCRYPTION
        ? [
              problem(
                  ["trafficEncryption", "enabled"],
                  raw,
                  `false, or pools that scale to at most ${MAX_NODES_WITH_TRANSIT_ENCRYPTION} nodes in all (now ${nodes}): GKE's inter-node transparent encryption supports ${MAX_NODES_WITH_TRANSIT_ENCRYPTION} nodes`,
              ),
          ]
        : [];
};

/** Rules that only apply to this cloud, run on the raw config (see ../rules.ts). */
export function gkeProblems(raw: RawConfig, environment: Environment | undefined): ConfigProblem[] {
    return [
        ...projectNumberInProd(raw, environment),
        ...signersWhereEnforced(raw, environment),
        ...transitEncryptionFitsNodes(raw, environment),
        ...rangesFitNodes(raw, environment),
        ...serviceRangeSized(raw),
        ...masterRangeFits(raw),
        ...zonesMatchLocation(raw, environment),
        ...authorizedNetworksWithinLimit(raw),
    ];
}
