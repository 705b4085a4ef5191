import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

/** One CRM object to mirror, with the fields to keep (default: every readable field). */
export class SchemaObjectSelectionDto {
  @ApiProperty({ example: 'Contact' })
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiPropertyOptional({ type: [String], example: ['LastName', 'Email', 'MailingAddress'], description: 'Default: every readable field' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  fields?: string[];
}

/** `POST /api/accounts/:id/schemas`: the objects (and fields) the wizard selected. */
export class GenerateSchemasDto {
  @ApiProperty({ type: [SchemaObjectSelectionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SchemaObjectSelectionDto)
  objects!: SchemaObjectSelectionDto[];
}
