import { networkInterfaces } from 'node:os';
import type { NetworkInterface } from '../../../shared/api/station';

/** The IPv4 addresses a station can listen on; the teacher picks the lab network's one. */
export function listInterfaces(): NetworkInterface[] {
  return Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? [])
      .filter((a) => a.family === 'IPv4')
      .map((a) => ({ name, address: a.address, internal: a.internal })),
  );
}

/** Only this computer's own addresses: a typo must not open a listener on every interface. */
export function isOwnAddress(host: string): boolean {
  return host === '127.0.0.1' || listInterfaces().some((i) => i.address === host);
}
