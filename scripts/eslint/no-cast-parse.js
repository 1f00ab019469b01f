/**
 * Parsed data is checked, not asserted: `JSON.parse(text) as T` (and `<T>JSON.parse(…)`) tells the
 * compiler a shape nobody verified — a tampered database column or file then flows on as trusted.
 * Parse with a zod schema instead (shared/json.ts `parseJson`).
 */
const isJsonParse = (node) =>
  node?.type === 'CallExpression' &&
  node.callee.type === 'MemberExpression' &&
  node.callee.object.type === 'Identifier' &&
  node.callee.object.name === 'JSON' &&
  node.callee.property.type === 'Identifier' &&
  node.callee.property.name === 'parse';

export const noCastParse = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid type assertions on JSON.parse results' },
    messages: { cast: 'Parse with a zod schema instead of asserting the type of JSON.parse(...)' },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      let inner = node.expression;
      while (inner?.type === 'TSAsExpression' || inner?.type === 'TSTypeAssertion') inner = inner.expression;
      if (isJsonParse(inner)) context.report({ node, messageId: 'cast' });
    };
    return { TSAsExpression: check, TSTypeAssertion: check };
  },
};
