/**
 * The two layers of the blueprint and how a deployer reaches a cluster's API server. Closed vocabularies
 * (see vocabulary.ts), kept in their own file because the layering owns them.
 */

/**
 * `all`: cloud layer and Kubernetes baseline in one program (the deployer must reach the API from outside
 * the network the run creates). `cluster`: the cloud layer only; it hands over to a baseline-layer stack.
 * `baseline`: the Kubernetes baseline only, on a cluster read from a cluster-layer stack or one the
 * blueprint did not build.
 */
export const LAYERS = ["all", "cluster", "baseline"] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * How the deployer's Kubernetes calls (the baseline) reach the API server.
 * - `dns-endpoint-iam`: GKE's DNS-based control-plane endpoint; IAM (container.clusters.connect) decides.
 * - `authorized-cidrs`: a public endpoint answering only `apiAccess.authorizedCidrs`.
 * - `runner-network`: a private endpoint reached from a runner network the stack admits (EKS: extra 443
 *   ingress for `apiAccess.privateSource*`; AKS: `aks.runnerVnet` peered and linked to the private DNS zone).
 * - `separate-baseline-stack`: the stack is the cluster layer; a baseline-layer stack applies the baseline.
 * - `existing-cluster`: a baseline-layer stack on a cluster given by kubeconfig.
 */
export const REACHABILITY_PATHS = [
    "dns-endpoint-iam",
    "authorized-cidrs",
    "runner-network",
    "separate-baseline-stack",
    "existing-cluster",
] as const;
export type ReachabilityPath = (typeof REACHABILITY_PATHS)[number];
