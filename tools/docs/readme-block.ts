import * as fs from "fs";
import { README } from "./control-matrix";

/**
 * A generated block of the README between `<!-- <name>:start ... -->` and `<!-- <name>:end -->`. Each
 * generator owns one block; `--write` rewrites it, `--check` exits 1 when it is stale.
 */
export function startMarker(name: string, how: string): string {
    return `<!-- ${name}:start (${how}; do not edit) -->`;
}

export function endMarker(name: string): string {
    return `<!-- ${name}:end -->`;
}

export function replaceBlock(text: string, name: string, how: string, content: string): string {
    const start = text.indexOf(startMarker(name, how));
    const end = text.indexOf(endMarker(name));
    if (start < 0 || end < start) throw new Error(`README.md has no ${name} markers (${startMarker(name, how)} ... ${endMarker(name)})`);
    return `${text.slice(0, start)}${startMarker(name, how)}\n${content}\n${text.slice(end)}`;
}

/** The content of a block, or undefined when the README has no such block. */
export function readBlock(text: string, name: string, how: string): string | undefined {
    const start = text.indexOf(startMarker(name, how));
    const end = text.indexOf(endMarker(name));
    if (start < 0 || end < start) return undefined;
    return text.slice(start + startMarker(name, how).length + 1, end - 1);
}

/** `--write` or `--check` for one block; returns the exit code. `fix` is the command that regenerates it. */
export function writeOrCheck(
    mode: string | undefined,
    name: string,
    how: string,
    content: string,
    what: string,
    fix = "npm run docs",
): number {
    const current = fs.readFileSync(README, "utf8");
    const next = replaceBlock(current, name, how, content);
    if (mode === "--write") {
        if (next !== current) fs.writeFileSync(README, next);
        process.stdout.write(`README.md ${what} updated\n`);
        return 0;
    }
    if (mode === "--check") {
        if (next !== current) {
            process.stderr.write(`README.md's ${what} is stale: run \`${fix}\` and commit the result\n`);
            return 1;
        }
        process.stdout.write(`README.md ${what} is current\n`);
        return 0;
    }
    process.stderr.write("usage: --write | --check\n");
    return 2;
}
