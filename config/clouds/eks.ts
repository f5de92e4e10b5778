import { z } from "zod";
import { cidrContains, cidrsOverlap, isIpv4Cidr, parseCidr } from "../../core/cidr";
import { DEFAULT_KUBERNETES_VERSION, DEFAULT_NETWORK } from "../defaults";
import { ConfigProblem } from "../errors";
import { arrayAt, keyName, numberAt, Path, RawConfig, stringAt, valueAt } from "../raw";
import { Environment } from "../../core/vocabulary";
import { eksRegistryProblems, eksRegistrySchema, EksRegistrySettings, resolveEksRegistrySettings } from "./eks-registry";

export const EKS_SUPPORT_TYPES = ["STANDARD", "EXTENDED"] as const;
export type EksSupportType = (typeof EKS_SUPPORT_TYPES)[number];
/** What scales the managed node groups between their min and max: the Kubernetes Cluster Autoscaler, or nothing. */
export const EKS_AUTOSCALERS = ["cluster-autoscaler", "none"] as const;
export type EksAutoscaler = (typeof EKS_AUTOSCALERS)[number];

/** AWS-only settings, under the `eks` key. */
export const eksSettingsSchema = z.strictObject({
    /**
     * Build into an existing VPC instead of creating one: its private subnet ids (at least two, in
     * different zones). The VPC's flow logs and NAT then remain the owner's responsibility.
     */
    existingPrivateSubnetIds: z
        .array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, { error: "subnet ids such as subnet-0123456789abcdef0" }), {
            error: "a list of subnet ids",
        })
        .min(2, { error: "at least two subnet ids, in different availability zones" })
        .optional(),
    /** Interface endpoints (ECR, STS, logs) and the S3 gateway endpoint, so nodes pull and log without NAT. */
    interfaceEndpoints: z.boolean({ error: "true or false" }).optional(),
    /** Node operating system: Bottlerocket (default, minimal and read-only root) or Amazon Linux 2023. */
    nodeOs: z.enum(["bottlerocket", "al2023"], { error: "bottlerocket or al2023" }).optional(),
    /**
     * EKS upgrade policy (HC-NODE-05). STANDARD (default): at the end of standard support EKS upgrades the
     * control plane itself. EXTENDED: the cluster stays on its version for up to 12 more months at the extended
     * support price; AWS's default when the property is unset, so the blueprint always sets it.
     */
    supportType: z.enum(EKS_SUPPORT_TYPES, { error: `${EKS_SUPPORT_TYPES.join(" or ")}` }).optional(),
    /**
     * Adopt the stack's log groups that already exist (the EKS control-plane group, the flow-log group) instead
     * of creating them: after a destroy (they are retained) or when EKS created the control-plane group first.
     * Unset/false: they are created, and an existing one fails the update with ResourceAlreadyExistsException.
     */
    adoptExistingLogGroups: z.boolean({ error: "true or false" }).optional(),
    /**
     * Node autoscaling (issue 14): "cluster-autoscaler" (default) scales each managed node group between its
     * pool's minSize and maxSize; "none" leaves the groups at their size.
     */
    autoscaler: z.enum(EKS_AUTOSCALERS, { error: `${EKS_AUTOSCALERS.join(" or ")}` }).optional(),
    /** The stack's ECR registry (HC-SUP-05/06): tag mutability, repositories, pull-through credentials (eks-registry.ts). */
    registry: eksRegistrySchema.optional(),
    /** Pinned EKS add-on versions; defaults are the blueprint's tested versions. */
    addonVersions: z
        .strictObject({
            vpcCni: z.string().optional(),
            coreDns: z.string().optional(),
            kubeProxy: z.string().optional(),
            ebsCsiDriver: z.string().optional(),
            podIdentityAgent: z.string().optional(),
            cloudwatchObservability: z.string().optional(),
            secretsStoreProvider: z.string().optional(),
        })
        .optional(),
});
export type EksSettingsInput = z.infer<typeof eksSettingsSchema>;

/** The EKS settings after defaults. */
export interface EksSettings {
    readonly existingPrivateSubnetIds?: readonly string[];
    readonly interfaceEndpoints: boolean;
    readonly nodeOs: "bottlerocket" | "al2023";
    readonly supportType: EksSupportType;
    readonly adoptExistingLogGroups: boolean;
    readonly autoscaler: EksAutoscaler;
    readonly registry: EksRegistrySettings;
    readonly addonVersions: {
        readonly vpcCni: string;
        readonly coreDns: string;
        readonly kubeProxy: string;
        readonly ebsCsiDriver: string;
        readonly podIdentityAgent: string;
        /** Container Insights and container logs (baseline.monitoring managed); Pod Identity needs v3.1.0 or later. */
        readonly cloudwatchObservability: string;
        /** The Secrets Store CSI driver and its AWS provider (secretStore.enabled, HC-IAM-06). */
        readonly secretsStoreProvider: string;
    };
}

