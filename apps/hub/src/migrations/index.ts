import { InitialSchema1764300000000 } from './1764300000000-initial-schema';
import { SchemasAndEnumerations1764400000000 } from './1764400000000-schemas-and-enumerations';
import { SyncEngine1764500000000 } from './1764500000000-sync-engine';
import { ChangeCapture1764600000000 } from './1764600000000-change-capture';
import { ExportAndBidirectional1764700000000 } from './1764700000000-export-and-bidirectional';
import { ScaleOut1764800000000 } from './1764800000000-scale-out';
import { KeysAndAudit1764900000000 } from './1764900000000-keys-and-audit';

/** Every migration, in order. Listed explicitly: the host is bundled, so there is no folder to scan. */
export const migrations = [
  InitialSchema1764300000000,
  SchemasAndEnumerations1764400000000,
  SyncEngine1764500000000,
  ChangeCapture1764600000000,
  ExportAndBidirectional1764700000000,
  ScaleOut1764800000000,
  KeysAndAudit1764900000000,
];
