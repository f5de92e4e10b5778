import { cidrsOverlap, isIpv4Cidr, isOpenToInternet, parseCidr } from "../core/cidr";
import { aksProblems } from "./clouds/aks";
import { day2Problems } from "./day2";
import { eksProblems } from "./clouds/eks";
import { gkeProblems } from "./clouds/gke";
import { DEFAULT_NETWORK, ENVIRONMENT_DEFAULTS } from "./defaults";
import { ConfigProblem } from "./errors";
import { DEPLOYER_FORMATS, PRINCIPAL_FORMATS } from "./principals";
import { arrayAt, keyName, numberAt, Path, RawConfig, stringAt, valueAt } from "./raw";
import { ReachabilityInput, unreachableProblem } from "./reachability";
import { REGION_FORMATS, REGIONS } from "./regions";
import { Cloud, CLOUDS, Environment, ENVIRONMENTS } from "../core/vocabulary";

/**
 * Rules that relate several keys. They run on the raw config whether or not the schema passed, so
 * one run reports every problem; each rule skips what the schema already flags as malformed.
 */
type Rule = (raw: RawConfig, cloud: Cloud | undefined, environment: Environment | undefined) => ConfigProblem[];

function problem(path: Path, raw: RawConfig, allowed: string): ConfigProblem {
    return { key: keyName(path), value: valueAt(raw, path), allowed };
}

const regionMatchesCloud: Rule = (raw, cloud) => {
    const region = stringAt(raw, ["region"]);
    if (!cloud || region === undefined || REGIONS[cloud].includes(region)) return [];
    const format = REGION_FORMATS[cloud];
    const article = /^[aeiou]/.test(cloud) ? "an" : "a";
    const shape = format.pattern.test(region)
        ? `${article} ${cloud} region (this one is not offered)`
        : `${article} ${cloud} region name such as ${format.example}`;
    return [problem(["region"], raw, `${shape}; known: ${REGIONS[cloud].slice(0, 6).join(", ")}, ...`)];
};

/** Every place the config names a principal, with its path. */
function principalPaths(raw: RawConfig): Path[] {
    const paths: Path[] = [];
    for (const list of ["admins", "developers", "viewers"]) {
        arrayAt(raw, ["access", list]).forEach((_, i) => paths.push(["access", list, i]));
    }
    arrayAt(raw, ["tenants"]).forEach((_, t) => {
        for (const list of ["editors", "viewers"]) {
            arrayAt(raw, ["tenants", t, list]).forEach((_, i) => paths.push(["tenants", t, list, i]));
        }
    });
    return paths;
}

const principalsMatchCloud: Rule = (raw, cloud) => {
    if (!cloud) return [];
    const format = PRINCIPAL_FORMATS[cloud];
    return principalPaths(raw)
        .filter((path) => {
            const value = stringAt(raw, path);
            return value !== undefined && !format.pattern.test(value);
        })
        .map((path) => problem(path, raw, format.allowed));
};

/**
 * The deployer is explicit in prod, so its cluster access never depends on who happens to run the
 * update; elsewhere the caller is the default. On Azure a group deployer must be an admin group: any
 * other group would become a second cluster-admin group (HC-IAM-05). GKE takes no deployer.
 */
const deployerNamed: Rule = (raw, cloud, environment) => {
    const path = ["access", "deployer"];
    const value = valueAt(raw, path);
    if (!cloud) return [];
    const format = DEPLOYER_FORMATS[cloud];
    if (!format) {
        return value === undefined
            ? []
            : [
                  problem(
                      path,
                      raw,
                      "unset on gcp: GKE gives the deployer Kubernetes rights through its project IAM role (roles/container.admin), and the stack grants it nothing",
                  ),
              ];
    }
    if (value === undefined) {
        return environment === "prod"
            ? [problem(path, raw, `${format.allowed} (required in prod: the identity that runs the update and installs the baseline)`)]
            : [];
    }
    if (typeof value !== "string") return [];
    if (!format.pattern.test(value)) return [problem(path, raw, format.allowed)];
    const [type, id] = value.split(":");
    if (cloud === "azure" && type === "Group") {
        const admins = arrayAt(raw, ["access", "admins"]).filter((a): a is string => typeof a === "string");
        if (!admins.some((a) => a.toLowerCase() === id.toLowerCase())) {
            return [
                problem(
                    path,
                    raw,
                    "a group deployer must be one of access.admins (any other group would become another cluster-admin group); or name the runner's own ServicePrincipal:<id> / User:<id>",
                ),
            ];
        }
    }
    return [];
};

