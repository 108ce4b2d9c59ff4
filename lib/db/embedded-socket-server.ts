// The process that holds the embedded database serves it to one other process at a time
// (a command such as `npm run user:create`) on a unix socket, over the PostgreSQL protocol.
import { chmodSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";

/** A client holding the database inside a transaction and silent this long is disconnected (rolled back). */
const idleInTransactionTimeoutMs = 30_000;

const messageType = { query: 0x51, sync: 0x53, terminate: 0x58 } as const;

/** Asked for while another process already uses the socket: PostgreSQL's too_many_connections. */
export const busySqlState = "53300";
export const busyMessage = "the embedded database is already serving another command; run this one when it ends";

/** A FATAL ErrorResponse, the way PostgreSQL refuses a connection. */
function errorResponse(sqlState: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${sqlState}\0M${message}\0\0`, "utf8");
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, "utf8");
  const header = Buffer.alloc(5);
  header.writeUInt8(messageType.query, 0);
  header.writeInt32BE(4 + text.length, 1);
  return new Uint8Array(Buffer.concat([header, text]));
}

/** Holds PGlite's transaction mutex, which the app's own queries and transactions take first. */
function holdTransactionLock(pglite: PGlite): Promise<() => void> {
  return new Promise((acquired) => {
    void pglite._runExclusiveTransaction(() => new Promise<void>((release) => acquired(release)));
  });
}

/**
 * One client's statements, in order, never inside one of the app's transactions nor the app's
 * inside theirs: the client holds PGlite's transaction mutex from its first message until a
 * message that ends a cycle (a simple Query, a Sync, the startup) leaves no transaction open.
 * pglite-socket's own queue takes only the query mutex, which the app's transactions release
 * between their statements, so its clients' statements landed inside them.
 */
class ExclusiveClientSession {
  private tail: Promise<unknown> = Promise.resolve();
  private release: (() => void) | null = null;
  private spoke = false;
  private closed = false;
  private stallTimer: NodeJS.Timeout | undefined;

  private pglite!: PGlite;

  constructor(
    private readonly opening: Promise<PGlite>,
    private readonly onStall: () => void,
  ) {}

  enqueue(_handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const run = this.tail.then(() => this.run(message, onData));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async run(message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (this.closed) throw new Error("client disconnected");
    // Terminate would end PGlite's one backend, which the app is using: the socket closing is enough.
    if (message[0] === messageType.terminate) return 0;
    this.pglite = await this.opening;
    clearTimeout(this.stallTimer);
    this.release ??= await holdTransactionLock(this.pglite);
    this.spoke = true;
    let bytes = 0;
    await this.pglite.runExclusive(() =>
      this.pglite.execProtocolRawStream(message, {
        onRawData: (data) => {
          bytes += data.length;
          onData(data);
        },
      }),
    );
    // A startup message has no type byte: its first byte is its length's highest, 0.
    const endsCycle = message[0] === messageType.query || message[0] === messageType.sync || message[0] === 0;
    if (endsCycle && !this.pglite.isInTransaction()) this.unlock();
    else this.stallTimer = setTimeout(this.onStall, idleInTransactionTimeoutMs);
    return bytes;
  }

  private unlock() {
    clearTimeout(this.stallTimer);
    this.release?.();
    this.release = null;
  }

  clearQueueForHandler(): void {
    this.closed = true;
  }

  /** On disconnect: whatever the client left open or set is undone before the app goes on. */
  async clearTransactionIfNeeded(): Promise<void> {
    await this.tail;
    if (!this.spoke) return;
    this.release ??= await holdTransactionLock(this.pglite);
    try {
      const run = (sql: string) => this.pglite.runExclusive(() => this.pglite.execProtocolRaw(simpleQuery(sql)));
      if (this.pglite.isInTransaction()) await run("ROLLBACK");
      await run("DEALLOCATE ALL; RESET ALL");
    } finally {
      this.spoke = false;
      this.unlock();
    }
  }
}

export type EmbeddedSocketServer = { close(): Promise<void> };

/**
 * Listens on `socketPath` (which must not exist: EADDRINUSE otherwise) and serves the database
 * to one client at a time; a second one is refused at once with `busyMessage`. Listening comes
 * first, before PGlite opens (`opening`), so that the socket is the claim on the directory.
 * The socket file is this user's only.
 */
export async function serveEmbeddedDatabase(options: { opening: Promise<PGlite>; socketPath: string }): Promise<EmbeddedSocketServer> {
  let current: Socket | null = null;
  const server: Server = createServer((socket) => {
    if (current) {
      socket.end(errorResponse(busySqlState, busyMessage));
      return;
    }
    current = socket;
    socket.once("close", () => {
      if (current === socket) current = null;
    });
    const session = new ExclusiveClientSession(options.opening, () => socket.destroy());
    // Its framing (startup, SSL and cancel requests, split messages) is reused; the queue is ours.
    const handler = new PGLiteSocketHandler({
      queryQueue: session as unknown as PGLiteSocketHandlerOptions["queryQueue"],
      closeOnDetach: true,
    });
    handler.addEventListener("error", (event) => {
      console.error(`[db] socket client: ${String((event as CustomEvent<unknown>).detail)}`);
    });
    void handler.attach(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
  chmodSync(options.socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        current?.destroy();
        server.close(() => resolve());
      }),
  };
}
