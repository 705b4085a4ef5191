import { InitialSchema1764300000000 } from './1764300000000-initial-schema';

/** Every migration, in order. Listed explicitly: the host is bundled, so there is no folder to scan. */
export const migrations = [InitialSchema1764300000000];
