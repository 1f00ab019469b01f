/** Languages every built-in text carries; custom definitions must carry both too. */
export const languages = ['zh', 'en'] as const;
export type Language = (typeof languages)[number];
