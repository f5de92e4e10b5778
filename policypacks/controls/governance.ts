import { Control } from "./types";

/** Controls on how the blueprint's own controls may be waived. */
export const GOVERNANCE_CONTROLS: readonly Control[] = [
    {
        id: "HC-GOV-01",
        title: "Exceptions to a control are reviewed, attributed and expire",
        rationale:
            "A waiver without an owner or an end date becomes a permanent hole. Every exception names the control, a reason, an approver and an expiry within a year; a lapsed or malformed one blocks the change.",
        themes: ["audit"],
        severity: "high",
        references: {
            nsaCisa: "NSA/CISA Kubernetes Hardening Guide v1.2: Upgrading and application security practices",
            seeds: ["000_7a512321956fe2d5.txt"],
        },
        policies: ["cluster-exceptions-require-valid", "kubernetes-exceptions-require-valid"],
        implementedBy: ["policypacks/lib"],
    },
];
