import { ConfigError, ConfigProblem } from "./errors";
import { keyName } from "./raw";
import { HardenedConfig } from "./types";
import type { BaselineLayerConfig } from "./layers";
import { Layer, ReachabilityPath } from "../core/layers";
import { assertNever, Cloud } from "../core/vocabulary";

/**
 * Preflight: how the deployer's Kubernetes calls (the baseline) reach the cluster's API server, and
 * what must be true before the first run. Pure (config in, plan out), so config validation refuses an
 * `all`-layer stack with no route (the baseline would time out after the cluster was built) and the
 * offline plan prints the same statement for every stack.
 */
export interface ApiReachability {
    readonly layer: Layer;
    readonly path: ReachabilityPath;
    /** How the deployer reaches the API, in one or two sentences. */
    readonly summary: string;
    /** What must be in place before the first run (cloud features and APIs, network, DNS, CLI tools). */
    readonly prerequisites: readonly string[];
    /** Gaps that do not stop this stack but will stop the one that applies the baseline. */
    readonly warnings: readonly string[];
}

/** The settings that decide the route, read from validated config or (leniently) from raw config. */
export interface ReachabilityInput {
    readonly layer: Exclude<Layer, "baseline">;
    readonly cloud: Cloud;
    readonly region: string;
    readonly authorizedCidrs: readonly string[];
    readonly privateSourceCidrs: readonly string[];
    readonly privateSourceSecurityGroupIds: readonly string[];
    /** EKS: the stack builds into a VPC that exists before the run (eks.existingPrivateSubnetIds). */
    readonly existingVpc: boolean;
    /** AKS: the runner VNet peered to the cluster VNet and linked to its private DNS zone (aks.runnerVnet.id). */
    readonly runnerVnet?: string;
    /** GKE: the project (for the prerequisite commands). */
    readonly gcpProject?: string;
}

type ApiPath = Extract<ReachabilityPath, "dns-endpoint-iam" | "authorized-cidrs" | "runner-network">;

/**
 * The route from a runner outside the cluster's network to the API server, if the config opens one.
 * `beforeFirstRun`: the route must exist before this run creates anything (layer all), so an EKS runner
 * network only counts in a VPC that already exists; a cluster-layer stack's baseline runs later.
 */
export function apiPathOf(input: ReachabilityInput, beforeFirstRun: boolean): ApiPath | undefined {
    switch (input.cloud) {
        case "gcp":
            // Always on (components/gcp/control-plane.ts): the kubeconfig targets the DNS endpoint.
            return "dns-endpoint-iam";
        case "aws": {
            if (input.authorizedCidrs.length > 0) return "authorized-cidrs";
            const sources = input.privateSourceCidrs.length + input.privateSourceSecurityGroupIds.length > 0;
            return sources && (input.existingVpc || !beforeFirstRun) ? "runner-network" : undefined;
        }
        case "azure":
            if (input.authorizedCidrs.length > 0) return "authorized-cidrs";
            return input.runnerVnet ? "runner-network" : undefined;
        default:
            return assertNever(input.cloud, "cloud");
    }
}

/** The keys that open a route from a runner outside the cluster's network, per cloud (GKE always has one). */
export function routeKeys(cloud: Cloud, beforeFirstRun: boolean): string {
    switch (cloud) {
        case "aws":
            return `apiAccess.authorizedCidrs (the runner's public CIDRs), or apiAccess.privateSourceCidrs / apiAccess.privateSourceSecurityGroupIds (the runner network${
                beforeFirstRun
                    ? ", with eks.existingPrivateSubnetIds: a VPC the runner is connected to before the run"
                    : ", connected to the VPC"
            })`;
        case "azure":
            return "apiAccess.authorizedCidrs (the runner's public CIDRs), or aks.runnerVnet (the runner's VNet, peered and linked to the private DNS zone)";
        case "gcp":
            return "nothing: the DNS-based endpoint is always on";
        default:
            return assertNever(cloud, "cloud");
    }
}

