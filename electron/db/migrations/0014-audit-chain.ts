import type { Database } from 'better-sqlite3-multiple-ciphers';
import { sealUnchainedRows } from '../audit-chain';

/** Seals the rows written before the chain, in order, with the key of the connection (SQL has no key). */
export const step = (db: Database): void => void sealUnchainedRows(db);
