import * as containerservice from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { isEffectivelyOpen } from "./cidr";

export const azureAksClusterRequirePrivateApi = controlResourcePolicy({
    name: "azure-aks-cluster-require-private-api",
    controlId: "HC-API-01",
    description: "AKS clusters are private clusters, or limit their public API server to listed CIDRs that are not open.",
    remediationSteps: "Set apiServerAccessProfile.enablePrivateCluster true, or list specific CIDRs (no 0.0.0.0/0) in authorizedIPRanges.",
    validateResource: validateResourceOfType(containerservice.ManagedCluster, (cluster, _args, report) => {
        const access = cluster.apiServerAccessProfile;
        if (access?.enablePrivateCluster === true) return;
        const ranges = access?.authorizedIPRanges ?? [];
        if (ranges.length === 0) {
            report(
                "apiServerAccessProfile.enablePrivateCluster is not true and authorizedIPRanges is empty, so the API server is reachable from the whole internet; set enablePrivateCluster true or list specific CIDRs in authorizedIPRanges",
            );
            return;
        }
        const open = ranges.filter(isEffectivelyOpen);
        if (open.length > 0) {
            report(
                `apiServerAccessProfile.authorizedIPRanges [${open.join(", ")}] is open to (a large part of) the internet; list specific CIDRs of /8 or narrower, or set enablePrivateCluster true`,
            );
        }
    }),
});
