import * as fs from "fs";
import * as path from "path";
import { README } from "../../tools/docs/control-matrix";
import { nonEmpty } from "../harness/non-empty";

/**
 * The README's front door and reference sections stay true to the repository: two commands on a fresh
 * machine, every `npm run` it names exists, every package of package.json is justified in the dependency
 * table, every generated block is present, every in-page link lands on a heading.
 */
const readme = fs.readFileSync(README, "utf8");
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as {
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
};

/** The README from a heading to the next heading of the same or a higher level, code blocks skipped. */
function section(heading: string): string {
    const lines = readme.split("\n");
    const start = lines.indexOf(heading);
    expect(start).toBeGreaterThan(-1);
    const level = heading.split(" ")[0].length;
    let inCode = false;
    let end = lines.length;
    for (let i = start + 1; i < lines.length; i++) {
        if (lines[i].startsWith("```")) inCode = !inCode;
        const m = /^(#+) /.exec(lines[i]);
        if (!inCode && m && m[1].length <= level) {
            end = i;
            break;
        }
    }
    return lines.slice(start, end).join("\n");
}

test("a fresh machine needs two commands: install with the offline plan of the default stack, and the tests", () => {
    const block = /```sh\n([\s\S]*?)```/.exec(section("## On a fresh machine"))?.[1] ?? "";
    const commands = block
        .split("\n")
        .map((l) => l.replace(/#.*$/, "").trim())
        .filter((l) => l !== "");
    expect(commands).toEqual(["npm ci && npm run plan", "npm test"]);
});

test("the real workflow and the first deployment of each cloud follow", () => {
    expect(readme).toContain("\n## The real workflow (with a cloud account)\n");
    const first = section("## First deployment");
    for (const cloud of ["### AWS (EKS)", "### Azure (AKS)", "### Google Cloud (GKE)"]) expect(first).toContain(`\n${cloud}`);
    expect(first).toMatch(/pulumi up --stack aws-prod \$PACKS[\s\S]*pulumi up --stack aws-prod-baseline \$PACKS/);
});

test("every npm script the README names exists", () => {
    const named = new Set([...readme.matchAll(/npm run (?:--silent )?([\w:-]*[\w-])/g)].map((m) => m[1]));
    for (const script of nonEmpty(named, "npm run mentions")) expect([script, script in pkg.scripts]).toEqual([script, true]);
});

test("every package of package.json is justified in the dependency table", () => {
    const table = section("### Dependencies");
    const justified = new Set(
        [...table.matchAll(/^\| ([^|]+) \| [^|]+ \|$/gm)].flatMap((m) => [...m[1].matchAll(/`([^`]+)`/g)].map((n) => n[1])),
    );
    const packages = nonEmpty([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)], "packages");
    expect(packages.filter((p) => !justified.has(p))).toEqual([]);
});

test("the generated blocks are present", () => {
    for (const block of ["control-matrix", "mutation-kill-rate", "suite-mutants", "environment-defaults"]) {
        expect(readme).toMatch(new RegExp(`<!-- ${block}:start \\([^)]*; do not edit\\) -->\\n[\\s\\S]+?<!-- ${block}:end -->`));
    }
    expect(readme).toMatch(/^Score: \d+\/\d+ mutants killed\.$/m);
    expect(readme).toMatch(/^\| all \| all \| \d+ \| \d+ \| \d+ \| [\d.]+% \|/m);
});

test("every in-page link lands on a heading", () => {
    const slug = (heading: string) =>
        heading
            .toLowerCase()
            .replace(/[^\w\- ]/g, "")
            .replace(/ /g, "-");
    const headings = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1].replace(/`/g, ""))));
    const links = nonEmpty(new Set([...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1])), "in-page links");
    expect([...links].filter((l) => !headings.has(l))).toEqual([]);
});

test("the claim that dev is never less locked down is gone", () => {
    expect(readme).not.toMatch(/never less locked down/i);
});
