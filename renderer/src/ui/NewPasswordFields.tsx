import { PasswordField } from './Field';
import { PasswordRules } from './PasswordRules';

/**
 * A new password typed twice, side by side, with the rules ticking off underneath: first-run
 * setup and recovery ask for it the same way.
 */
export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
  labels,
  sideBySide = false,
}: {
  password: string;
  confirm: string;
  onPassword(value: string): void;
  onConfirm(value: string): void;
  errors: { password?: string | null | undefined; confirm?: string | null | undefined };
  /** The two labels (新密码 / 确认新密码). */
  labels: { password: string; confirm: string };
  /** Two columns on a wide card; stacked on a narrow one. */
  sideBySide?: boolean;
}) {
  const fields = (
    <>
      <PasswordField
        label={labels.password}
        required
        value={password}
        onValue={onPassword}
        error={errors.password}
        autoComplete="new-password"
      />
      <PasswordField
        label={labels.confirm}
        required
        value={confirm}
        onValue={onConfirm}
        error={errors.confirm}
        autoComplete="new-password"
      />
    </>
  );
  return (
    <>
      {sideBySide ? <div className="form-grid">{fields}</div> : fields}
      <PasswordRules password={password} confirm={confirm} />
    </>
  );
}
