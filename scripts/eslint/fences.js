import path from 'node:path';

/**
 * Per-process and per-layer import fences, in the spirit of Signal Desktop's: each room lists
 * the rooms it may not import from, resolved on the real path (so `../../x` cannot slip by).
 * Options: [{ from: 'dir/', forbid: ['dir/', …], except?: ['dir/', …], why }].
 */
export const fences = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each process and layer to its own imports' },
    messages: { fenced: '{{from}} may not import {{target}}: {{why}}' },
    schema: [{ type: 'array' }],
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const rules = (context.options[0] ?? []).filter((r) => file.startsWith(r.from));
    if (rules.length === 0) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      for (const rule of rules) {
        if (!rule.forbid.some((dir) => target.startsWith(dir))) continue;
        if ((rule.except ?? []).some((dir) => target.startsWith(dir))) continue;
        context.report({ node, messageId: 'fenced', data: { from: rule.from, target, why: rule.why } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
