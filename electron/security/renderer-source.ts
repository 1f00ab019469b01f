/**
 * Which page the window loads, and so which page the IPC gate trusts with the whole staff API.
 *
 * `electron-vite dev` points the window at its dev server through ELECTRON_RENDERER_URL. In any
 * other build that variable would let whoever can set the environment of a shortcut or a scheduled
 * task swap in a page of their own that the gate then answers as the app: it is honoured only in a
 * development build (a build-time flag, not something the environment can turn on) that is not
 * packaged, and only for a loopback http address.
 */
export interface RendererSourceInput {
  /** process.env.ELECTRON_RENDERER_URL */
  devServerUrl: string | undefined;
  /** import.meta.env.DEV: true only under `electron-vite dev`, fixed when the bundle is built. */
  devBuild: boolean;
  /** app.isPackaged */
  packaged: boolean;
  /** The built page shipped with the app (a file: URL). */
  builtPage: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function rendererSource(input: RendererSourceInput): string {
  const { devServerUrl, devBuild, packaged, builtPage } = input;
  if (!devBuild || packaged || !devServerUrl) return builtPage;
  try {
    const url = new URL(devServerUrl);
    if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url.href;
  } catch {
    // Not a URL at all: the built page.
  }
  return builtPage;
}
