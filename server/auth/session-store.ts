import { createHash, randomBytes } from "node:crypto";
import { type Caller, rolesFrom } from "../core/caller.js";
import type { Database } from "../database/database.js";
import { SESSIONS_TABLE } from "../database/migrations/1716800000002-create-sessions-table.js";
import type { SqlStatement } from "../database/sql-statement.js";
import type { Sealer } from "./sealed.js";

export interface SessionLifetime {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session this old ends, used or not. */
  maxAgeMs: number;
}

export interface Session {
  caller: Caller;
  /** The identity provider's ID token (its sign-out wants it as a hint). */
  idToken?: string;
}

/** Last use is written at most this often: a write per request would cost more than it tells. */
const TOUCH_EVERY_MS = 60_000;

interface SessionRow {
  subject: string;
  name: string;
  roles: string;
  id_token: string | null;
  last_seen_at: number | string;
  expires_at: number | string;
}

/** The key a session is stored under: its id's SHA-256, so the table alone cannot be replayed as cookies. */
function keyOf(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

/**
 * Sessions in the database, so that every replica knows them and signing out ends one
 * everywhere. A session ends after its idle time or its absolute lifetime, whichever is first.
 */
export class SessionStore {
  private readonly table: string;

  constructor(
    private readonly database: Database,
    private readonly lifetime: SessionLifetime,
    private readonly tokens: Sealer,
    private readonly now: () => number = Date.now,
  ) {
    this.table = database.dialect.quote(SESSIONS_TABLE);
  }

  private statement(sql: string, ...params: unknown[]): SqlStatement {
    let index = 0;
    return { sql: sql.replace(/\?/g, () => this.database.dialect.placeholder(index++)), params };
  }

  /** A new session for a caller who has just signed in; returns its id (for the cookie alone). */
  async create(session: Session): Promise<string> {
    const id = randomBytes(32).toString("base64url");
    const now = this.now();
    const { caller } = session;
    await this.database.write([
      this.statement(
        `INSERT INTO ${this.table} (id_hash, subject, name, roles, id_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        keyOf(id),
        caller.subject.slice(0, 255),
        caller.name.slice(0, 255),
        caller.roles.join(" "),
        session.idToken ? this.tokens.seal(session.idToken) : null,
        now,
        now,
        now + this.lifetime.maxAgeMs,
      ),
    ]);
    return id;
  }

  /** The live session with this id, or undefined (unknown, ended, idle too long or too old). */
  async find(id: string): Promise<Session | undefined> {
    const row = await this.row(id);
    if (!row) return undefined;
    const now = this.now();
    const lastSeen = Number(row.last_seen_at);
    if (now >= Number(row.expires_at) || now - lastSeen >= this.lifetime.idleMs) {
      await this.end(id);
      return undefined;
    }
    if (now - lastSeen >= TOUCH_EVERY_MS) {
      await this.database.write([this.statement(`UPDATE ${this.table} SET last_seen_at = ? WHERE id_hash = ?`, now, keyOf(id))]);
    }
    return this.sessionOf(row);
  }

  /** Ends a session; returns what it was, for the identity provider's sign-out. */
  async end(id: string): Promise<Session | undefined> {
    const row = await this.row(id);
    await this.database.write([this.statement(`DELETE FROM ${this.table} WHERE id_hash = ?`, keyOf(id))]);
    return row ? this.sessionOf(row) : undefined;
  }

  /** Deletes every session that has ended (by age or by idleness). */
  async sweep(): Promise<void> {
    const now = this.now();
    await this.database.write([
      this.statement(`DELETE FROM ${this.table} WHERE expires_at <= ? OR last_seen_at <= ?`, now, now - this.lifetime.idleMs),
    ]);
  }

  private async row(id: string): Promise<SessionRow | undefined> {
    const [row] = await this.database.read<SessionRow>(
      this.statement(`SELECT subject, name, roles, id_token, last_seen_at, expires_at FROM ${this.table} WHERE id_hash = ?`, keyOf(id)),
    );
    return row;
  }

  private sessionOf(row: SessionRow): Session {
    const idToken = row.id_token ? this.tokens.unseal(row.id_token) : undefined;
    return {
      caller: { subject: row.subject, name: row.name, roles: rolesFrom(row.roles.split(" ")) },
      ...(idToken ? { idToken } : {}),
    };
  }
}
