import * as aws from "@pulumi/aws";
import { controlStackPolicy } from "../../lib/define";
import { dependencyUrns, validateStackWithRelated } from "../../lib/stack";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

/**
 * HC-NODE-02 (and HC-NODE-01 through it). A managed node group without its own launch template runs on
 * the template EKS generates, which sets the metadata hop limit to 2 (pods reach the node role's
 * credentials through IMDS) and leaves volume encryption to the account's EBS default; the launch
 * template policies (IMDSv2 with hop limit 1, volumes encrypted with the cluster key) can only judge a
 * template defined in the stack. So each node group must name, through its launchTemplate property, an
 * aws.ec2.LaunchTemplate of this stack. Matched by property dependency, which is known in preview too. A
 * template made elsewhere (a literal id or name) cannot be verified: record an HC-NODE-02 exception
 * naming it, or define it here.
 */
export const awsEksNodegroupRequireLaunchTemplate = controlStackPolicy({
    name: "aws-eks-nodegroup-require-launch-template",
    controlId: "HC-NODE-02",
    description: "EKS managed node groups use a launch template defined in the stack (IMDSv2, hop limit 1, encrypted volumes).",
    remediationSteps:
        "Create an aws.ec2.LaunchTemplate with metadataOptions (httpTokens required, hop limit 1) and encrypted blockDeviceMappings, and set the node group's launchTemplate { id: template.id, version: template.latestVersion }.",
    validateStack: validateStackWithRelated(aws.eks.NodeGroup, (groups, all, report) => {
        const templates = new Set(all.filter((r) => r.type === LAUNCH_TEMPLATE).map((r) => r.urn));
        for (const group of groups) {
            const launchTemplate = group.props["launchTemplate"] as { id?: string; name?: string } | undefined;
            if (launchTemplate === undefined || launchTemplate === null) {
                report(
                    `node group ${group.name} has no launchTemplate, so EKS's generated template applies: IMDS hop limit 2 (pods can take the node role's credentials) and volume encryption left to the account default; give it a launch template from this stack with IMDSv2, hop limit 1 and encrypted volumes`,
                    group.urn,
                );
                continue;
            }
            if (dependencyUrns(group, "launchTemplate").some((u) => templates.has(u))) continue;
            const named = launchTemplate.id ?? launchTemplate.name ?? "(neither id nor name)";
            report(
                `node group ${group.name} uses launch template ${named}, which is not defined in this stack, so its metadata and volume settings cannot be verified; define the template in the stack, or record an HC-NODE-02 exception naming it`,
                group.urn,
            );
        }
    }),
});
