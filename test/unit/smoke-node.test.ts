import { expect, test } from 'vitest';

test('tests run on the Node that Electron 45 embeds (22.x)', () => {
  expect(Number(process.versions.node.split('.')[0])).toBe(22);
});
