import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';

/** `POST /api/schemas/:id/apply-drift` options. */
export class ApplyDriftDto {
  @ApiPropertyOptional({ description: 'Apply the safe changes and leave unsafe type changes as they are (default: refuse, 409)' })
  @IsOptional()
  @IsBoolean()
  skipUnsafe?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Add only these new CRM fields (default: every new field)' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  addFields?: string[];
}
