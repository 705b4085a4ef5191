import { Injectable } from '@nestjs/common';

/** Something that can use an account (sync jobs, schemas…) and can list its users of it. */
export interface AccountUser {
  /** What the users are, for the error message: e.g. "sync job". */
  kind: string;
  /** Names of the things that use the account. */
  find(accountId: string): Promise<string[]>;
}

/**
 * Features that refer to accounts register here, so that deleting an account still in use is
 * refused (409) with the list of its users, instead of leaving them dangling.
 */
@Injectable()
export class AccountUsageRegistry {
  private readonly users: AccountUser[] = [];

  register(user: AccountUser): void {
    this.users.push(user);
  }

  async usersOf(accountId: string): Promise<string[]> {
    const found = await Promise.all(
      this.users.map(async (u) => (await u.find(accountId)).map((name) => `${u.kind} '${name}'`)),
    );
    return found.flat();
  }
}
