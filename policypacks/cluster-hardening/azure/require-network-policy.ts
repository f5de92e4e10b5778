import * as containerservice from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const AKS_NETWORK_POLICY_ENGINES = ["cilium", "azure", "calico"] as const;

export const azureAksClusterRequireNetworkPolicy = controlResourcePolicy({
    name: "azure-aks-cluster-require-network-policy",
    controlId: "HC-NET-02",
    description: "AKS clusters run a network policy engine (cilium, azure or calico) that enforces NetworkPolicy objects.",
    remediationSteps: 'Set networkProfile.networkPolicy "cilium" with networkDataplane "cilium" (or "azure"/"calico").',
    validateResource: validateResourceOfType(containerservice.ManagedCluster, (cluster, _args, report) => {
        const profile = cluster.networkProfile;
        const policy = profile?.networkPolicy;
        if (policy === undefined || !(AKS_NETWORK_POLICY_ENGINES as readonly string[]).includes(policy)) {
            report(
                `networkProfile.networkPolicy is ${policy === undefined ? "not set" : `"${policy}"`}, so NetworkPolicy objects are not enforced; set it to one of ${AKS_NETWORK_POLICY_ENGINES.join(", ")}`,
            );
            return;
        }
        if (policy === "cilium" && profile?.networkDataplane !== "cilium") {
            report(
                `networkProfile.networkPolicy is "cilium" but networkDataplane is ${JSON.stringify(profile?.networkDataplane ?? null)}; Cilium policy needs networkDataplane "cilium"`,
            );
        }
    }),
});
