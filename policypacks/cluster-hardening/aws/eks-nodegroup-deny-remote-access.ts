import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** HC-NODE-03. No SSH into nodes: managed node groups set no remoteAccess (key pair or source groups). */
export const awsEksNodegroupDenyRemoteAccess = controlResourcePolicy({
    name: "aws-eks-nodegroup-deny-remote-access",
    controlId: "HC-NODE-03",
    description: "EKS managed node groups do not open SSH (no remoteAccess).",
    remediationSteps: "Remove remoteAccess; reach nodes through SSM Session Manager or Bottlerocket's admin container if ever needed.",
    validateResource: validateResourceOfType(aws.eks.NodeGroup, (group, _args, report) => {
        const remote = group.remoteAccess;
        if (!remote) return;
        const parts = [
            remote.ec2SshKey ? `ec2SshKey ${remote.ec2SshKey}` : undefined,
            (remote.sourceSecurityGroupIds ?? []).length > 0
                ? `sourceSecurityGroupIds [${(remote.sourceSecurityGroupIds ?? []).join(", ")}]`
                : undefined,
        ].filter((p): p is string => p !== undefined);
        report(`remoteAccess is set${parts.length > 0 ? ` (${parts.join(", ")})` : ""}, which opens SSH to the nodes; remove remoteAccess`);
    }),
});
