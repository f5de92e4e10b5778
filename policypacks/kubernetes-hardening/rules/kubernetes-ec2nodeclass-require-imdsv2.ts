import { controlResourcePolicy } from "../../lib/define";
import { KINDS, record, validateObjects } from "./objects";

/**
 * HC-NODE-02 for nodes Karpenter launches (karpenter.k8s.aws EC2NodeClass, issue 14): instance metadata answers
 * only IMDSv2 session-token requests, one network hop away, so a pod (one hop further behind the node's network
 * namespace) cannot read the node role's credentials. Karpenter v1 defaults to these values but v1beta1 defaulted
 * the hop limit to 2, and the policy matches every version of the kind: the values must be written out.
 */
export const ec2NodeClassRequireImdsv2 = controlResourcePolicy({
    name: "kubernetes-ec2nodeclass-require-imdsv2",
    controlId: "HC-NODE-02",
    description: "Karpenter EC2NodeClasses set metadataOptions httpTokens required and httpPutResponseHopLimit 1.",
    remediationSteps: 'Set spec.metadataOptions { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 }.',
    validateResource: validateObjects([KINDS.ec2NodeClass], (nodeClass, _args, report) => {
        const options = record(record(nodeClass.body["spec"])?.["metadataOptions"]);
        const tokens = options?.["httpTokens"];
        const hops = options?.["httpPutResponseHopLimit"];
        const problems: string[] = [];
        if (tokens !== "required") problems.push(`httpTokens is ${JSON.stringify(tokens ?? null)}`);
        if (hops !== 1) problems.push(`httpPutResponseHopLimit is ${JSON.stringify(hops ?? null)}`);
        if (problems.length === 0) return;
        report(
            `${nodeClass.label}: spec.metadataOptions ${problems.join(" and ")}, so pods on its nodes may reach the node role's credentials; set httpTokens "required" and httpPutResponseHopLimit 1`,
        );
    }),
});
