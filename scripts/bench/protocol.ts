// Messages between the benchmark (parent) and the process that hosts the Next.js server
// (server-host.ts). The host only serves HTTP and answers these; the load comes from outside.

export type BenchUser = {
  userId: string;
  email: string;
  password: string;
  /** Base32 TOTP secret, when two-factor authentication is on. */
  secret?: string;
  /** The time step the server last accepted for this user (enabling 2FA spends one). */
  lastTimeStep?: number;
  backupCodes?: string[];
};

export type HostRequest =
  | { id: number; type: "probe" }
  | { id: number; type: "counters" }
  | { id: number; type: "createUsers"; count: number; twoFactor: "off" | "pending" | "on"; backupCodes?: boolean; label: string }
  | { id: number; type: "rawVerify"; samples: number }
  | { id: number; type: "rawThroughput"; concurrency: number; total: number }
  | { id: number; type: "passwordStepDirect"; email: string; password: string }
  | { id: number; type: "eventLoop"; action: "start" | "stop" }
  | { id: number; type: "close" };

export type HostReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export type HostReady = { type: "ready"; port: number; distDir: string; database: "embedded" | "postgresql" };

export type EventLoopStats = {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
  /** CPU time of the server's main (event-loop) thread over the window, Linux only (else null). */
  mainThreadCpuMs: number | null;
  /** CPU time of the whole server process (main thread, thread pool: argon2, zlib; GC). */
  processCpuMs: number | null;
  /** CPU time of the libuv threads that ran argon2 in the raw baselines (null before one, or without /proc). */
  argon2PoolCpuMs: number | null;
};

/** `concurrency`: raw verifies in flight at once. */
export type RawThroughput = { perSecond: number; elapsedMs: number; total: number; concurrency: number; processCpuMs: number | null };

/**
 * Counters read in the server's process. CPU times come from Linux's schedstat (nanoseconds,
 * on-CPU time only): unlike elapsed times they do not grow while other processes hold the cores.
 */
export type Probe = { argon2: number; mainCpuMs: number | null; processCpuMs: number | null };

export type RawVerifySample = { ms: number; cpuMs: number | null };

export type DirectStep = { ms: number; argon2: number; outcome: string; mainCpuMs: number | null; processCpuMs: number | null };

/**
 * What became of the password attempts the server took in: hashes started (or queued), attempts
 * for unknown emails answered without a hash, and hashes refused by the full queue ("busy").
 * The hashes are heard on lib/crypto/argon2-channel.ts's channel; the other two are read from
 * globalThis, so a build without them reports 0 for them.
 */
export type Counters = { argon2: number; unknownEmailImitations: number; hashQueueRefusals: number };
