import net from "node:net";
import { SMTPServer } from "smtp-server";

/** One message as the SMTP receiver got it, with the headers and text decoded for reading. */
export type ReceivedMail = {
  envelopeTo: string[];
  /** The raw RFC 5322 message, as sent over the wire. */
  raw: string;
  subject: string;
  /** The text body, decoded from quoted-printable or base64. */
  text: string;
};

export type Mailbox = {
  port: number;
  messages: ReceivedMail[];
  close(): Promise<void>;
};

/**
 * A real SMTP receiver on a free loopback port: the app's nodemailer transport talks to it
 * over SMTP exactly as it would to a relay. No STARTTLS (plain smtp:// on loopback), no AUTH.
 * `port` reopens a receiver where one was, for a relay that comes back.
 */
export async function startMailbox(options: { port?: number } = {}): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()), raw, ...decodeMessage(raw) });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * An SMTP server that has hung: it takes the connection and never greets, so a client waits
 * out its greeting timeout. What a sign-in used to wait for when mail was sent inline.
 */
export async function startHungSmtpServer(port: number): Promise<{ connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    connections: () => connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Enough of RFC 2045/2047 for nodemailer's single-part text mails (no mailparser installed). */
function decodeMessage(raw: string): { subject: string; text: string } {
  const separator = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, separator).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(separator + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1] ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  let text = body;
  if (encoding === "base64") text = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") text = decodeQuotedPrintable(body);
  return { subject: decodeEncodedWords(header("Subject")), text };
}

function decodeQuotedPrintable(body: string): string {
  const softBreaksRemoved = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let index = 0; index < softBreaksRemoved.length; index += 1) {
    const match = /^=([0-9A-F]{2})/i.exec(softBreaksRemoved.slice(index, index + 3));
    if (match) {
      bytes.push(parseInt(match[1], 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(softBreaksRemoved[index], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_word, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}
