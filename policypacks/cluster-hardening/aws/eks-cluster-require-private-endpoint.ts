import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { isInternetCidr } from "./internet-cidr";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-API-01 (CIS EKS 5.4.1, 5.4.2). The private endpoint must be on, so nodes and in-VPC tooling reach
 * the API server privately. The public endpoint is allowed only with an explicit list of CIDRs, none of
 * them open to the internet (0.0.0.0/0, or any block wider than /8: see internet-cidr.ts). AWS defaults: endpointPublicAccess true, endpointPrivateAccess false, and an
 * empty publicAccessCidrs means 0.0.0.0/0, so unset values are judged by those defaults.
 */
export const awsEksClusterRequirePrivateEndpoint = controlResourcePolicy({
    name: "aws-eks-cluster-require-private-endpoint",
    controlId: "HC-API-01",
    description: "EKS clusters enable the private API endpoint; a public endpoint is allowed only for listed, non-open CIDRs.",
    remediationSteps: "Set vpcConfig.endpointPrivateAccess true and endpointPublicAccess false, or list specific publicAccessCidrs.",
    validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, report) => {
        const vpc = cluster.vpcConfig;
        if (vpc.endpointPrivateAccess !== true) {
            report(
                `vpcConfig.endpointPrivateAccess is ${String(vpc.endpointPrivateAccess ?? "unset (AWS default false)")}; set it true so nodes reach the API server inside the VPC`,
            );
        }
        if (vpc.endpointPublicAccess === false) return;
        const state = vpc.endpointPublicAccess === undefined ? "unset (AWS default true)" : "true";
        const cidrs = vpc.publicAccessCidrs ?? [];
        if (cidrs.length === 0) {
            report(
                `vpcConfig.endpointPublicAccess is ${state} with no publicAccessCidrs, which AWS treats as [0.0.0.0/0]; set endpointPublicAccess false or list specific CIDRs`,
            );
            return;
        }
        const open = cidrs.filter(isInternetCidr);
        if (open.length > 0) {
            report(
                `vpcConfig.endpointPublicAccess is ${state} with publicAccessCidrs [${cidrs.join(", ")}]; remove [${open.join(", ")}]: set endpointPublicAccess false or list specific CIDRs`,
            );
        }
    }),
});
