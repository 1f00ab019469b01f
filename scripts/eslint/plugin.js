import { fences } from './fences.js';
import { noCastParse } from './no-cast-parse.js';
import { noJsxLiterals } from './no-jsx-literals.js';

/** The project's own lint rules (eslint.config.js registers them as `anxin/*`). */
export default { rules: { 'no-jsx-literals': noJsxLiterals, 'no-cast-parse': noCastParse, fences } };
