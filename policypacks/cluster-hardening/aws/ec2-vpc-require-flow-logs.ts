import * as aws from "@pulumi/aws";
import { controlStackPolicy } from "../../lib/define";
import { dependencyUrns, validateStackWithRelated } from "../../lib/stack";

/**
 * HC-NET-03. Every VPC of the stack has a flow log attached to the VPC itself (not only to a subnet or
 * interface) that records ALL traffic: an ACCEPT-only log hides the probes a firewall refused, a
 * REJECT-only log hides the connections that got through. The flow log is matched through the
 * dependency of its vpcId property, which is known even while the VPC's id is not (first preview).
 * trafficType is required with vpcId (provider docs); a missing value is reported as not ALL.
 */
export const awsEc2VpcRequireFlowLogs = controlStackPolicy({
    name: "aws-ec2-vpc-require-flow-logs",
    controlId: "HC-NET-03",
    description: "Every VPC has an aws.ec2.FlowLog whose vpcId refers to it and whose trafficType is ALL.",
    remediationSteps: "Add an aws.ec2.FlowLog with vpcId: vpc.id, trafficType ALL, to an encrypted log group.",
    validateStack: validateStackWithRelated(aws.ec2.Vpc, (vpcs, all, report) => {
        const trafficTypes = new Map<string, string[]>();
        for (const r of all) {
            if (r.type !== "aws:ec2/flowLog:FlowLog") continue;
            for (const u of dependencyUrns(r, "vpcId")) {
                trafficTypes.set(u, [...(trafficTypes.get(u) ?? []), String(r.props["trafficType"] ?? "unset")]);
            }
        }
        for (const vpc of vpcs) {
            const types = trafficTypes.get(vpc.urn);
            if (!types) {
                report(
                    `VPC ${vpc.name} has no flow log; add an aws.ec2.FlowLog with vpcId set to this VPC's id and trafficType ALL`,
                    vpc.urn,
                );
            } else if (!types.includes("ALL")) {
                report(
                    `VPC ${vpc.name}'s flow logs record only trafficType [${types.join(", ")}], so part of the traffic leaves no record; set trafficType ALL`,
                    vpc.urn,
                );
            }
        }
    }),
});
