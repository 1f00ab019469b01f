import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { captureLaunchToken } from './api/client';
import { initI18n, storedLanguage } from './i18n';
// Order matters: screen styles refine the shared component styles.
import './styles/base.css';
import './styles/components.css';
import './styles/auth.css';
import './styles/shell.css';
import './styles/widgets.css';
import './styles/library.css';
import './styles/rules.css';
import './styles/export.css';
import './styles/people.css';
import './styles/importer.css';
import './styles/print.css';

// Before anything renders or routes: take the launch token out of the address bar.
captureLaunchToken();
initI18n(storedLanguage());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
