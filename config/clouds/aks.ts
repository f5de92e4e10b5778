import { z } from "zod";
import { ConfigProblem } from "../errors";
import { keyName, numberAt, Path, RawConfig, stringAt, valueAt } from "../raw";
import { blockCount, cidrsOverlap, isIpv4Cidr, parseCidr } from "../../core/cidr";
import { DEFAULT_NETWORK, ENVIRONMENT_DEFAULTS, POOL_ROLES } from "../defaults";
import { Environment } from "../../core/vocabulary";
import { AzureAuthSettings, compatibleKubeloginModes, KUBELOGIN_MODES, KubeloginMode } from "../providers/kubelogin";
import { aksRegistrySchema, AksRegistrySettings, DEFENDER_MODES, DefenderForContainersMode, resolveAksRegistry } from "./aks-registry";

/** An Azure virtual network's resource id; the groups are its subscription, resource group and name. */
export const VNET_ID =
    /^\/subscriptions\/([0-9a-fA-F-]{36})\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)$/i;

/** Azure-only settings, under the `aks` key. */
export const aksSettingsSchema = z.strictObject({
    /** Network policy engine. Cilium runs with the Cilium dataplane; azure and calico are the alternatives. */
    networkPolicy: z.enum(["cilium", "azure", "calico"], { error: "cilium, azure or calico" }).optional(),
    /** Node OS upgrade channel; NodeImage by default. */
    nodeOsUpgradeChannel: z.enum(["NodeImage", "SecurityPatch"], { error: "NodeImage or SecurityPatch" }).optional(),
    /** Cluster upgrade channel; patch by default, stable if the team tracks minors too. */
    upgradeChannel: z.enum(["patch", "stable", "rapid", "node-image"], { error: "patch, stable, rapid or node-image" }).optional(),
    /**
     * How the kubeconfig's kubelogin signs in: azurecli, workloadidentity, spn or msi. By default the
     * mode that reaches the azure-native provider's identity (useMsi → msi, useOidc with a token file →
     * workloadidentity, a service principal → spn, otherwise azurecli).
     */
    kubeloginMode: z.enum(KUBELOGIN_MODES, { error: KUBELOGIN_MODES.join(", ") }).optional(),
    /**
     * A VNet the deployer's runner lives in, so it reaches the private API server: peered with the cluster
     * VNet both ways and linked to the cluster's private DNS zone (the AKS-documented way in from another
     * VNet). Only for a private cluster (no apiAccess.authorizedCidrs).
     */
    runnerVnet: z
        .strictObject({
            id: z.string({ error: "a virtual network resource id" }).regex(VNET_ID, {
                error: "a virtual network resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>",
            }),
            /** Create the runner side's peering too (default). False when the runner VNet's owner creates it. */
            peerFromRunner: z.boolean({ error: "true or false" }).optional(),
        })
        .optional(),
    /** The environment's ACR (config/clouds/aks-registry.ts): its name and the upstream credentials of its cache rules. */
    registry: aksRegistrySchema.optional(),
    /** Who manages the subscription's Defender for Containers plan: this stack (manage, default) or the organisation. */
    defenderForContainers: z.enum(DEFENDER_MODES, { error: DEFENDER_MODES.join(" or ") }).optional(),
    /**
     * Seconds the cluster create waits after the control plane's role assignments are created, for Azure RBAC
     * to propagate (components/azure/propagation.ts); only on their creation, never on a later update. 0: no wait.
     */
    rolePropagationSeconds: z
        .number({ error: "a whole number of seconds from 0 to 600" })
        .int({ error: "a whole number of seconds from 0 to 600" })
        .min(0, { error: "a whole number of seconds from 0 to 600" })
        .max(600, { error: "a whole number of seconds from 0 to 600 (Azure documents up to about 10 minutes)" })
        .optional(),
});
export type AksSettingsInput = z.infer<typeof aksSettingsSchema>;

/** The AKS settings after defaults. */
export interface AksSettings {
    readonly networkPolicy: "cilium" | "azure" | "calico";
    readonly nodeOsUpgradeChannel: "NodeImage" | "SecurityPatch";
    readonly upgradeChannel: "patch" | "stable" | "rapid" | "node-image";
    readonly kubeloginMode: KubeloginMode;
    readonly runnerVnet?: { readonly id: string; readonly peerFromRunner: boolean };
    readonly registry: AksRegistrySettings;
    readonly defenderForContainers: DefenderForContainersMode;
    /** Wait after the control plane's grants are first created (components/azure/propagation.ts). */
    readonly rolePropagationSeconds: number;
}

