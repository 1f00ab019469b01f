import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { AlertBell } from '../features/alerts/AlertCentre';
import { BackupStaleChip } from '../features/settings/BackupPage';
import { describeError } from '../api/errors';
import { Icon, Logo } from '../ui/Icon';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Spinner } from '../ui/Spinner';
import { useSession } from '../store/session';
import { useIdleLock } from '../lib/useIdleLock';
import { useEventInvalidation } from '../api/query';
import { toast } from '../store/toast';
import { useUi } from '../store/ui';
import { navLabel, visibleNav } from './nav';
import { Button } from '../ui/Button';
import { Tag } from '../ui/Tag';
import { ResumedKiosk, useKioskOnArrival } from '../features/screening/kiosk/KioskPage';

export function AppShell() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const logout = useSession((s) => s.logout);
  useIdleLock(status?.idleMinutes ?? null);
  // Pushed events mark cached answers stale, so every open page refreshes what changed.
  useEventInvalidation();
  const resetFilters = useUi((s) => s.resetFilters);
  const [leaving, setLeaving] = useState(false);
  const org = status?.org ?? null;
  const user = status?.user ?? null;
  const items = visibleNav(org, user);
  const { pathname } = useLocation();
  const section = pathname.split('/')[2] ?? '';
  // Reloaded mid-kiosk: the kiosk screen comes back, and nothing of the staff pages is behind it.
  const { kiosk, ended } = useKioskOnArrival();

  async function handleLogout() {
    setLeaving(true);
    try {
      // Filters can reveal who was being looked at; the next user starts clean.
      resetFilters();
      await logout();
    } catch (error) {
      toast.error(describeError(error));
    } finally {
      setLeaving(false);
    }
  }

  if (kiosk) return <ResumedKiosk kiosk={kiosk} onEnded={ended} />;
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="sidebar-brand">
          <Logo size={34} />
          <div>
            <p className="sidebar-name">{t('app.name')}</p>
            <p className="sidebar-tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <nav className="sidebar-nav" aria-label={t('shell.nav')}>
          <ul>
            {items.map((item) => (
              <li key={item.path}>
                <NavLink
                  to={`/app/${item.path}`}
                  className={({ isActive }) =>
                    isActive || item.alsoActiveFor?.includes(section) ? 'nav-link active' : 'nav-link'
                  }
                >
                  <Icon name={item.icon} size={18} />
                  <span>{t(navLabel(item, org))}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-foot">
          <Icon name="lock" size={14} />
          <span>{t('shell.secure')}</span>
        </div>
      </aside>

      <div className="shell-main">
        <header className="topbar">
          <div className="topbar-org" data-testid="header-org">
            {org ? (
              <>
                <span className="topbar-org-icon">
                  <Icon name={org.type} size={18} />
                </span>
                <span className="topbar-org-name">{org.name}</span>
                <Tag>{t(`orgType.${org.type}`)}</Tag>
              </>
            ) : null}
            {status?.transport === 'http' ? <Tag tone="muted">{t('app.browserMode')}</Tag> : null}
          </div>
          <div className="topbar-actions">
            <BackupStaleChip />
            <AlertBell />
            <LanguageSwitch />
            {user ? (
              <div className="user-chip" title={t('shell.userMenu')} data-testid="header-user">
                <span className="avatar" aria-hidden="true">
                  {Array.from(user.displayName)[0] ?? '?'}
                </span>
                <span className="user-text">
                  <span className="user-name">{user.displayName}</span>
                  <span className="user-role">{t(`roles.${user.role}`)}</span>
                </span>
              </div>
            ) : null}
            <Button variant="ghost" onClick={() => void handleLogout()} disabled={leaving}>
              {leaving ? <Spinner /> : <Icon name="logout" size={16} />}
              {t('shell.logout')}
            </Button>
          </div>
        </header>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
