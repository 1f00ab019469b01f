import type { ApiMethod, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { User } from '../../shared/api/auth';
import type { Db } from '../db/database';
import { appStatus, login, logout, recover, setup } from '../services/auth';
import type { AppContext } from '../services/context';
import { databaseInfo } from '../services/info';
import { addStudent, listStudents } from '../services/students';

/** What a handler of a logged-in method receives; null for public methods. */
export interface Session {
  db: Db;
  user: User;
}

type Handler<M extends ApiMethod> = (
  input: ApiParsedInput<M>,
  ctx: AppContext,
  session: Session,
) => ApiOutput<M> | Promise<ApiOutput<M>>;

export type Handlers = { [M in ApiMethod]: Handler<M> };

/** Every method of the contract, mapped onto the services; the compiler checks none is missing. */
export const handlers: Handlers = {
  'app.status': (_input, ctx) => appStatus(ctx),
  'auth.setup': (input, ctx) => setup(ctx, input),
  'auth.login': async (input, ctx) => ({ user: await login(ctx, input.username, input.password) }),
  'auth.recover': (input, ctx) => recover(ctx, input.recoveryCode, input.username, input.newPassword),
  'auth.logout': (_input, ctx) => {
    logout(ctx);
    return {};
  },
  'db.info': (_input, _ctx, { db }) => databaseInfo(db),
  'students.add': (input, _ctx, { db }) => addStudent(db, input),
  'students.list': (input, _ctx, { db }) => listStudents(db, input),
};
