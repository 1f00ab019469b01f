import { beforeAll, expect, test } from 'vitest';
import type { HubDb } from '../../../electron/hub/db/hub-db';
import { hubDispatch } from '../../../electron/hub/dispatch';
import { localToday, type HubContext } from '../../../electron/hub/handlers';
import { openHubSession } from '../../../electron/hub/sessions';
import { createHubUser } from '../../../electron/hub/services/users';
import { HUB_ROLE_LIST, hubCan, hubContract, hubMethods, type HubRole } from '../../../shared/hub/contract';
import { testHub } from '../../helpers/hub-core';
import { describeHubStores } from '../../helpers/hub-db';

// Every hub method against every role, through the real dispatcher: a role the contract does not
// list is refused before its input is even read; a listed one gets as far as the input check (the
// input here is always wrong, so nothing is done); without a session, only public methods answer.

describeHubStores('hub authorization matrix', (store) => {
  let db: HubDb;
  let ctx: HubContext;
  const tokens = new Map<HubRole, string>();

  beforeAll(async () => {
    db = await store.open();
    const hub = await testHub(db);
    ctx = { db, keys: hub.keys, today: () => localToday() };
    for (const role of HUB_ROLE_LIST) {
      const user = await createHubUser(db, {
        username: `u-${role}`,
        displayName: role,
        role,
        scope: { kind: 'district' },
        password: 'matrix password',
      });
      tokens.set(role, await openHubSession(db, user.id));
    }
  });

  test('each role reaches exactly the methods the contract gives it', async () => {
    const wrongInput = { notAField: true };
    for (const method of hubMethods) {
      const spec = hubContract[method];
      const anonymous = await hubDispatch(ctx, method, wrongInput, undefined);
      expect([method, anonymous.result.ok ? 'ok' : anonymous.result.error.code]).toEqual([
        method,
        spec.roles === 'public' ? 'invalid_input' : 'unauthenticated',
      ]);
      for (const role of HUB_ROLE_LIST) {
        const answer = await hubDispatch(ctx, method, wrongInput, tokens.get(role));
        const code = answer.result.ok ? 'ok' : answer.result.error.code;
        expect([method, role, code]).toEqual([
          method,
          role,
          hubCan(role, method) ? 'invalid_input' : 'forbidden',
        ]);
      }
    }
  });

  test('a refused role learns nothing of the input’s shape', async () => {
    const answer = await hubDispatch(ctx, 'hub.users.add', { username: 1 }, tokens.get('viewer'));
    expect(answer.result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Your role does not allow this action.' },
    });
  });
});
