import type { HandlerGroup } from '../dispatch';
import type { passwordChange } from '../session/passwordChange';

export const accountHandlers = (changePassword: ReturnType<typeof passwordChange>) =>
  ({
    'auth:changePassword': ({ account, passwords }) => changePassword(account, passwords),
  }) satisfies HandlerGroup<'auth:changePassword'>;
