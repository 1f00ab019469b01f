import { orgTypeSchema } from '../../../shared/api/auth';
import { AppError } from '../../../shared/api/errors';
import { optionalString, requireString } from '../args';
import { call, cliContext } from '../session';
import type { Command } from './types';

export const initCommand: Command = {
  name: 'init',
  usage:
    'anxin init --data-dir DIR --org-type school|maternal --org-name NAME [--user admin] [--display-name NAME] [--json]   (password from ANXIN_PASSWORD)',
  async run({ values }) {
    const password = process.env.ANXIN_PASSWORD;
    if (!password) throw new AppError('invalid_input', 'Set ANXIN_PASSWORD to the administrator password.');
    const orgType = orgTypeSchema.safeParse(requireString(values, 'org-type'));
    if (!orgType.success) throw new AppError('invalid_input', '--org-type must be school or maternal.');
    const ctx = cliContext(values);
    const username = optionalString(values, 'user') ?? 'admin';
    const { recoveryCode, user } = await call(ctx, 'auth.setup', {
      orgType: orgType.data,
      orgName: requireString(values, 'org-name'),
      username,
      displayName: optionalString(values, 'display-name') ?? '管理员',
      password,
    });
    await call(ctx, 'auth.logout', {});
    return {
      json: {
        dataDir: ctx.dataDir,
        orgType: orgType.data,
        orgName: values['org-name'],
        admin: user.username,
        recoveryCode,
      },
      text: [
        `已初始化 / Initialised: ${ctx.dataDir}`,
        `管理员 / Administrator: ${user.username}`,
        '',
        `恢复码 / Recovery code: ${recoveryCode}`,
        '请抄写并妥善保管：忘记密码时只能用它恢复数据，它不会再次显示。',
        'Write it down and keep it safe: it is the only way back in if the password is lost, and it is not shown again.',
      ].join('\n'),
    };
  },
};
