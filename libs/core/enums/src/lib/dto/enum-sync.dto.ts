import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

/** One CRM picklist to import into a hub enumeration. */
export class EnumBindingDto {
  @ApiProperty({ example: 'Contact.LeadSource', description: 'A picklist id from GET /api/accounts/:id/picklists' })
  @IsString()
  @Length(1, 255)
  enumId!: string;

  @ApiProperty({ example: 'lead_source', description: 'The hub enumeration (created when missing)' })
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, { message: 'enumeration must be a name of letters, digits, _ . - (starting with a letter, at most 100)' })
  enumeration!: string;

  @ApiPropertyOptional({ default: false, description: 'true: make the enumeration exactly the CRM values; false: add new values and update labels, keep the others' })
  @IsOptional()
  @IsBoolean()
  replace?: boolean;

  @ApiPropertyOptional({ description: 'Label of a new enumeration (default: the picklist label)' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  label?: string;
}

/** `POST /api/accounts/:id/enum-sync`. Without `bindings`, every binding remembered for the account is synced again. */
export class EnumSyncDto {
  @ApiPropertyOptional({ type: [EnumBindingDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => EnumBindingDto)
  bindings?: EnumBindingDto[];
}
