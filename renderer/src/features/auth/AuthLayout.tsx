import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, Logo, type IconName } from '../../ui/Icon';
import { LanguageSwitch } from '../../ui/LanguageSwitch';

const points: { icon: IconName; key: 'offline' | 'encrypted' | 'scoped' }[] = [
  { icon: 'offline', key: 'offline' },
  { icon: 'lock', key: 'encrypted' },
  { icon: 'shield', key: 'scoped' },
];

/** Setup, login and recovery share one frame: the product on the left, the task on the right. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <aside className="auth-brand">
        <div className="auth-brand-head">
          <Logo size={44} />
          <div>
            <p className="auth-brand-name">{t('app.name')}</p>
            <p className="auth-brand-tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <ul className="auth-points">
          {points.map((p) => (
            <li key={p.key}>
              <span className="auth-point-icon">
                <Icon name={p.icon} size={18} />
              </span>
              {t(`brand.points.${p.key}`)}
            </li>
          ))}
        </ul>
        <p className="auth-brand-foot">{t('app.offline')}</p>
      </aside>
      <main className="auth-main">
        <div className="auth-topbar">
          <LanguageSwitch />
        </div>
        <div className={`auth-card${wide ? ' auth-card-wide' : ''}`}>{children}</div>
      </main>
    </div>
  );
}
