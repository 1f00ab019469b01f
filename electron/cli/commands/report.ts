import { resolve } from 'node:path';
import { writeFileAtomic } from '../../services/atomic-file';
import { requireString } from '../args';
import { asUser, call } from '../session';
import type { Command } from './types';

export const reportBundleCommand: Command = {
  name: 'report bundle',
  usage:
    'anxin report bundle --data-dir DIR --out FILE [--user NAME] [--json]   (上报: the next report bundle for the district hub, signed and encrypted to it)',
  async run({ values }) {
    const file = resolve(requireString(values, 'out'));
    const result = await asUser(values, (ctx) => call(ctx, 'hubLink.bundle', {}));
    // Whole or not at all: a bundle cut short on a USB stick is refused by the hub as not_a_bundle.
    writeFileAtomic(file, Buffer.from(result.contentBase64, 'base64'));
    const json = {
      file,
      bundleId: result.bundleId,
      sequence: result.sequence,
      aggregates: result.counts.aggregates,
      cases: result.counts.cases,
      named: result.counts.named,
    };
    return {
      json,
      text: `上报文件 Report bundle #${result.sequence}: ${file}\n汇总 ${result.counts.aggregates} 行 aggregate rows, 个案 ${result.counts.cases} cases, 含姓名 ${result.counts.named} named`,
    };
  },
};
