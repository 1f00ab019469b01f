import { roleSchema, type Role, type User } from '../../../shared/api/auth';
import { AppError, refusal } from '../../../shared/api/errors';
import { parseClassLabel } from '../../../shared/people/school';
import { optionalString, requireString } from '../args';
import { asUser, call } from '../session';
import type { Command } from './types';

/** The command line spells roles in kebab-case (class-teacher), as its other enumerations. */
const cliRole = (role: Role) => role.replace(/_/g, '-');
const ROLE_WORDS = roleSchema.options.map(cliRole).join('|');

function parseRole(text: string): Role {
  const role = roleSchema.safeParse(text.trim().replace(/-/g, '_'));
  if (!role.success) throw new AppError('invalid_input', `--role must be one of ${ROLE_WORDS}.`);
  return role.data;
}

/** --classes "七年级1班,七年级2班" → the roster's grade and class of each. */
function parseClasses(text: string | undefined) {
  const labels = (text ?? '')
    .split(/[,，、;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return labels.map((label) => {
    const ref = parseClassLabel(label);
    if (!ref)
      throw new AppError(
        'invalid_input',
        `--classes: 「${label}」 names no grade and class; write them as 七年级1班 (grade, then class).`,
      );
    return ref;
  });
}

/** The stable `--json` shape of one account. */
function userJson(user: User & { active?: boolean }) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: cliRole(user.role),
    classes: user.classes.map((c) => ({ grade: c.grade, className: c.className })),
    active: user.active ?? true,
  };
}

const userLine = (u: ReturnType<typeof userJson>) =>
  `${u.id}\t${u.username}\t${u.displayName}\t${u.role}\t${u.classes.map((c) => c.grade + c.className).join('、')}${u.active ? '' : '\t已停用 deactivated'}`;

export const usersAddCommand: Command = {
  name: 'users add',
  usage: `anxin users add --data-dir DIR --username U --role ${ROLE_WORDS} [--classes "七年级1班,七年级2班"] [--display-name N] [--json]   (the new password from ANXIN_NEW_PASSWORD; as --user, an administrator)`,
  async run({ values }) {
    const username = requireString(values, 'username');
    const role = parseRole(requireString(values, 'role'));
    const classes = parseClasses(optionalString(values, 'classes'));
    if (role === 'class_teacher' && classes.length === 0)
      throw refusal(
        'invalid_input',
        'users.classes_required',
        '--classes is required for a class teacher (e.g. --classes 七年级1班,七年级2班).',
      );
    if (role !== 'class_teacher' && classes.length > 0)
      throw new AppError('invalid_input', '--classes is for class teachers only.');
    // Secrets never travel as arguments: they would show in the process list and shell history.
    const password = process.env.ANXIN_NEW_PASSWORD;
    if (!password)
      throw new AppError('invalid_input', "Set ANXIN_NEW_PASSWORD to the new account's password.");
    const created = await asUser(values, (ctx) =>
      call(ctx, 'users.create', {
        username,
        displayName: optionalString(values, 'display-name') ?? username,
        role,
        password,
        classes,
      }),
    );
    const json = userJson(created);
    return { json, text: `已创建账号 Account created: ${userLine(json)}` };
  },
};

export const usersListCommand: Command = {
  name: 'users list',
  usage: 'anxin users list --data-dir DIR [--json]   (every account, active or not; administrators only)',
  async run({ values }) {
    const users = (await asUser(values, (ctx) => call(ctx, 'users.list', {}))).map(userJson);
    return { json: { users }, text: users.map(userLine).join('\n') };
  },
};

export const usersDeactivateCommand: Command = {
  name: 'users deactivate',
  usage:
    'anxin users deactivate --data-dir DIR --username U [--json]   (the account can no longer log in and the keys are renewed; administrators only)',
  async run({ values }) {
    const username = requireString(values, 'username').trim();
    const ended = await asUser(values, async (ctx) => {
      const account = (await call(ctx, 'users.list', {})).find(
        (u) => u.username.toLowerCase() === username.toLowerCase(),
      );
      if (!account) throw new AppError('not_found', `No account named ${username}.`);
      return call(ctx, 'users.deactivate', { id: account.id });
    });
    // What renewing the keys came to: deferred while the app holds the data, a new recovery code
    // when an older keyring's code could not take the new keys, accounts needing new passwords.
    const json = { ...userJson(ended), keys: ended.keys };
    const keys = ended.keys;
    return {
      json,
      text: [
        `已停用账号 Account deactivated: ${userLine(userJson(ended))}`,
        keys && !keys.rotated
          ? '数据正被占用，密钥将在下次管理员登录时更换 · Data in use: the keys are renewed at the next administrator log-in'
          : '密钥已更换 · Keys renewed',
        ...(keys?.recoveryCode ? [`新恢复码 New recovery code: ${keys.recoveryCode}`] : []),
        ...(keys?.usersNeedingReset.length
          ? [`需重设密码 Need new passwords: ${keys.usersNeedingReset.join(', ')}`]
          : []),
      ].join('\n'),
    };
  },
};
