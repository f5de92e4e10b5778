import { PolicyPack } from "@pulumi/policy";
import { CLUSTER_HARDENING_POLICIES } from "./policies";

// Only the pack's construction lives here: `new PolicyPack` starts the CLI's gRPC server, so tests and
// the offline plan import the policy list from ./policies instead.
new PolicyPack("cluster-hardening", {
    policies: [...CLUSTER_HARDENING_POLICIES],
    enforcementLevel: "mandatory",
});
