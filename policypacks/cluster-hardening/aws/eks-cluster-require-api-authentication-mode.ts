import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-IAM-01 (CIS EKS 5.5.1). Access entries only (authenticationMode API: no aws-auth ConfigMap that
 * anyone with kube-system write can edit), and no invisible cluster-admin for whoever created the
 * cluster (bootstrapClusterCreatorAdminPermissions false; AWS's default is true).
 */
export const awsEksClusterRequireApiAuthenticationMode = controlResourcePolicy({
    name: "aws-eks-cluster-require-api-authentication-mode",
    controlId: "HC-IAM-01",
    description: "EKS clusters authenticate through access entries only and grant the creator no implicit admin.",
    remediationSteps: 'Set accessConfig { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false }.',
    validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, report) => {
        const access = cluster.accessConfig;
        const mode = access?.authenticationMode;
        if (mode !== "API") {
            report(
                `accessConfig.authenticationMode is ${mode ?? "unset (AWS default CONFIG_MAP)"}; set it to "API" so access is granted only through access entries`,
            );
        }
        if (access?.bootstrapClusterCreatorAdminPermissions !== false) {
            report(
                `accessConfig.bootstrapClusterCreatorAdminPermissions is ${String(access?.bootstrapClusterCreatorAdminPermissions ?? "unset (AWS default true)")}; set it false and grant admins through access entries`,
            );
        }
    }),
});
