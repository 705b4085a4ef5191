import { InitialSchema1764300000000 } from './1764300000000-initial-schema';
import { SchemasAndEnumerations1764400000000 } from './1764400000000-schemas-and-enumerations';

/** Every migration, in order. Listed explicitly: the host is bundled, so there is no folder to scan. */
export const migrations = [InitialSchema1764300000000, SchemasAndEnumerations1764400000000];