/** The one problem of an all-layer stack whose deployer cannot reach the API from outside the network. */
export function unreachableProblem(input: ReachabilityInput, layerValue: unknown): ConfigProblem | undefined {
    if (input.layer !== "all" || apiPathOf(input, true) !== undefined) return undefined;
    return {
        key: keyName(["layer"]),
        value: layerValue,
        allowed: `cluster (the baseline then runs as a baseline-layer stack reading this one through clusterStack), or all with ${routeKeys(input.cloud, true)}: the API server is private and reachable only from the network this run creates, so the baseline could never be applied`,
    };
}

function pathSummary(input: ReachabilityInput, path: ApiPath): string {
    switch (path) {
        case "dns-endpoint-iam":
            return "through GKE's DNS-based control-plane endpoint, from any network that reaches Google APIs; IAM (container.clusters.connect) admits the caller before Kubernetes RBAC, and the IP endpoints stay private";
        case "authorized-cidrs":
            return `through the public endpoint, which answers only apiAccess.authorizedCidrs (${input.authorizedCidrs.join(", ")})`;
        case "runner-network":
            return input.cloud === "azure"
                ? `through the private endpoint, from the runner VNet ${input.runnerVnet ?? ""} (peered with the cluster VNet, linked to the cluster's private DNS zone)`
                : `through the private endpoint, from a runner network connected to the VPC: ${[...input.privateSourceCidrs, ...input.privateSourceSecurityGroupIds].join(", ")} (443 admitted on the control plane's security group)`;
        default:
            return assertNever(path, "path");
    }
}

function cloudPrerequisites(input: ReachabilityInput, path: ApiPath | undefined): string[] {
    switch (input.cloud) {
        case "aws": {
            const list = [
                "The runner has the AWS CLI: the kubeconfig authenticates with `aws eks get-token`, with the stack's aws:profile and assumed role when set; those credentials resolve to access.deployer (the caller outside prod) or one of access.admins.",
            ];
            if (path === "runner-network") {
                list.push(
                    "The runner's network is connected to the cluster VPC (peering, transit gateway, VPN or Direct Connect), with routes both ways; its addresses or security groups are the ones in apiAccess.privateSource*.",
                    `The runner resolves the endpoint name to its private address: EKS publishes the private addresses of a private-only endpoint in public DNS, but a resolver that drops private answers (DNS-rebinding protection) or has no public DNS must forward ${input.region}.eks.amazonaws.com to a Route 53 Resolver inbound endpoint in the VPC, where EKS's private hosted zone answers; the VPC needs DNS support and DNS hostnames on.`,
                );
            }
            if (path === "authorized-cidrs") list.push("The runner's egress address is inside apiAccess.authorizedCidrs.");
            return list;
        }
        case "azure": {
            const list = [
                "The subscription has the EncryptionAtHost feature registered (`az feature register --namespace Microsoft.Compute --name EncryptionAtHost`, then `az provider register --namespace Microsoft.Compute`).",
                "The runner has the Azure CLI and kubelogin: the kubeconfig authenticates with `kubelogin get-token` in aks.kubeloginMode, as the provider's identity (access.deployer, or a member of an admin group).",
            ];
            if (path === "runner-network") {
                list.push(
                    "The runner VNet's address space does not overlap network.cidr; the deployer may create a peering on it (or aks.runnerVnet.peerFromRunner is false and the VNet's owner peers back).",
                    "The runner resolves names through Azure DNS (168.63.129.16), or its DNS servers forward privatelink.<region>.azmk8s.io there, so the cluster's private FQDN resolves through the linked zone.",
                );
            }
            if (path === "authorized-cidrs") {
                list.push(
                    "The runner's egress address is inside apiAccess.authorizedCidrs (the NAT gateway's address is added for the nodes).",
                );
            }
            return list;
        }
        case "gcp": {
            const project = input.gcpProject ?? "<project>";
            return [
                `Service Usage and Cloud Resource Manager APIs are enabled on ${project} before the first run (\`gcloud services enable serviceusage.googleapis.com cloudresourcemanager.googleapis.com --project ${project}\`): the program enables every other API through them.`,
                "The deployer holds roles/container.admin on the project: container.clusters.connect for the DNS endpoint and the Kubernetes rights the baseline needs (RBAC, admission policies). Every group named in access and tenants gets roles/container.clusterViewer, which carries container.clusters.connect.",
                "The runner has gcloud and gke-gcloud-auth-plugin, signed in as the deployer: Application Default Credentials, or a gcloud login allowed to impersonate gcp:impersonateServiceAccount (the plugin signs in as the provider does).",
                "The DNS endpoint answers the internet, guarded by IAM: put container.googleapis.com inside a VPC Service Controls perimeter and use organization policy (allowed members, allowed services) where the organization has them.",
            ];
        }
        default:
            return assertNever(input.cloud, "cloud");
    }
}

