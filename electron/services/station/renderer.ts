import { rendererDir } from '../renderer-dir';

/** The built UI folder holding station.html, or null when the UI is not built (API only). */
export function stationRendererDir(): string | null {
  try {
    return rendererDir();
  } catch {
    return null;
  }
}