/** Add-on versions the blueprint is tested with for its default Kubernetes version. */
export const DEFAULT_EKS_ADDON_VERSIONS: EksSettings["addonVersions"] = {
    vpcCni: "v1.20.4-eksbuild.1",
    coreDns: "v1.14.2-eksbuild.4",
    kubeProxy: "v1.35.3-eksbuild.2",
    ebsCsiDriver: "v1.50.1-eksbuild.1",
    podIdentityAgent: "v1.3.9-eksbuild.3",
    cloudwatchObservability: "v4.5.0-eksbuild.1",
    // aws-secrets-store-csi-driver-provider: chosen offline (listed for Kubernetes 1.35 and 1.36 in Aug 2026). kube-proxy
    // and CoreDNS are the EKS user guide's latest for 1.35; vpc-cni, EBS CSI, Pod Identity agent and CloudWatch
    // observability are minor-independent builds: confirm all with `aws eks describe-addon-versions --kubernetes-version
    // 1.35` before the first up.
    secretsStoreProvider: "v3.1.2-eksbuild.1",
};

export function resolveEksSettings(input: EksSettingsInput | undefined, isProd: boolean): EksSettings {
    return {
        existingPrivateSubnetIds: input?.existingPrivateSubnetIds,
        interfaceEndpoints: input?.interfaceEndpoints ?? isProd,
        nodeOs: input?.nodeOs ?? "bottlerocket",
        supportType: input?.supportType ?? "STANDARD",
        adoptExistingLogGroups: input?.adoptExistingLogGroups ?? false,
        autoscaler: input?.autoscaler ?? "cluster-autoscaler",
        registry: resolveEksRegistrySettings(input?.registry),
        addonVersions: { ...DEFAULT_EKS_ADDON_VERSIONS, ...input?.addonVersions },
    };
}

function problem(path: Path, raw: RawConfig, allowed: string): ConfigProblem {
    return { key: keyName(path), value: valueAt(raw, path), allowed };
}

/** EKS's rule for kubernetesNetworkConfig.serviceIpv4Cidr: a private block, /12 to /24. */
const RFC1918 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;
export const SERVICE_CIDR_PREFIXES = { min: 12, max: 24 } as const;
/** The VPC sizes the subnet planner can cut into private and NAT subnets. */
export const VPC_PREFIXES = { min: 16, max: 22 } as const;
/** The only values CloudWatch Logs accepts for retentionInDays. */
export const CLOUDWATCH_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
const ADDON_VERSION = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

function serviceCidrProblems(raw: RawConfig): ConfigProblem[] {
    const path = ["network", "serviceCidr"];
    const cidr = stringAt(raw, path);
    if (cidr === undefined || !isIpv4Cidr(cidr)) return [];
    const prefix = parseCidr(cidr).prefix;
    const isPrivate = RFC1918.some((block) => cidrContains(block, cidr));
    if (!isPrivate || prefix < SERVICE_CIDR_PREFIXES.min || prefix > SERVICE_CIDR_PREFIXES.max) {
        return [
            problem(
                path,
                raw,
                `a private block (inside ${RFC1918.join(", ")}) of /${SERVICE_CIDR_PREFIXES.min} to /${SERVICE_CIDR_PREFIXES.max}, as EKS requires for the service range, such as ${DEFAULT_NETWORK.serviceCidr}`,
            ),
        ];
    }
    return [];
}

function vpcCidrProblems(raw: RawConfig): ConfigProblem[] {
    const path = ["network", "cidr"];
    const cidr = stringAt(raw, path);
    if (cidr === undefined || !isIpv4Cidr(cidr) || valueAt(raw, ["eks", "existingPrivateSubnetIds"]) !== undefined) return [];
    const prefix = parseCidr(cidr).prefix;
    if (prefix < VPC_PREFIXES.min || prefix > VPC_PREFIXES.max) {
        return [
            problem(
                path,
                raw,
                `a VPC block of /${VPC_PREFIXES.min} to /${VPC_PREFIXES.max} (nodes and pods share VPC addresses), such as ${DEFAULT_NETWORK.cidr}`,
            ),
        ];
    }
    return [];
}

/** EKS places control-plane interfaces in subnets of at least two zones; AWS pods use VPC addresses. */
function networkShapeProblems(raw: RawConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const zones = numberAt(raw, ["network", "zones"]);
    if (zones !== undefined && zones < 2) {
        problems.push(problem(["network", "zones"], raw, "2 or 3 on aws: EKS needs subnets in at least two availability zones"));
    }
    if (valueAt(raw, ["network", "podCidr"]) !== undefined) {
        problems.push(
            problem(
                ["network", "podCidr"],
                raw,
                "no podCidr on aws: the VPC CNI gives pods addresses from the node subnets (size network.cidr instead)",
            ),
        );
    }
    return problems;
}

