import { AppError, type ApiErrorCode } from '../../../shared/api/errors';
import { STATION_ERROR_STATUS, type StationErrorCode } from '../../../shared/api/station';

/**
 * A refusal the station page tells apart by its code (v2): already submitted, approval refused…
 * It is an AppError for everything else (status, message), with a station code on the wire.
 */
export class StationRefusal extends AppError {
  readonly status: number;
  constructor(
    readonly stationCode: StationErrorCode,
    message: string,
  ) {
    const base: ApiErrorCode =
      STATION_ERROR_STATUS[stationCode] === 403
        ? 'forbidden'
        : STATION_ERROR_STATUS[stationCode] === 401
          ? 'unauthenticated'
          : 'conflict';
    super(base, message);
    this.status = STATION_ERROR_STATUS[stationCode];
  }
}
