import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createHashRouter, Navigate, Outlet, useParams } from 'react-router';
import type { AppStatus } from '../../shared/api/auth';
import { EmptyState } from './ui/EmptyState';
import { Toaster } from './ui/Toaster';
import { KeyringScreen } from './features/auth/KeyringScreen';
import { LoginScreen } from './features/auth/LoginScreen';
import { RecoverScreen } from './features/auth/RecoverScreen';
import { SetupScreen } from './features/auth/SetupScreen';
import { AppShell } from './shell/AppShell';
import { isNavVisible, navItems, visibleNav, type NavItem } from './shell/nav';
import { useSession } from './store/session';

type Need = 'fresh' | 'anonymous' | 'recover' | 'keyring' | 'user';

/** Where the app belongs right now, from the server's view of setup and session. */
function home(status: AppStatus): string {
  if (!status.setUp) return '/setup';
  if (status.keyring !== 'ok') return '/keyring';
  if (!status.user) return '/login';
  return '/app';
}

function allowed(need: Need, status: AppStatus): boolean {
  switch (need) {
    case 'fresh':
      return !status.setUp;
    case 'anonymous':
      return status.setUp && status.keyring === 'ok' && !status.user;
    case 'recover':
      // Recovery is also the way back when keyring.json is missing or damaged.
      return status.setUp && !status.user;
    case 'keyring':
      return status.setUp && status.keyring !== 'ok';
    case 'user':
      return status.setUp && Boolean(status.user);
  }
}

/**
 * Routes follow the session: every status change (setup done, login, logout, a
 * session lost on the server) re-renders the gate, which sends the user where they belong.
 */
function Gate({ need, children }: { need: Need; children: ReactNode }) {
  const status = useSession((s) => s.status);
  if (!status) return null;
  return allowed(need, status) ? children : <Navigate to={home(status)} replace />;
}

function Root() {
  return (
    <>
      <Outlet />
      <Toaster />
    </>
  );
}

function Home() {
  const status = useSession((s) => s.status);
  return status ? <Navigate to={home(status)} replace /> : null;
}

/** /app itself: open the first module, or say plainly that none exists yet for this organisation. */
function ShellHome() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const first = visibleNav(status?.org ?? null, status?.user ?? null)[0];
  if (first) return <Navigate to={`/app/${first.path}`} replace />;
  return (
    <div className="page">
      <section className="card">
        <EmptyState icon="inbox" title={t('shell.noModules')} body={t('shell.noModulesBody')} />
      </section>
    </div>
  );
}

function ModuleGate({ item }: { item: NavItem }) {
  const status = useSession((s) => s.status);
  if (!isNavVisible(item, status?.org ?? null, status?.user ?? null)) return <Navigate to="/app" replace />;
  return item.element;
}

function PeopleRedirect() {
  const { id } = useParams();
  return <Navigate to={`/app/people/${id ?? ''}`} replace />;
}

/** Created on first render, after main.tsx has cleaned the address bar. */
export const createRouter = () =>
  createHashRouter([
    {
      element: <Root />,
      children: [
        { index: true, element: <Home /> },
        {
          path: 'setup',
          element: (
            <Gate need="fresh">
              <SetupScreen />
            </Gate>
          ),
        },
        {
          path: 'login',
          element: (
            <Gate need="anonymous">
              <LoginScreen />
            </Gate>
          ),
        },
        {
          path: 'keyring',
          element: (
            <Gate need="keyring">
              <KeyringScreen />
            </Gate>
          ),
        },
        {
          path: 'recover',
          element: (
            <Gate need="recover">
              <RecoverScreen />
            </Gate>
          ),
        },
        {
          path: 'app',
          element: (
            <Gate need="user">
              <AppShell />
            </Gate>
          ),
          children: [
            { index: true, element: <ShellHome /> },
            ...navItems.map((item) => ({ path: item.path, element: <ModuleGate item={item} /> })),
          ],
        },
        // Short links such as #/people/12 open inside the shell.
        { path: 'people/:id', element: <PeopleRedirect /> },
        { path: '*', element: <Home /> },
      ],
    },
  ]);
