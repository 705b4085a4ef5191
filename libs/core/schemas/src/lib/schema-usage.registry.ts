import { Injectable } from '@nestjs/common';

/** Something that uses schemas (sync jobs) and can name its users of one. */
export interface SchemaUser {
  /** What the users are, for the error message: e.g. "sync job". */
  kind: string;
  find(schemaId: string): Promise<string[]>;
}

/**
 * Features that refer to schemas register here, so that deleting a schema still in use is refused
 * (409) with the list of its users.
 */
@Injectable()
export class SchemaUsageRegistry {
  private readonly users: SchemaUser[] = [];

  register(user: SchemaUser): void {
    this.users.push(user);
  }

  async usersOf(schemaId: string): Promise<string[]> {
    const found = await Promise.all(this.users.map(async (u) => (await u.find(schemaId)).map((name) => `${u.kind} '${name}'`)));
    return found.flat();
  }
}