/** Default wait for Azure RBAC propagation before the cluster create checks its grants. */
export const DEFAULT_ROLE_PROPAGATION_SECONDS = 120;

/** `provider`: the validated azure-native settings, which pick the default kubelogin mode. */
export function resolveAksSettings(input: AksSettingsInput | undefined, provider: AzureAuthSettings = {}): AksSettings {
    return {
        networkPolicy: input?.networkPolicy ?? "cilium",
        nodeOsUpgradeChannel: input?.nodeOsUpgradeChannel ?? "NodeImage",
        upgradeChannel: input?.upgradeChannel ?? "patch",
        // A stack whose settings admit no default is refused by the rules (config/providers/rules.ts).
        kubeloginMode: input?.kubeloginMode ?? compatibleKubeloginModes(provider)[0] ?? "azurecli",
        rolePropagationSeconds: input?.rolePropagationSeconds ?? DEFAULT_ROLE_PROPAGATION_SECONDS,
        ...(input?.runnerVnet ? { runnerVnet: { id: input.runnerVnet.id, peerFromRunner: input.runnerVnet.peerFromRunner ?? true } } : {}),
        registry: resolveAksRegistry(input?.registry),
        defenderForContainers: input?.defenderForContainers ?? "manage",
    };
}

/**
 * Ranges AKS reserves for itself: no cluster range may overlap them (AKS "configure Azure CNI
 * overlay" / "plan IP addressing" documentation).
 */
export const AKS_RESERVED_RANGES = ["169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24"] as const;

/** Regions without availability zones: pools there are regional, so only one "zone" can be asked for. */
export const AZURE_REGIONS_WITHOUT_ZONES = [
    "northcentralus",
    "westcentralus",
    "westus",
    "canadaeast",
    "ukwest",
    "southindia",
    "westindia",
    "koreasouth",
    "australiasoutheast",
    "australiacentral",
] as const;

/** Log Analytics keeps data interactively for at most two years; longer needs archive tiers. */
export const MAX_LOG_ANALYTICS_RETENTION_DAYS = 730;

/** The VNet is halved: the node subnet must still be a /24 (see components/azure/address-plan.ts). */
const MAX_VNET_PREFIX = 23;
/** The service range needs the kube-dns address (.10) inside it, and AKS refuses ranges wider than /12. */
const SERVICE_PREFIX_RANGE = { widest: 12, narrowest: 28 } as const;
/** Azure CNI overlay hands every node a /24 of the pod range. */
const POD_BLOCK_PREFIX = 24;

function problem(path: Path, raw: RawConfig, allowed: string): ConfigProblem {
    return { key: keyName(path), value: valueAt(raw, path), allowed };
}

/** A config CIDR with its default, or undefined when malformed (the schema reports that). */
function cidrAt(raw: RawConfig, name: keyof typeof DEFAULT_NETWORK): { given: boolean; cidr: string } | undefined {
    const given = stringAt(raw, ["network", name]);
    const cidr = given ?? DEFAULT_NETWORK[name];
    return isIpv4Cidr(cidr) ? { given: given !== undefined, cidr } : undefined;
}

function reservedOverlaps(raw: RawConfig): ConfigProblem[] {
    return (["cidr", "podCidr", "serviceCidr"] as const).flatMap((name) => {
        const range = cidrAt(raw, name);
        const hit = range && AKS_RESERVED_RANGES.find((reserved) => cidrsOverlap(range.cidr, reserved));
        return hit
            ? [problem(["network", name], raw, `a range that does not overlap ${hit} (AKS reserves ${AKS_RESERVED_RANGES.join(", ")})`)]
            : [];
    });
}