const networkRangesDisjoint: Rule = (raw) => {
    const ranges = (["cidr", "podCidr", "serviceCidr"] as const).map((name) => {
        const given = stringAt(raw, ["network", name]);
        return { name, given, cidr: given ?? DEFAULT_NETWORK[name] };
    });
    const problems: ConfigProblem[] = [];
    for (let i = 0; i < ranges.length; i++) {
        for (let j = i + 1; j < ranges.length; j++) {
            const a = ranges[i];
            const b = ranges[j];
            if (!isIpv4Cidr(a.cidr) || !isIpv4Cidr(b.cidr) || !cidrsOverlap(a.cidr, b.cidr)) continue;
            const blame = b.given !== undefined ? b : a;
            const other = blame === b ? a : b;
            problems.push(problem(["network", blame.name], raw, `a range that does not overlap network.${other.name} (${other.cidr})`));
        }
    }
    return problems;
};

/** A list of CIDRs that may reach the API server: never the whole internet, never wider than a /8. */
function cidrsNotOpen(raw: RawConfig, list: "authorizedCidrs" | "privateSourceCidrs"): ConfigProblem[] {
    const emptyHint = list === "authorizedCidrs" ? "; leave the list empty for a private endpoint" : "";
    return arrayAt(raw, ["apiAccess", list]).flatMap((value, i) => {
        if (typeof value !== "string" || !isIpv4Cidr(value)) return [];
        if (isOpenToInternet(value)) {
            return [problem(["apiAccess", list, i], raw, `specific CIDRs (0.0.0.0/0 opens the API server to the internet)${emptyHint}`)];
        }
        if (parseCidr(value).prefix < 8) {
            return [problem(["apiAccess", list, i], raw, "a block of /8 or smaller; this one is wide enough to be effectively open")];
        }
        return [];
    });
}

const apiNotOpen: Rule = (raw) => [...cidrsNotOpen(raw, "authorizedCidrs"), ...cidrsNotOpen(raw, "privateSourceCidrs")];

/** Extra 443 ingress on the control plane's security group is an EKS construct; other clouds have their own keys. */
const privateSourcesOnAwsOnly: Rule = (raw, cloud) => {
    if (!cloud || cloud === "aws") return [];
    const other =
        cloud === "azure"
            ? "aks.runnerVnet (a peered runner VNet)"
            : "nothing: GKE's DNS endpoint is reachable from any network, guarded by IAM";
    return (["privateSourceCidrs", "privateSourceSecurityGroupIds"] as const)
        .filter((key) => valueAt(raw, ["apiAccess", key]) !== undefined)
        .map((key) =>
            problem(["apiAccess", key], raw, `unset on ${cloud}: it admits runners to an EKS control plane; on ${cloud} use ${other}`),
        );
};

/** clusterStack and existingCluster name the cluster a baseline-layer stack applies to. */
const baselineSourcesOnlyInBaselineLayer: Rule = (raw) =>
    (["clusterStack", "existingCluster"] as const)
        .filter((key) => valueAt(raw, [key]) !== undefined)
        .map((key) =>
            problem([key], raw, "only with layer: baseline (a stack that applies the Kubernetes baseline to a cluster it does not build)"),
        );

function stringsAt(raw: RawConfig, path: Path): string[] {
    return arrayAt(raw, path).filter((v): v is string => typeof v === "string");
}

/** Decision 4: an all-layer stack whose deployer could not reach the API from outside is refused up front. */
const apiReachable: Rule = (raw, cloud) => {
    const layer = valueAt(raw, ["layer"]);
    if (!cloud || (layer !== undefined && layer !== "all")) return [];
    const input: ReachabilityInput = {
        layer: "all",
        cloud,
        region: stringAt(raw, ["region"]) ?? "",
        authorizedCidrs: stringsAt(raw, ["apiAccess", "authorizedCidrs"]),
        privateSourceCidrs: stringsAt(raw, ["apiAccess", "privateSourceCidrs"]),
        privateSourceSecurityGroupIds: stringsAt(raw, ["apiAccess", "privateSourceSecurityGroupIds"]),
        existingVpc: valueAt(raw, ["eks", "existingPrivateSubnetIds"]) !== undefined,
        runnerVnet: stringAt(raw, ["aks", "runnerVnet", "id"]),
    };
    const unreachable = unreachableProblem(input, layer);
    return unreachable ? [unreachable] : [];
};

const RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease", "falco", "cosign-system", "monitoring"];

const tenantsUnique: Rule = (raw) => {
    const seen = new Map<string, number>();
    const problems: ConfigProblem[] = [];
    arrayAt(raw, ["tenants"]).forEach((_, i) => {
        const name = stringAt(raw, ["tenants", i, "name"]);
        if (name === undefined) return;
        if (RESERVED_NAMESPACES.includes(name)) {
            problems.push(
                problem(["tenants", i, "name"], raw, `a name that is not a system namespace (${RESERVED_NAMESPACES.join(", ")})`),
            );
        }
        const first = seen.get(name);
        if (first !== undefined) {
            problems.push(problem(["tenants", i, "name"], raw, `a name not already used (tenants[${first}] is "${name}")`));
        } else {
            seen.set(name, i);
        }
    });
    return problems;
};

/** Tenant names are unique and not system namespaces (also for baseline-layer stacks). */
export function tenantNamesProblems(raw: RawConfig): ConfigProblem[] {
    return tenantsUnique(raw, undefined, undefined);
}