/** The preflight of a stack that builds a cluster (layer all or cluster). */
export function reachabilityOf(input: ReachabilityInput): ApiReachability {
    if (input.layer === "all") {
        const path = apiPathOf(input, true);
        if (!path) throw new ConfigError([unreachableProblem(input, input.layer) as ConfigProblem]);
        return {
            layer: "all",
            path,
            summary: `The baseline is applied in the same run, ${pathSummary(input, path)}.`,
            prerequisites: cloudPrerequisites(input, path),
            warnings: [],
        };
    }
    const later = apiPathOf(input, false);
    return {
        layer: "cluster",
        path: "separate-baseline-stack",
        summary: `Cloud layer only: this run needs ${input.cloud} API access and no route to the Kubernetes API. The baseline-layer stack that reads this one reaches the API ${
            later ? pathSummary(input, later) : "through a route that is not configured yet"
        }.`,
        prerequisites: cloudPrerequisites(input, later),
        warnings: later ? [] : [`No route to the API server for the baseline stack yet: set ${routeKeys(input.cloud, false)}.`],
    };
}

function inputOf(config: HardenedConfig): ReachabilityInput {
    return {
        layer: config.layer,
        cloud: config.cloud,
        region: config.region,
        authorizedCidrs: config.apiAccess.authorizedCidrs,
        privateSourceCidrs: config.apiAccess.privateSourceCidrs,
        privateSourceSecurityGroupIds: config.apiAccess.privateSourceSecurityGroupIds,
        existingVpc: config.cloud === "aws" && config.eks.existingPrivateSubnetIds !== undefined,
        runnerVnet: config.cloud === "azure" ? config.aks.runnerVnet?.id : undefined,
        gcpProject: config.cloud === "gcp" ? config.gke.projectId : undefined,
    };
}

/** How the deployer reaches the API server for this stack, and what the first run needs. */
export function planApiReachability(config: HardenedConfig | BaselineLayerConfig): ApiReachability {
    if (config.layer !== "baseline") return reachabilityOf(inputOf(config));
    const { source } = config;
    switch (source.kind) {
        case "cluster-stack":
            return {
                layer: "baseline",
                path: "separate-baseline-stack",
                summary: `Baseline layer only: reads the kubeconfig and hand-over of ${source.stackName}, and reaches its API by the route that stack's preflight names.`,
                prerequisites: [
                    `${source.stackName} is deployed (layer: cluster) and this stack's backend can read it (same organization on Pulumi Cloud; the same state bucket on a DIY backend).`,
                    "The runner reaches the cluster's API by that route and has the cloud's CLI signed in as an identity the cluster grants cluster-admin (the deployer of the cluster stack).",
                    "The kubeconfig read from the cluster stack signs in with that stack's provider settings (aws --profile/--role-arn and its files, the kubelogin mode with its client id and token file, GKE's ADC or impersonation): the runner needs the same credential source as the cluster stack's runner, resolving to access.deployer or an admin.",
                ],
                warnings: [],
            };
        case "existing-cluster":
            return {
                layer: "baseline",
                path: "existing-cluster",
                summary: `Baseline layer only, on a cluster the blueprint did not build: through the server in existingCluster.kubeconfig (${source.cluster.clusterName}).`,
                prerequisites: [
                    "The runner reaches that server, and the kubeconfig's user (or exec plugin) may create namespaces, cluster RBAC, admission policies and Helm releases (cluster-admin).",
                    "The cluster runs Kubernetes " +
                        source.cluster.kubernetesVersion +
                        " (Pod Security labels are pinned to it) and enforces NetworkPolicy (its CNI), or tenant isolation is only declared.",
                ],
                warnings: [],
            };
        default:
            return assertNever(source, "baseline source");
    }
}
