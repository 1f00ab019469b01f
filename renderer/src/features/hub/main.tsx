import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n, storedLanguage } from '../../i18n';
import { HubApp } from './HubApp';
// The staff app's design tokens and component styles: the hub's pages use the same kit.
import '../../styles/base.css';
import '../../styles/components.css';
import '../../styles/widgets.css';

// The kit's own words (language switch, password toggle) come from the app's dictionaries; the
// hub's pages read theirs from i18n.zh.ts / i18n.en.ts through useHubWords.
initI18n(storedLanguage());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HubApp />
  </StrictMode>,
);
