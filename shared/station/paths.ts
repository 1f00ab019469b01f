// Kept free of zod so the respondent's station page can import them without the API schemas.

/**
 * The LAN screening station (机房施测): respondents' browsers talk to these endpoints only,
 * on the listener the teacher starts. The staff API never appears there.
 */
export const STATION_PATH = '/station';
export const STATION_API = `${STATION_PATH}/api`;
