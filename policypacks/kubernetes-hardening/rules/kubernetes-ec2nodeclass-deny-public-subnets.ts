import { controlResourcePolicy } from "../../lib/define";
import { KINDS, list, record, validateObjects } from "./objects";

/** The tag the blueprint's network (components/aws/network.ts) puts on private subnets only, as EKS's load balancers read it. */
export const PRIVATE_SUBNET_TAG = "kubernetes.io/role/internal-elb";
/** The tag of public subnets (internet-facing load balancers). */
export const PUBLIC_SUBNET_TAG = "kubernetes.io/role/elb";

/**
 * HC-NET-01 for nodes Karpenter launches: an EC2NodeClass never asks for public addresses
 * (associatePublicIPAddress true) and selects only private subnets. Each subnetSelectorTerm names subnet ids (the
 * private subnets, reviewed) or, by tags, includes the private-subnet tag: a term by other tags alone (e.g.
 * karpenter.sh/discovery) may also match the public subnets, whose mapPublicIpOnLaunch gives nodes public
 * addresses when associatePublicIPAddress is unset. Terms are ORed, fields of one term ANDed (Karpenter v1).
 */
export const ec2NodeClassDenyPublicSubnets = controlResourcePolicy({
    name: "kubernetes-ec2nodeclass-deny-public-subnets",
    controlId: "HC-NET-01",
    description: "Karpenter EC2NodeClasses select only private subnets and never associate public IP addresses.",
    remediationSteps: `Select subnets by id, or by tags that include ${PRIVATE_SUBNET_TAG}; leave associatePublicIPAddress unset or false.`,
    validateResource: validateObjects([KINDS.ec2NodeClass], (nodeClass, _args, report) => {
        const spec = record(nodeClass.body["spec"]);
        if (spec?.["associatePublicIPAddress"] === true) {
            report(`${nodeClass.label} sets associatePublicIPAddress true, so its nodes get public addresses; set it to false`);
        }
        const terms = list(spec?.["subnetSelectorTerms"]);
        if (terms.length === 0) {
            report(
                `${nodeClass.label} has no subnetSelectorTerms; add terms that select the private subnets by id or by the ${PRIVATE_SUBNET_TAG} tag`,
            );
        }
        terms.forEach((raw, i) => {
            const term = record(raw) ?? {};
            const tags = record(term["tags"]) ?? {};
            if (typeof term["id"] === "string" && term["id"] !== "") return;
            if (tags[PUBLIC_SUBNET_TAG] !== undefined) {
                report(
                    `${nodeClass.label}: subnetSelectorTerms[${i}] selects public subnets (tag ${PUBLIC_SUBNET_TAG}); select the private subnets by the ${PRIVATE_SUBNET_TAG} tag instead`,
                );
            } else if (tags[PRIVATE_SUBNET_TAG] === undefined || tags[PRIVATE_SUBNET_TAG] === "*") {
                report(
                    `${nodeClass.label}: subnetSelectorTerms[${i}] (${JSON.stringify(term)}) may match public subnets; add the tag ${PRIVATE_SUBNET_TAG} to the term or select subnets by id`,
                );
            }
        });
    }),
});
