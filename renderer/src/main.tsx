import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { queryClient } from './api/query';
import { captureLaunchToken } from './api/client';
import { initI18n, storedLanguage } from './i18n';
// Order matters: screen styles refine the shared component styles.
import './styles/base.css';
import './styles/components.css';
import './styles/shell.css';
import './styles/widgets.css';
import './features/import/importer.css';
import './styles/print.css';

// Before anything renders or routes: take the launch token out of the address bar.
captureLaunchToken();
initI18n(storedLanguage());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
