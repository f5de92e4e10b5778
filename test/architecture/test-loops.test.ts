import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/**
 * A test that asserts something for every item of a list passes when the list is empty: the loop runs
 * zero times. Every such loop in test/ must iterate over a literal list or over `nonEmpty(...)`
 * (test/harness), which fails on an empty list, or say why an empty list is a valid case in a comment
 * starting `// possibly empty:` right above the loop (a property test's generated input, say). Found
 * statically: a `for ... of`, `.forEach` or an `.every` inside `expect(...)` whose body asserts (calls
 * `expect`) over any other expression.
 */
const TEST_ROOT = path.resolve(__dirname, "..");

function testFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return testFiles(full);
        return entry.name.endsWith(".test.ts") ? [full] : [];
    });
}

function callsExpect(node: ts.Node): boolean {
    let found = false;
    const visit = (n: ts.Node) => {
        if (found) return;
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "expect") found = true;
        else ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
}

/** A list that cannot silently be empty: a literal with items, or a `nonEmpty(...)` call. */
function guarded(expr: ts.Expression): boolean {
    const e = ts.isParenthesizedExpression(expr) ? expr.expression : expr;
    if (ts.isArrayLiteralExpression(e)) return e.elements.length > 0;
    if (ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) return guarded(e.expression);
    return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "nonEmpty";
}

function insideExpect(node: ts.Node): boolean {
    for (let p = node.parent; p; p = p.parent) {
        if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === "expect") return true;
        if (ts.isFunctionLike(p)) return false;
    }
    return false;
}

/** The statement holding `node` carries a `// possibly empty: <why>` comment. */
function declaredPossiblyEmpty(node: ts.Node, text: string): boolean {
    let statement: ts.Node = node;
    while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) statement = statement.parent;
    return (ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []).some((c) =>
        /^\/\/\s*possibly empty: \S/.test(text.slice(c.pos, c.end)),
    );
}

export function unguardedLoops(file: string, text = fs.readFileSync(file, "utf8")): string[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const found: string[] = [];
    const where = (node: ts.Node) => `${path.relative(TEST_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node) => {
        if (declaredPossiblyEmpty(node, text)) return;
        if (ts.isForOfStatement(node) && callsExpect(node.statement) && !guarded(node.expression)) {
            found.push(`${where(node)} for (... of ${node.expression.getText()})`);
        }
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
            const method = node.expression.name.text;
            const receiver = node.expression.expression;
            const callback = node.arguments[0];
            if (method === "forEach" && callback && callsExpect(callback) && !guarded(receiver)) {
                found.push(`${where(node)} ${receiver.getText()}.forEach(...)`);
            }
            if (method === "every" && insideExpect(node) && !guarded(receiver)) {
                found.push(`${where(node)} expect(${receiver.getText()}.every(...))`);
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

describe("loops that assert per item", () => {
    const files = testFiles(TEST_ROOT);

    test("the checker finds test files and recognises an unguarded loop", () => {
        expect(files.length).toBeGreaterThan(30);
        const sample = [
            "for (const r of ofType(resources, T)) expect(r).toBeDefined();",
            "for (const r of nonEmpty(ofType(resources, T))) expect(r).toBeDefined();",
            'for (const n of ["a", "b"]) expect(n).toBeDefined();',
            "items.forEach((i) => expect(i).toBe(1));",
            "expect(items.every((i) => i > 0)).toBe(true);",
            "for (const k of keys) total += k;",
            "// possibly empty: a generated list may have no item.",
            "for (const g of generated) expect(g).toBeDefined();",
        ].join("\n");
        expect(unguardedLoops(path.join(TEST_ROOT, "sample.test.ts"), sample).map((f) => f.replace(/^sample\.test\.ts:\d+ /, ""))).toEqual([
            "for (... of ofType(resources, T))",
            "items.forEach(...)",
            "expect(items.every(...))",
        ]);
    });

    test("every loop in test/ that asserts per item first proves its list is not empty", () => {
        expect(files.flatMap((f) => unguardedLoops(f))).toEqual([]);
    });
});
