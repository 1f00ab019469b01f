/**
 * Words shown to people come from i18n, never from JSX (the English UI must be whole, and the
 * Chinese one free of English): text between tags, `{'…'}` and the attributes people read are
 * refused when they hold a letter. Punctuation, numbers and symbols (·, →, %, 1/3) stay allowed.
 * Excalidraw keeps the same fence.
 */
const LETTER = /\p{L}/u;
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description']);

export const noJsxLiterals = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid literal text in JSX; use t(...)' },
    messages: { literal: 'Text in JSX comes from i18n (t(...)), not a literal: "{{text}}"' },
    schema: [],
  },
  create(context) {
    const report = (node, text) =>
      context.report({ node, messageId: 'literal', data: { text: String(text).trim().slice(0, 40) } });
    return {
      JSXText(node) {
        if (LETTER.test(node.value)) report(node, node.value);
      },
      'JSXExpressionContainer > Literal'(node) {
        if (
          typeof node.value === 'string' &&
          LETTER.test(node.value) &&
          node.parent.parent.type !== 'JSXAttribute'
        )
          report(node, node.value);
      },
      'JSXExpressionContainer > TemplateLiteral'(node) {
        if (node.parent.parent.type === 'JSXAttribute') return;
        if (node.quasis.some((q) => LETTER.test(q.value.cooked ?? '')))
          report(node, node.quasis[0]?.value.cooked ?? '');
      },
      JSXAttribute(node) {
        const name = typeof node.name.name === 'string' ? node.name.name : '';
        if (!READ_ATTRIBUTES.has(name) || !node.value) return;
        if (
          node.value.type === 'Literal' &&
          typeof node.value.value === 'string' &&
          LETTER.test(node.value.value)
        )
          report(node.value, node.value.value);
      },
    };
  },
};
