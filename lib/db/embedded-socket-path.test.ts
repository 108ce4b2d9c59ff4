import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedSocketPath } from "./embedded-socket-path";

describe("embeddedSocketPath", () => {
  it("is .s.PGSQL.5432 in DATA_DIR, where pg looks with host = DATA_DIR and port 5432", () => {
    expect(embeddedSocketPath("/srv/nidan/.data")).toEqual({ socketPath: "/srv/nidan/.data/.s.PGSQL.5432", inTemporaryDirectory: false });
  });

  it("moves to a short directory of its own under tmpdir when the path is too long for a unix socket", () => {
    const longDataDir = `/srv/${"deep/".repeat(30)}.data`;
    const { socketPath, inTemporaryDirectory } = embeddedSocketPath(longDataDir);
    expect(inTemporaryDirectory).toBe(true);
    expect(path.dirname(path.dirname(socketPath))).toBe(os.tmpdir());
    expect(path.basename(path.dirname(socketPath))).toMatch(/^nidan-[0-9a-f]{16}$/);
    expect(Buffer.byteLength(socketPath)).toBeLessThanOrEqual(100);
    expect(embeddedSocketPath(longDataDir)).toEqual({ socketPath, inTemporaryDirectory });
  });
});
