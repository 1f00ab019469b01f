import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initStationI18n } from './i18n';
import { StationApp } from './StationApp';
// Design tokens from the staff app; the respondent screens bring their own CSS modules.
import '../../styles/base.css';

initStationI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StationApp />
  </StrictMode>,
);
