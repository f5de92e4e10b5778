import { controlResourcePolicy } from "../../lib/define";
import { KINDS, list, record, validateObjects } from "./objects";

/**
 * Identities a stranger can get certified: a GitHub Actions workflow in someone else's repository and a
 * mailbox of someone else's domain, under an issuer nobody configured. An identity rule that accepts one
 * of them accepts strangers' signatures.
 */
const STRANGER_SUBJECTS = ["https://github.com/attacker/evil/.github/workflows/release.yml@refs/heads/main", "attacker@evil.example"];
const STRANGER_ISSUER = "https://issuer.evil.example";

/** undefined when the pattern is strict, else why not ("matches any subject", "is not a valid regular expression"). */
function acceptsStrangers(pattern: string, strangers: readonly string[]): string | undefined {
    let re: RegExp;
    try {
        re = new RegExp(pattern);
    } catch {
        return `is not a regular expression this policy can check (${JSON.stringify(pattern)})`;
    }
    const accepted = strangers.find((s) => re.test(s));
    return accepted === undefined ? undefined : `${JSON.stringify(pattern)} matches a stranger's ${JSON.stringify(accepted)}`;
}

/** What makes one keyless identity accept strangers, or undefined. */
function weakIdentity(identity: Record<string, unknown>): string | undefined {
    const issuer = identity["issuer"];
    const issuerRegExp = identity["issuerRegExp"];
    const subject = identity["subject"];
    const subjectRegExp = identity["subjectRegExp"];
    const problems: string[] = [];
    if (typeof issuer !== "string" || issuer.length === 0) {
        if (typeof issuerRegExp !== "string") problems.push("no issuer");
        else {
            const weak = acceptsStrangers(issuerRegExp, [STRANGER_ISSUER]);
            if (weak) problems.push(`issuerRegExp ${weak}`);
        }
    }
    if (typeof subject !== "string" || subject.length === 0) {
        if (typeof subjectRegExp !== "string") problems.push("no subject");
        else {
            const weak = acceptsStrangers(subjectRegExp, STRANGER_SUBJECTS);
            if (weak) problems.push(`subjectRegExp ${weak}`);
        }
    }
    return problems.length > 0 ? problems.join(", ") : undefined;
}

/**
 * HC-SUP-04: a Sigstore ClusterImagePolicy accepts only the organisation's own signers. Refused, per
 * authority: `static: { action: pass }` (admits every image, signed or not); a keyless authority without
 * identities (any identity the CA certifies, i.e. anyone with a GitHub or Google account); an identity
 * whose issuer or subject is missing or whose issuerRegExp / subjectRegExp matches a stranger's identity
 * (".*", any GitHub repository, any mailbox). Key authorities (key.data, key.kms, key.secretRef) pin a key
 * and pass. The blueprint itself builds an accept-any policy when baseline.imageSignatures is empty, which
 * the config refuses in prod; the dev pack config lowers this policy to advisory, so a dev cluster without
 * signing identities still verifies that images are signed at all.
 */
export const imagePolicyDenyAnySigner = controlResourcePolicy({
    name: "kubernetes-imagepolicy-deny-any-signer",
    controlId: "HC-SUP-04",
    description:
        "ClusterImagePolicy authorities accept only named signers: no static pass, no keyless authority without strict issuer and subject.",
    remediationSteps:
        "Give every keyless authority identities with the exact issuer and a subject (or anchored subjectRegExp) of your build workflow, or use key authorities; remove static pass authorities.",
    validateResource: validateObjects([KINDS.clusterImagePolicy], (policy, _args, report) => {
        const spec = record(policy.body["spec"]) ?? {};
        const problems: string[] = [];
        list<unknown>(spec["authorities"]).forEach((raw, i) => {
            const authority = record(raw) ?? {};
            const name = typeof authority["name"] === "string" ? authority["name"] : `#${i + 1}`;
            const staticAction = record(authority["static"])?.["action"];
            if (staticAction === "pass") {
                problems.push(`authority ${name} is static pass (admits every image, signed or not)`);
                return;
            }
            const keyless = record(authority["keyless"]);
            if (!keyless) return;
            const identities = list<unknown>(keyless["identities"]);
            if (identities.length === 0) {
                problems.push(`authority ${name} is keyless without identities (any identity the CA certifies)`);
                return;
            }
            identities.forEach((identity, j) => {
                const weak = weakIdentity(record(identity) ?? {});
                if (weak) problems.push(`authority ${name} identity ${j + 1} accepts strangers: ${weak}`);
            });
        });
        if (problems.length > 0) {
            report(
                `${policy.label} accepts images signed by anyone: ${problems.join("; ")}; name your build's exact issuer and subject (or an anchored subjectRegExp), or a public key (set hardened-cluster:baseline.imageSignatures)`,
            );
        }
    }),
});
