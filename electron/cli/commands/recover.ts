import { AppError } from '../../../shared/api/errors';
import { optionalString } from '../args';
import { call, cliContext } from '../session';
import type { Command } from './types';

/**
 * A forgotten password or a lost or damaged keyring.json: the recovery code opens the data key
 * (from the keyring, its .bak or recovery.json), the administrator gets the new password from
 * ANXIN_NEW_PASSWORD, and a new recovery code is printed (the old one stops working).
 */
export const recoverCommand: Command = {
  name: 'recover',
  usage:
    'anxin recover --data-dir DIR --recovery-code CODE [--username admin] [--json]   (new password from ANXIN_NEW_PASSWORD; the code may come from ANXIN_RECOVERY_CODE)',
  async run({ values }) {
    const newPassword = process.env.ANXIN_NEW_PASSWORD;
    if (!newPassword)
      throw new AppError('invalid_input', 'Set ANXIN_NEW_PASSWORD to the new administrator password.');
    const recoveryCode = optionalString(values, 'recovery-code') ?? process.env.ANXIN_RECOVERY_CODE;
    if (!recoveryCode)
      throw new AppError(
        'invalid_input',
        'Give the recovery code with --recovery-code (or ANXIN_RECOVERY_CODE).',
      );
    const ctx = cliContext(values);
    const username = optionalString(values, 'username') ?? optionalString(values, 'user') ?? 'admin';
    const result = await call(ctx, 'auth.recover', { recoveryCode, username, newPassword });
    await call(ctx, 'auth.logout', {});
    return {
      json: {
        dataDir: ctx.dataDir,
        username: result.user.username,
        keyringRebuilt: result.keyringRebuilt,
        usersNeedingReset: result.usersNeedingReset,
        recoveryCode: result.recoveryCode,
      },
      text: [
        `已恢复 / Recovered: ${ctx.dataDir}`,
        `管理员 / Administrator: ${result.user.username}（新密码已生效 / new password set）`,
        result.keyringRebuilt ? '钥匙文件已重建 / keyring.json rebuilt' : '',
        result.usersNeedingReset.length
          ? `需由管理员重设密码的账号 / Accounts needing a new password: ${result.usersNeedingReset.join(', ')}`
          : '',
        '',
        `新恢复码 / New recovery code: ${result.recoveryCode}`,
        '旧恢复码已失效。请抄写新恢复码并妥善保管，它不会再次显示。',
        'The old code no longer works. Write the new one down and keep it safe: it is not shown again.',
      ]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n'),
    };
  },
};
