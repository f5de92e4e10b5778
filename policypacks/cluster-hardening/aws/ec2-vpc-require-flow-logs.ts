import * as aws from "@pulumi/aws";
import { controlStackPolicy } from "../../lib/define";
import { dependencyUrns, validateStackWithRelated } from "../../lib/stack";

/**
 * HC-NET-03. Every VPC of the stack has a flow log attached to the VPC itself (not only to a subnet or
 * interface). The flow log is matched through the dependency of its vpcId property, which is known
 * even while the VPC's id is not (first preview).
 */
export const awsEc2VpcRequireFlowLogs = controlStackPolicy({
    name: "aws-ec2-vpc-require-flow-logs",
    controlId: "HC-NET-03",
    description: "Every VPC has an aws.ec2.FlowLog whose vpcId refers to it.",
    remediationSteps: "Add an aws.ec2.FlowLog with vpcId: vpc.id, trafficType ALL, to an encrypted log group.",
    validateStack: validateStackWithRelated(aws.ec2.Vpc, (vpcs, all, report) => {
        const logged = new Set<string>();
        for (const r of all) {
            if (r.type === "aws:ec2/flowLog:FlowLog") dependencyUrns(r, "vpcId").forEach((u) => logged.add(u));
        }
        for (const vpc of vpcs) {
            if (!logged.has(vpc.urn)) {
                report(
                    `VPC ${vpc.name} has no flow log; add an aws.ec2.FlowLog with vpcId set to this VPC's id and trafficType ALL`,
                    vpc.urn,
                );
            }
        }
    }),
});
