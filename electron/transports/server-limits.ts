import type { ServerOptions } from 'node:http';

/**
 * How long a client may take to send a request, for the two HTTP servers (staff loopback and LAN
 * station). Without these a client that sends its headers one byte at a time (slowloris) holds a
 * socket and parser open for as long as it likes; Node's defaults (60 s for headers, checked only
 * every 30 s; 300 s for the whole request) are far longer than either page ever needs.
 */
export interface ServerTimeouts {
  /** Until the request's last header line has arrived. */
  headersMs: number;
  /** Until the whole request, body included, has arrived (not the response: event streams live on). */
  requestMs: number;
  /** How long an idle kept-alive connection stays open between requests. */
  keepAliveMs: number;
}

export function serverOptions(timeouts: ServerTimeouts): ServerOptions {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node enforces the two request timeouts on this tick only: at its 30 s default a slow client
    // would get up to 30 s more than the limit says.
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(timeouts.headersMs / 2)),
  };
}
