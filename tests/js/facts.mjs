// What tests/test_modules.py needs to know about the site's scripts, read with a real JavaScript
// parser (acorn, an npm devDependency) rather than patterns:
//   functions: every function with its first line and its length in lines; the module wrapper
//              (a function expression called as a statement at the top of the file) is the file's
//              scope, not a function, and is left out, as ESLint's max-lines-per-function does
//   loads:     every WP.load([...]) and WP.firstUse(root, selector, [...], …) call with the names it asks for (null where a name is not a
//              string literal, so the test can say it cannot check it)
// Usage: node tests/js/facts.mjs FILE...   ->   JSON on stdout, one object per file
import { readFileSync } from "node:fs";
import * as acorn from "acorn";

// the module wrapper: a function called as one of the file's top statements, (function () {…})()
function wrapper(node, parent, tops) {
  return parent && parent.type === "CallExpression" && parent.callee === node && tops.has(parent);
}

function walk(node, parent, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node, parent);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) value.forEach((child) => walk(child, node, visit));
    else if (value && typeof value.type === "string" && key !== "loc") walk(value, node, visit);
  }
}

// WP.<method>(…) or window.WP.<method>(…)
function isWp(node, method) {
  const c = node.callee, o = c && c.type === "MemberExpression" && !c.computed && c.property.name === method && c.object;
  return !!o && ((o.type === "Identifier" && o.name === "WP") ||
    (o.type === "MemberExpression" && !o.computed && o.property.name === "WP"));
}
// the names a WP.load([…]) or WP.firstUse(root, selector, […], …) call asks for (null: not written out)
const NAMES_AT = { load: 0, firstUse: 2 };
function names(arg) {
  return arg && arg.type === "ArrayExpression"
    ? arg.elements.map((e) => (e && e.type === "Literal" && typeof e.value === "string" ? e.value : null))
    : [null];
}

function facts(file) {
  const source = readFileSync(file, "utf8");
  const ast = acorn.parse(source, { ecmaVersion: "latest", sourceType: "script", locations: true });
  const tops = new Set(ast.body.filter((s) => s.type === "ExpressionStatement")
    .map((s) => s.expression.type === "UnaryExpression" ? s.expression.argument : s.expression)
    .filter((e) => e.type === "CallExpression"));
  const functions = [], loads = [], forwarding = [];
  // WP.firstUse itself passes its callers' names on to WP.load: its callers are the ones recorded
  walk(ast, null, (node) => {
    if (node.type === "AssignmentExpression" && source.slice(node.left.start, node.left.end) === "WP.firstUse" &&
        node.right.type === "FunctionExpression") {
      forwarding.push({ start: node.right.start, end: node.right.end, params: node.right.params.map((p) => p.name) });
    }
  });
  const forwarded = (node, arg) => arg && arg.type === "Identifier" &&
    forwarding.some((f) => node.start >= f.start && node.end <= f.end && f.params.includes(arg.name));
  walk(ast, null, (node, parent) => {
    if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(node.type) && !wrapper(node, parent, tops)) {
      const name = node.id ? node.id.name : parent && parent.type === "VariableDeclarator" ? parent.id.name
        : parent && parent.type === "AssignmentExpression" ? source.slice(parent.left.start, parent.left.end)
        : parent && parent.type === "Property" ? source.slice(parent.key.start, parent.key.end) : "(anonymous)";
      functions.push({ name, line: node.loc.start.line, lines: node.loc.end.line - node.loc.start.line + 1 });
    }
    for (const method of Object.keys(NAMES_AT)) {
      if (node.type !== "CallExpression" || !isWp(node, method)) continue;
      const arg = node.arguments[NAMES_AT[method]];
      if (!forwarded(node, arg)) loads.push({ line: node.loc.start.line, names: names(arg) });
    }
  });
  return { file, functions, loads };
}

console.log(JSON.stringify(process.argv.slice(2).map(facts)));
