import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>安心筛查</h1>);
