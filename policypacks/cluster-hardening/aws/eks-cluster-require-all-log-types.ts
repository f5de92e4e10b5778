import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const REQUIRED_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** HC-AUD-01 (CIS EKS 2.1.1): every control-plane log type goes to CloudWatch Logs. */
export const awsEksClusterRequireAllLogTypes = controlResourcePolicy({
    name: "aws-eks-cluster-require-all-log-types",
    controlId: "HC-AUD-01",
    description: "EKS clusters send all five control-plane log types (api, audit, authenticator, controllerManager, scheduler).",
    remediationSteps: `Set enabledClusterLogTypes to [${REQUIRED_LOG_TYPES.join(", ")}].`,
    validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, report) => {
        const enabled = cluster.enabledClusterLogTypes ?? [];
        const missing = REQUIRED_LOG_TYPES.filter((t) => !enabled.includes(t));
        if (missing.length > 0) {
            report(`enabledClusterLogTypes is missing [${missing.join(", ")}]; set it to [${REQUIRED_LOG_TYPES.join(", ")}]`);
        }
    }),
});