function existingSubnetProblems(raw: RawConfig): ConfigProblem[] {
    const ids = arrayAt(raw, ["eks", "existingPrivateSubnetIds"]);
    const problems: ConfigProblem[] = [];
    const seen = new Map<unknown, number>();
    ids.forEach((id, i) => {
        const first = seen.get(id);
        if (first !== undefined) {
            problems.push(problem(["eks", "existingPrivateSubnetIds", i], raw, `a subnet id not already listed (it repeats [${first}])`));
        } else {
            seen.set(id, i);
        }
    });
    if (ids.length > 0 && valueAt(raw, ["eks", "interfaceEndpoints"]) === true) {
        problems.push(
            problem(
                ["eks", "interfaceEndpoints"],
                raw,
                "false or unset with eks.existingPrivateSubnetIds: endpoints in a VPC the stack does not own are its owner's to create",
            ),
        );
    }
    return problems;
}

function retentionProblems(raw: RawConfig): ConfigProblem[] {
    const days = numberAt(raw, ["logRetentionDays"]);
    if (days === undefined || (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days)) return [];
    return [problem(["logRetentionDays"], raw, `one of CloudWatch Logs' retention values: ${CLOUDWATCH_RETENTION_DAYS.join(", ")}`)];
}

function addonVersionProblems(raw: RawConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const name of Object.keys(DEFAULT_EKS_ADDON_VERSIONS) as (keyof EksSettings["addonVersions"])[]) {
        const path = ["eks", "addonVersions", name];
        const given = stringAt(raw, path);
        if (given !== undefined && !ADDON_VERSION.test(given)) {
            problems.push(
                problem(path, raw, `an EKS add-on version such as ${DEFAULT_EKS_ADDON_VERSIONS[name]} (aws eks describe-addon-versions)`),
            );
        }
    }
    // kube-proxy must match the control plane's minor version.
    const version = stringAt(raw, ["kubernetesVersion"]) ?? DEFAULT_KUBERNETES_VERSION.aws;
    const kubeProxy = stringAt(raw, ["eks", "addonVersions", "kubeProxy"]) ?? DEFAULT_EKS_ADDON_VERSIONS.kubeProxy;
    if (ADDON_VERSION.test(kubeProxy) && !kubeProxy.startsWith(`v${version}.`)) {
        problems.push(
            problem(
                ["eks", "addonVersions", "kubeProxy"],
                raw,
                `a kube-proxy version for Kubernetes ${version} (v${version}.x-eksbuild.N); the default ${DEFAULT_EKS_ADDON_VERSIONS.kubeProxy} is for ${DEFAULT_KUBERNETES_VERSION.aws}`,
            ),
        );
    }
    return problems;
}

/**
 * A runner network reaches the VPC through peering, a transit gateway or a VPN, none of which route an
 * overlapping range: a private source inside a VPC the stack creates cannot be a connected network.
 */
function privateSourceProblems(raw: RawConfig): ConfigProblem[] {
    if (valueAt(raw, ["eks", "existingPrivateSubnetIds"]) !== undefined) return [];
    const vpc = stringAt(raw, ["network", "cidr"]) ?? DEFAULT_NETWORK.cidr;
    if (!isIpv4Cidr(vpc)) return [];
    return arrayAt(raw, ["apiAccess", "privateSourceCidrs"]).flatMap((value, i) =>
        // Open or near-open blocks are already refused by the apiAccess rules (../rules.ts).
        typeof value === "string" && isIpv4Cidr(value) && parseCidr(value).prefix >= 8 && cidrsOverlap(value, vpc)
            ? [
                  problem(
                      ["apiAccess", "privateSourceCidrs", i],
                      raw,
                      `a connected network's range outside network.cidr (${vpc}): the stack creates that VPC, so no runner can be in it before the run, and a peered or VPN network must not overlap it`,
                  ),
              ]
            : [],
    );
}

/** Rules that only apply to this cloud, run on the raw config (see ../rules.ts). */
export function eksProblems(raw: RawConfig, environment: Environment | undefined): ConfigProblem[] {
    return [
        ...serviceCidrProblems(raw),
        ...vpcCidrProblems(raw),
        ...networkShapeProblems(raw),
        ...existingSubnetProblems(raw),
        ...retentionProblems(raw),
        ...addonVersionProblems(raw),
        ...privateSourceProblems(raw),
        ...eksRegistryProblems(raw, environment),
    ];
}
