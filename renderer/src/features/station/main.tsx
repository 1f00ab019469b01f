import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initStationI18n } from './i18n';
import { StationApp } from './StationApp';
// Design tokens from the staff app, then the respondent screens shared with kiosk mode.
import '../../styles/base.css';
import '../respondent/respondent.css';

initStationI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StationApp />
  </StrictMode>,
);
