import type { ApiErrorCode } from '../../../shared/api/errors';

/** Server codes plus the one failure only the client can see: the service is unreachable. */
export type ClientErrorCode = ApiErrorCode | 'network';
