import type Database from 'better-sqlite3';

/**
 * The writer's view of `services`, `operation_names` and `operation_kinds`, cached so a batch inserts only names it
 * has not seen. Only valid while this process is the file's single writer; `reload()` after anything that may have
 * changed the tables behind its back (a rolled-back batch, a retention sweep).
 */
export class Catalog {
  private readonly services = new Map<string, number>();
  private readonly operations = new Map<string, number>();
  private readonly kinds = new Set<string>();
  private readonly insertService: Database.Statement<[string], unknown>;
  private readonly insertOperation: Database.Statement<[number, string], unknown>;
  private readonly insertKind: Database.Statement<[number, string], unknown>;
  private readonly raiseServiceLastStart: Database.Statement<[number, number], unknown>;
  private readonly raiseOperationLastStart: Database.Statement<[number, number], unknown>;
  /** Latest span start per service / operation id in the current batch, written by `flushLastStarts`. */
  private readonly serviceLastStarts = new Map<number, number>();
  private readonly operationLastStarts = new Map<number, number>();

  constructor(private readonly db: Database.Database) {
    this.insertService = db.prepare('INSERT INTO services (name) VALUES (?)');
    this.insertOperation = db.prepare('INSERT INTO operation_names (service_id, name) VALUES (?, ?)');
    this.insertKind = db.prepare('INSERT OR IGNORE INTO operation_kinds (operation_id, span_kind) VALUES (?, ?)');
    this.raiseServiceLastStart = db.prepare('UPDATE services SET last_start = max(last_start, ?) WHERE id = ?');
    this.raiseOperationLastStart = db.prepare('UPDATE operation_names SET last_start = max(last_start, ?) WHERE id = ?');
    this.reload();
  }

  reload(): void {
    this.services.clear();
    this.operations.clear();
    this.kinds.clear();
    this.serviceLastStarts.clear();
    this.operationLastStarts.clear();
    const services = this.db.prepare<[], { id: number; name: string }>('SELECT id, name FROM services').all();
    for (const { id, name } of services) this.services.set(name, id);
    const operations = this.db
      .prepare<[], { id: number; service_id: number; name: string }>('SELECT id, service_id, name FROM operation_names')
      .all();
    for (const op of operations) this.operations.set(operationKey(op.service_id, op.name), op.id);
    const kinds = this.db
      .prepare<[], { operation_id: number; span_kind: string }>('SELECT operation_id, span_kind FROM operation_kinds')
      .all();
    for (const kind of kinds) this.kinds.add(`${kind.operation_id}\u0000${kind.span_kind}`);
  }

  /** Must run inside the batch's transaction. */
  noteStart(serviceId: number, operationId: number, startTime: number): void {
    if (startTime > (this.serviceLastStarts.get(serviceId) ?? -Infinity)) this.serviceLastStarts.set(serviceId, startTime);
    if (startTime > (this.operationLastStarts.get(operationId) ?? -Infinity)) {
      this.operationLastStarts.set(operationId, startTime);
    }
  }

  /** Records the batch's latest starts (retention deletes names whose last start is older than every span). */
  flushLastStarts(): void {
    for (const [id, start] of this.serviceLastStarts) this.raiseServiceLastStart.run(start, id);
    for (const [id, start] of this.operationLastStarts) this.raiseOperationLastStart.run(start, id);
    this.serviceLastStarts.clear();
    this.operationLastStarts.clear();
  }

  /** Must run inside the batch's transaction. */
  serviceId(name: string): number {
    let id = this.services.get(name);
    if (id === undefined) {
      id = Number(this.insertService.run(name).lastInsertRowid);
      this.services.set(name, id);
    }
    return id;
  }

  /** Must run inside the batch's transaction. */
  operationId(serviceId: number, name: string, spanKind: string): number {
    const key = operationKey(serviceId, name);
    let id = this.operations.get(key);
    if (id === undefined) {
      id = Number(this.insertOperation.run(serviceId, name).lastInsertRowid);
      this.operations.set(key, id);
    }
    const kindKey = `${id}\u0000${spanKind}`;
    if (!this.kinds.has(kindKey)) {
      this.insertKind.run(id, spanKind);
      this.kinds.add(kindKey);
    }
    return id;
  }
}

function operationKey(serviceId: number, name: string): string {
  return `${serviceId}\u0000${name}`;
}