function rangeSizes(raw: RawConfig, environment: Environment | undefined): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const vnet = cidrAt(raw, "cidr");
    if (vnet && parseCidr(vnet.cidr).prefix > MAX_VNET_PREFIX) {
        problems.push(
            problem(
                ["network", "cidr"],
                raw,
                `a /${MAX_VNET_PREFIX} or larger block: its first half is the node subnet and must be at least a /24`,
            ),
        );
    }
    const service = cidrAt(raw, "serviceCidr");
    if (service) {
        const prefix = parseCidr(service.cidr).prefix;
        if (prefix < SERVICE_PREFIX_RANGE.widest || prefix > SERVICE_PREFIX_RANGE.narrowest) {
            problems.push(
                problem(
                    ["network", "serviceCidr"],
                    raw,
                    `a block from /${SERVICE_PREFIX_RANGE.widest} to /${SERVICE_PREFIX_RANGE.narrowest}: AKS refuses wider ranges and kube-dns takes the range's 10th address`,
                ),
            );
        }
    }
    const pods = cidrAt(raw, "podCidr");
    if (pods && environment) {
        const maxNodes = POOL_ROLES.reduce(
            (sum, role) => sum + (numberAt(raw, ["nodePools", role, "maxSize"]) ?? ENVIRONMENT_DEFAULTS[environment].poolSizes[role].max),
            0,
        );
        const blocks = blockCount(pods.cidr, POD_BLOCK_PREFIX);
        if (blocks < maxNodes) {
            problems.push(
                problem(
                    ["network", "podCidr"],
                    raw,
                    `a block with at least ${maxNodes} /24s (Azure CNI overlay gives each node a /24 and the pools can grow to ${maxNodes} nodes); this one has ${blocks}`,
                ),
            );
        }
    }
    return problems;
}

function zonesInRegion(raw: RawConfig): ConfigProblem[] {
    const region = stringAt(raw, ["region"]);
    const zones = numberAt(raw, ["network", "zones"]);
    if (region === undefined || !(AZURE_REGIONS_WITHOUT_ZONES as readonly string[]).includes(region)) return [];
    if (zones !== undefined && zones <= 1) return [];
    return [problem(["network", "zones"], raw, `1 in ${region}, which has no availability zones (prod needs a region with three)`)];
}

function retentionWithinLimit(raw: RawConfig): ConfigProblem[] {
    const days = numberAt(raw, ["logRetentionDays"]);
    return days !== undefined && days > MAX_LOG_ANALYTICS_RETENTION_DAYS
        ? [
              problem(
                  ["logRetentionDays"],
                  raw,
                  `at most ${MAX_LOG_ANALYTICS_RETENTION_DAYS} days on Azure (Log Analytics interactive retention)`,
              ),
          ]
        : [];
}

const VM_SIZE = /^Standard_[A-Za-z0-9]+(_[A-Za-z0-9]+)*$/;

function vmSizes(raw: RawConfig): ConfigProblem[] {
    return POOL_ROLES.flatMap((role) => {
        const size = stringAt(raw, ["nodePools", role, "machineType"]);
        return size !== undefined && !VM_SIZE.test(size)
            ? [
                  problem(
                      ["nodePools", role, "machineType"],
                      raw,
                      "an Azure VM size such as Standard_D4ds_v5 (one that supports encryption at host)",
                  ),
              ]
            : [];
    });
}

/** Peering and a DNS link reach a private cluster; a public one (authorized ranges) has no private zone to link. */
function runnerVnetProblems(raw: RawConfig): ConfigProblem[] {
    const cidrs = valueAt(raw, ["apiAccess", "authorizedCidrs"]);
    if (valueAt(raw, ["aks", "runnerVnet"]) === undefined || !Array.isArray(cidrs) || cidrs.length === 0) return [];
    return [
        problem(
            ["aks", "runnerVnet"],
            raw,
            "unset while apiAccess.authorizedCidrs is set: authorized ranges make the API server public (AKS cannot combine them with a private cluster), and a runner VNet reaches only a private one",
        ),
    ];
}

/**
 * The node-image cluster channel upgrades node images itself and is superseded by the node OS channel;
 * AKS pairs it with the NodeImage node OS channel only (review finding 10), so SecurityPatch beside it is refused.
 */
function upgradeChannelPair(raw: RawConfig): ConfigProblem[] {
    const cluster = stringAt(raw, ["aks", "upgradeChannel"]);
    const nodeOs = stringAt(raw, ["aks", "nodeOsUpgradeChannel"]);
    if (cluster !== "node-image" || nodeOs === undefined || nodeOs === "NodeImage") return [];
    return [
        problem(
            ["aks", "nodeOsUpgradeChannel"],
            raw,
            "NodeImage (or unset) while aks.upgradeChannel is node-image: that channel already moves nodes to the weekly node image and AKS pairs it with NodeImage only; for SecurityPatch pick the patch, stable or rapid cluster channel",
        ),
    ];
}

/** Rules that only apply to this cloud, run on the raw config (see ../rules.ts). */
export function aksProblems(raw: RawConfig, environment: Environment | undefined): ConfigProblem[] {
    return [
        ...reservedOverlaps(raw),
        ...rangeSizes(raw, environment),
        ...zonesInRegion(raw),
        ...retentionWithinLimit(raw),
        ...vmSizes(raw),
        ...runnerVnetProblems(raw),
        ...upgradeChannelPair(raw),
    ];
}