const retentionLongEnough: Rule = (raw, _cloud, environment) => {
    const days = numberAt(raw, ["logRetentionDays"]);
    if (!environment || days === undefined) return [];
    const min = ENVIRONMENT_DEFAULTS[environment].minLogRetentionDays;
    return days < min ? [problem(["logRetentionDays"], raw, `at least ${min} days in ${environment}`)] : [];
};

const prodStaysProtected: Rule = (raw, _cloud, environment) => {
    const problems: ConfigProblem[] = [];
    if (environment !== "prod") return problems;
    if (valueAt(raw, ["deletionProtection"]) === false) {
        problems.push(problem(["deletionProtection"], raw, "true (or unset) in prod: deletion protection cannot be turned off there"));
    }
    const zones = numberAt(raw, ["network", "zones"]);
    if (zones !== undefined && zones < 3) {
        problems.push(problem(["network", "zones"], raw, "3 in prod (nodes and NAT spread over three zones)"));
    }
    return problems;
};

/**
 * HC-SUP-04: in prod the in-cluster signature policy names who may sign. With no keyless identity and no
 * public key the baseline's ClusterImagePolicy would accept an image signed by anyone with a Sigstore
 * identity (any GitHub or Google account). GKE is exempt: there an empty list means Binary Authorization
 * alone, which admits only the trusted registries (components/gcp/cluster.ts, imageVerification).
 */
const prodNamesImageSigners: Rule = (raw, cloud, environment) => {
    if (environment !== "prod" || cloud === undefined || cloud === "gcp") return [];
    const keyless = arrayAt(raw, ["baseline", "imageSignatures", "keyless"]);
    const publicKeys = arrayAt(raw, ["baseline", "imageSignatures", "publicKeys"]);
    if (keyless.length + publicKeys.length > 0) return [];
    return [
        problem(
            ["baseline", "imageSignatures"],
            raw,
            "keyless identities (issuer and subjectRegExp of your release workflow) or publicKeys in prod; with none, the signature policy accepts images signed by anyone",
        ),
    ];
};

const poolSizesOrdered: Rule = (raw) =>
    (["system", "general", "isolated"] as const).flatMap((pool) => {
        const min = numberAt(raw, ["nodePools", pool, "minSize"]);
        const max = numberAt(raw, ["nodePools", pool, "maxSize"]);
        const problems: ConfigProblem[] = [];
        if (min !== undefined && max !== undefined && min > max) {
            problems.push(problem(["nodePools", pool, "minSize"], raw, `at most nodePools.${pool}.maxSize (${max})`));
        }
        if (pool === "system" && min === 0) {
            problems.push(
                problem(["nodePools", pool, "minSize"], raw, "at least 1: the system pool runs CoreDNS and the cluster's agents"),
            );
        }
        return problems;
    });

const CLOUD_BLOCKS: Readonly<Record<Cloud, "eks" | "aks" | "gke">> = { aws: "eks", azure: "aks", gcp: "gke" };

const cloudBlockMatches: Rule = (raw, cloud) => {
    const problems: ConfigProblem[] = [];
    for (const other of CLOUDS) {
        const block = CLOUD_BLOCKS[other];
        if (other !== cloud && valueAt(raw, [block]) !== undefined && cloud !== undefined) {
            problems.push(problem([block], raw, `no ${block} settings when cloud is ${cloud}; they apply to cloud ${other}`));
        }
    }
    if (cloud === "gcp" && valueAt(raw, ["gke"]) === undefined) {
        problems.push(problem(["gke"], raw, "a gke block with projectId and groupsDomain (required when cloud is gcp)"));
    }
    return problems;
};

const cloudSpecific: Rule = (raw, cloud, environment) => {
    switch (cloud) {
        case "aws":
            return eksProblems(raw, environment);
        case "azure":
            return aksProblems(raw, environment);
        case "gcp":
            return gkeProblems(raw, environment);
        case undefined:
            return [];
    }
};

const RULES: readonly Rule[] = [
    regionMatchesCloud,
    principalsMatchCloud,
    deployerNamed,
    networkRangesDisjoint,
    apiNotOpen,
    privateSourcesOnAwsOnly,
    baselineSourcesOnlyInBaselineLayer,
    apiReachable,
    tenantsUnique,
    retentionLongEnough,
    prodStaysProtected,
    prodNamesImageSigners,
    poolSizesOrdered,
    cloudBlockMatches,
    cloudSpecific,
    day2Problems,
];

export function crossFieldProblems(raw: RawConfig): ConfigProblem[] {
    const cloudText = stringAt(raw, ["cloud"]);
    const envText = stringAt(raw, ["environment"]);
    const cloud = CLOUDS.find((c) => c === cloudText);
    const environment = ENVIRONMENTS.find((e) => e === envText);
    return RULES.flatMap((rule) => rule(raw, cloud, environment));
}
