// Lists every function in src/ (tests excluded) whose text spans more than 80 lines, with whether the
// comment just above it says why it is one function. Run: npx tsx bench/long-functions.ts [--limit N]
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const limitArg = process.argv.indexOf('--limit');
const LIMIT = limitArg >= 0 ? Number(process.argv[limitArg + 1]) : 80;
const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
// A leading comment counts as a reason when it says why the function is not split.
const REASON =
  /\b(not|rather than) split|\bsplit(,| they\b| it\b| per\b| into\b)|\bsplitting (it|them)\b|\bkept (whole|together|as one|in one)\b|\bone function\b|\bstate machine\b/i;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function nameOf(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) && node.name)
    return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isPropertyDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

// The statement a leading comment would be attached to: the declaration, or the variable statement holding it.
function anchorOf(node: ts.Node): ts.Node {
  let n: ts.Node = node;
  if (n.parent && (ts.isVariableDeclaration(n.parent) || ts.isPropertyAssignment(n.parent) || ts.isPropertyDeclaration(n.parent)))
    n = n.parent;
  if (ts.isVariableDeclaration(n) && n.parent && ts.isVariableDeclarationList(n.parent)) n = n.parent.parent;
  if (n.parent && ts.isExportAssignment(n.parent)) n = n.parent;
  // A callback passed straight to a call statement (`documents.forEach((document) => { … })`): the statement.
  if (n.parent && ts.isCallExpression(n.parent) && n.parent.parent && ts.isExpressionStatement(n.parent.parent)) n = n.parent.parent;
  return n;
}

interface Long {
  file: string;
  line: number;
  name: string;
  lines: number;
  reason: boolean;
}
const found: Long[] = [];
for (const file of sourceFiles(SRC)) {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > LIMIT) {
        const anchor = anchorOf(node);
        const comments = ts.getLeadingCommentRanges(text, anchor.getFullStart()) ?? [];
        const commentText = comments.map((c) => text.slice(c.pos, c.end)).join('\n');
        found.push({ file: relative(ROOT, file), line: start + 1, name: nameOf(node), lines, reason: REASON.test(commentText) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

found.sort((a, b) => b.lines - a.lines);
for (const f of found) console.log(`${f.reason ? 'reason  ' : 'NO REASON'} ${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}`);
const missing = found.filter((f) => !f.reason).length;
console.log(`\n${found.length} functions over ${LIMIT} lines; ${missing} without a comment saying why.`);
