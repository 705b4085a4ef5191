import { Injectable } from '@nestjs/common';

/**
 * Where enumeration names and labels come from, for schema views and record browsing. The enums
 * feature registers itself here (it depends on schemas, not the other way round).
 */
export interface EnumerationSource {
  names(enumerationIds: string[]): Promise<Map<string, string>>;
  /** enumeration id → (value → label) */
  labels(enumerationIds: string[]): Promise<Map<string, Map<string, string>>>;
}

@Injectable()
export class EnumerationDirectory implements EnumerationSource {
  private source: EnumerationSource | undefined;

  register(source: EnumerationSource): void {
    this.source = source;
  }

  names(ids: string[]): Promise<Map<string, string>> {
    return ids.length && this.source ? this.source.names(ids) : Promise.resolve(new Map());
  }

  labels(ids: string[]): Promise<Map<string, Map<string, string>>> {
    return ids.length && this.source ? this.source.labels(ids) : Promise.resolve(new Map());
  }
}
