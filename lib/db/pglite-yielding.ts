import type { PGlite, Transaction } from "@electric-sql/pglite";

/**
 * PGlite runs each query synchronously on the main thread, and its mutex passes to the next
 * waiting query inside the same microtask checkpoint: under load, every waiting request's
 * query and the code between them ran as one block, and the event loop (timers, sockets)
 * waited for the whole queue — a p99 delay above a second in `npm run bench` (ADR 0003).
 *
 * So calls go through a queue of our own, one at a time (PGlite runs one at a time anyway),
 * each started in a later turn of the loop than the previous one's end. A transaction is one
 * item: its own queries each start in a new turn too, but inside it, since it holds PGlite.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

type Queryable = Pick<Transaction, "query" | "exec">;
type Call = (...args: unknown[]) => Promise<unknown>;

function wrapQueries<T extends Queryable>(target: T, schedule: (call: () => Promise<unknown>) => Promise<unknown>): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      // Bound to the real object: PGlite keeps private state that a proxy `this` cannot reach.
      const method = value.bind(object) as Call;
      if (property !== "query" && property !== "exec") return method;
      return (...args: unknown[]) => schedule(() => method(...args));
    },
  });
}

async function afterATurn(call: () => Promise<unknown>): Promise<unknown> {
  await nextTurn();
  return call();
}

/** The PGlite instance Prisma's adapter uses, with every query, script and transaction queued as above. */
export function yieldingPGlite(pglite: PGlite): PGlite {
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = (call: () => Promise<unknown>): Promise<unknown> => {
    const run = tail.then(nextTurn).then(call);
    tail = run.catch(() => undefined);
    return run;
  };
  const queries = wrapQueries(pglite, inTurn);
  return new Proxy(pglite, {
    get(object, property) {
      if (property !== "transaction") return Reflect.get(queries, property);
      return (callback: (tx: Transaction) => Promise<unknown>) =>
        inTurn(() => object.transaction((tx) => callback(wrapQueries(tx, afterATurn))));
    },
  });
}
