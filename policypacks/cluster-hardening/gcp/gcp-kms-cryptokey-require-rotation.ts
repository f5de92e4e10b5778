import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** 90 days, the longest rotation period CIS GKE 5.3.1 and HC-SEC-02 accept. */
export const MAX_ROTATION_SECONDS = 90 * 24 * 60 * 60;

/** "7776000s" -> 7776000; undefined for anything that is not a duration in seconds. */
export function durationSeconds(text: string): number | undefined {
    const match = /^(\d+(\.\d+)?)s$/.exec(text);
    return match ? Number(match[1]) : undefined;
}

/**
 * HC-SEC-02. Symmetric keys (ENCRYPT_DECRYPT, the default purpose) rotate at least every 90 days.
 * Cloud KMS cannot rotate asymmetric or MAC keys automatically, so those are not applicable.
 */
export const kmsCryptoKeyRequireRotation = controlResourcePolicy({
    name: "gcp-kms-cryptokey-require-rotation",
    controlId: "HC-SEC-02",
    description: "Cloud KMS symmetric keys rotate automatically at least every 90 days.",
    validateResource: validateResourceOfType(gcp.kms.CryptoKey, (key, args, report) => {
        const purpose = key.purpose ?? "ENCRYPT_DECRYPT";
        if (purpose !== "ENCRYPT_DECRYPT") {
            args.notApplicable(`Cloud KMS does not rotate ${purpose} keys automatically`);
            return;
        }
        if (!key.rotationPeriod) {
            report(
                `rotationPeriod is not set, so the key never rotates; set rotationPeriod to at most "${MAX_ROTATION_SECONDS}s" (90 days)`,
            );
            return;
        }
        const seconds = durationSeconds(key.rotationPeriod);
        if (seconds === undefined || seconds > MAX_ROTATION_SECONDS) {
            report(`rotationPeriod is "${key.rotationPeriod}"; set at most "${MAX_ROTATION_SECONDS}s" (90 days)`);
        }
    }),
});
