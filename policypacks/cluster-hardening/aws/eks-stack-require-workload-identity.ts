import * as aws from "@pulumi/aws";
import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import { dependencyUrns, validateStackWithRelated } from "../../lib/stack";

const ADDON = "aws:eks/addon:Addon";
const OIDC_PROVIDER = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
export const POD_IDENTITY_AGENT = "eks-pod-identity-agent";

/**
 * HC-IAM-02 (CIS EKS 5.2.1). Each EKS cluster offers workloads their own identity: the EKS Pod Identity
 * agent add-on, or an IAM OIDC provider for IRSA. Related through property dependencies (the add-on's
 * clusterName, the provider's url), with the literal cluster name as a fallback when the add-on names
 * the cluster by a plain string.
 */
export const awsEksStackRequireWorkloadIdentity = controlStackPolicy({
    name: "aws-eks-stack-require-workload-identity",
    controlId: "HC-IAM-02",
    description: "Every EKS cluster has the eks-pod-identity-agent add-on or an IAM OIDC provider for IRSA.",
    remediationSteps: "Add an aws.eks.Addon eks-pod-identity-agent for the cluster (or an aws.iam.OpenIdConnectProvider for its issuer).",
    validateStack: validateStackWithRelated(aws.eks.Cluster, (clusters, all, report) => {
        const coveredUrns = new Set<string>();
        const agentAddons: PolicyResource[] = [];
        for (const r of all) {
            if (r.type === ADDON && r.props["addonName"] === POD_IDENTITY_AGENT) {
                agentAddons.push(r);
                dependencyUrns(r, "clusterName").forEach((u) => coveredUrns.add(u));
            } else if (r.type === OIDC_PROVIDER) {
                dependencyUrns(r, "url").forEach((u) => coveredUrns.add(u));
            }
        }
        let namedByString: Set<unknown> | undefined;
        for (const cluster of clusters) {
            if (coveredUrns.has(cluster.urn)) continue;
            namedByString ??= new Set(
                agentAddons.filter((a) => (a.propertyDependencies["clusterName"] ?? []).length === 0).map((a) => a.props["clusterName"]),
            );
            const name = cluster.props["name"];
            if (name !== undefined && namedByString.has(name)) continue;
            report(
                `EKS cluster ${cluster.name} has no ${POD_IDENTITY_AGENT} add-on and no IAM OIDC provider, so pods can only use the node's credentials; add the ${POD_IDENTITY_AGENT} add-on (or an OIDC provider for IRSA)`,
                cluster.urn,
            );
        }
    }),
});
