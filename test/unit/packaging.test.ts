import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FuseV1Options, FuseVersion, getCurrentFuseWire, flipFuses } from '@electron/fuses';
import { PlatformPackager, type Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, test } from 'vitest';
import { rendererSource } from '../../electron/security/renderer-source';
import { ensureBuilt } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';

const ROOT = resolve(import.meta.dirname, '../..');
const tempDir = useTempDirs();

/** electron-builder.yml as electron-builder itself reads and validates it for `npm run package`. */
async function builderConfig(): Promise<Configuration> {
  const config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

// @electron/fuses' byte states; an Electron binary keeps its fuse wire right after this sentinel.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = 0x31;
const DISABLE = 0x30;

describe('Electron fuses in the packaged binary', () => {
  test('electron-builder.yml sets every hardening fuse and passes electron-builder validation', async () => {
    const { electronFuses } = await builderConfig();
    expect(electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  test('electron-builder flips exactly those fuses on an Electron fuse wire', async () => {
    const { electronFuses } = await builderConfig();
    // The same step `npm run package` runs before signing, on a stand-in for the Electron binary
    // (no runtime here) carrying Electron's shipped defaults: RunAsNode, NodeOptions, Inspect and
    // file:// privileges on; cookie encryption, asar integrity, asar-only and the V8 snapshot off.
    // (A private method of electron-builder's; bracket access is TypeScript's way in.)
    const fuseConfig = await PlatformPackager.prototype['generateFuseConfig'](electronFuses!);
    const binary = join(tempDir(), 'electron');
    const wire = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE];
    const before = Buffer.from('ELF code before the wire ');
    const after = Buffer.from(' more code');
    writeFileSync(
      binary,
      Buffer.concat([before, Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), after]),
    );
    await flipFuses(binary, fuseConfig);
    const flipped = await getCurrentFuseWire(binary);
    expect(flipped.version).toBe(FuseVersion.V1);
    expect(flipped[FuseV1Options.RunAsNode]).toBe(DISABLE);
    expect(flipped[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
    expect(flipped[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
    expect(flipped[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
    expect(flipped[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
    // Left as Electron ships them: cookies are unused, and the window loads file:// module scripts.
    expect(flipped[FuseV1Options.EnableCookieEncryption]).toBe(DISABLE);
    expect(flipped[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(ENABLE);
    // Only the wire changed.
    const bytes = readFileSync(binary);
    expect(bytes.subarray(0, before.length).equals(before)).toBe(true);
    expect(bytes.subarray(bytes.length - after.length).equals(after)).toBe(true);
  });

  test('the services never need ELECTRON_RUN_AS_NODE: no process.fork of the app binary', () => {
    const main = readFileSync(join(ROOT, 'electron/main.ts'), 'utf8');
    expect(main).toContain('utilityProcess.fork(');
    expect(main).not.toMatch(/child_process|ELECTRON_RUN_AS_NODE/);
  });
});

describe('Windows installer', () => {
  test('offers a per-machine install (Program Files, with elevation) next to the per-user default', async () => {
    const { nsis } = await builderConfig();
    expect(nsis).toMatchObject({
      oneClick: false,
      // false with oneClick false: the installer shows the "only for me / for anyone" page.
      perMachine: false,
      selectPerMachineByDefault: false,
      allowElevation: true,
    });
  });
});

describe('renderer source', () => {
  const builtPage = 'file:///opt/Anxin/resources/app.asar/out/renderer/index.html';
  const dev = { devBuild: true, packaged: false, builtPage };

  test('a production build ignores ELECTRON_RENDERER_URL, packaged or not', () => {
    for (const packaged of [true, false])
      expect(
        rendererSource({ devServerUrl: 'http://127.0.0.1:5173/', devBuild: false, packaged, builtPage }),
      ).toBe(builtPage);
    expect(
      rendererSource({ devServerUrl: 'https://evil.example/', devBuild: false, packaged: true, builtPage }),
    ).toBe(builtPage);
  });

  test('`npm run build` fixes devBuild to false in the main bundle: no environment can turn it on', () => {
    ensureBuilt();
    const main = readFileSync(join(ROOT, 'out/main/main.js'), 'utf8');
    expect(main).toMatch(/devServerUrl: process\.env\.ELECTRON_RENDERER_URL,\s+devBuild: false,/);
    expect(main).not.toContain('import.meta.env');
  }, 300_000);

  test('a packaged app ignores it even if built in development mode', () => {
    expect(rendererSource({ ...dev, packaged: true, devServerUrl: 'http://localhost:5173/' })).toBe(
      builtPage,
    );
  });

  test('a development build uses its loopback dev server, and nothing else', () => {
    expect(rendererSource({ ...dev, devServerUrl: 'http://localhost:5173/' })).toBe('http://localhost:5173/');
    expect(rendererSource({ ...dev, devServerUrl: 'http://127.0.0.1:5173' })).toBe('http://127.0.0.1:5173/');
    expect(rendererSource({ ...dev, devServerUrl: undefined })).toBe(builtPage);
    for (const url of [
      'https://evil.example/',
      'http://evil.example:5173/',
      'http://localhost.evil.example/',
      'file:///tmp/page.html',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(rendererSource({ ...dev, devServerUrl: url }), url).toBe(builtPage);
  });
});
